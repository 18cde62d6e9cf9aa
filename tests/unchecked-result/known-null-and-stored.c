// unchecked-result: a use on a path where a test showed the result IS NULL
// (a status set on failure without bailing out, `||` instead of `&&`, the
// wrong arm of a ?:) is reported like an unchecked one. Storing the result
// somewhere (ext->p = p) hands the memory on, but the local still holds the
// same value: a later use through it before any test is reported too, and a
// test of either the local or the place it was stored in is a check.
#include <wdm.h>

typedef struct _CTX {
	ULONG A;
} CTX, *PCTX;

typedef struct _EXT {
	PULONG Counts;
	PCTX Ctx;
} EXT, *PEXT;

#define TAG 'xtxC'

NTSTATUS bad_status_not_tested(VOID)
{
	NTSTATUS status = STATUS_SUCCESS;
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c == NULL)
		status = STATUS_INSUFFICIENT_RESOURCES;
	c->A = 1; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(c, TAG);
	return status;
}

NTSTATUS good_status_tested(VOID)
{
	NTSTATUS status = STATUS_SUCCESS;
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c == NULL)
		status = STATUS_INSUFFICIENT_RESOURCES;
	if (NT_SUCCESS(status)) {
		c->A = 1;
		ExFreePoolWithTag(c, TAG);
	}
	return status;
}

NTSTATUS bad_or_instead_of_and(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c != NULL ||
	    c->A == 0) { // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
		if (c)
			ExFreePoolWithTag(c, TAG);
		return STATUS_SUCCESS;
	}
	return STATUS_SUCCESS;
}

ULONG bad_wrong_arm(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);
	ULONG a = c ? 0 : c->A; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}

	if (c)
		ExFreePoolWithTag(c, TAG);
	return a;
}

ULONG bad_use_after_guarded_read(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);
	ULONG a = c ? c->A : 0;

	c->A = a + 1; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(c, TAG);
	return a;
}

NTSTATUS bad_store_then_use_local(PEXT ext, SIZE_T n)
{
	PULONG c = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	ext->Counts = c;
	c[0] = 1; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	return STATUS_SUCCESS;
}

NTSTATUS bad_store_then_pass(PEXT ext, SIZE_T n)
{
	PULONG c = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	ext->Counts = c;
	RtlZeroMemory(c, n); // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is passed to 'RtlZeroMemory' here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_store_then_test_local(PEXT ext, SIZE_T n)
{
	PULONG c = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	ext->Counts = c;
	if (!c)
		return STATUS_INSUFFICIENT_RESOURCES;
	c[0] = 1;
	return STATUS_SUCCESS;
}

NTSTATUS good_store_then_test_field(PEXT ext)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	ext->Ctx = c;
	if (ext->Ctx == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	c->A = 1;
	return STATUS_SUCCESS;
}

NTSTATUS good_store_then_free_local(PEXT ext)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	ext->Ctx = c;
	c->A = 1;
	ExFreePoolWithTag(c, TAG);
	ext->Ctx = NULL;
	return STATUS_SUCCESS;
}
