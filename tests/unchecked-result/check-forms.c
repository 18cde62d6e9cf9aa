// unchecked-result: any test of the variable counts as a check on the paths
// it guards: `if (!p) return`, `if (p == NULL) goto cleanup`,
// `if (p != NULL) { ... }`, a test early in an `&&` chain, a test inside a
// macro of the driver's own, and a status variable set when the test fails
// and tested with NT_SUCCESS before the use. A test after the use, or an
// NT_ASSERT/ASSERT (nothing in a release build, where Driver Verifier's
// low-resources simulation still makes the call fail), is not a check.
#include <wdm.h>

typedef struct _CTX {
	ULONG State;
	PVOID Buffer;
} CTX, *PCTX;

#define CTX_TAG 'xtxC'
#define BAIL_IF_NULL(p) do { if ((p) == NULL) return STATUS_INSUFFICIENT_RESOURCES; } while (0)
#define IS_PRESENT(p) ((p) != NULL)

NTSTATUS good_not_return(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (!c)
		return STATUS_INSUFFICIENT_RESOURCES;
	c->State = 1;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_goto_cleanup(SIZE_T n)
{
	NTSTATUS status = STATUS_SUCCESS;
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	PVOID b = NULL;

	if (c == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto cleanup;
	}
	b = ExAllocatePoolWithTag(NonPagedPoolNx, n, CTX_TAG);
	if (b == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto cleanup;
	}
	RtlZeroMemory(b, n);
	c->Buffer = b;
	b = NULL;
	c->State = 2;
cleanup:
	if (b != NULL)
		ExFreePoolWithTag(b, CTX_TAG);
	if (c != NULL)
		ExFreePoolWithTag(c, CTX_TAG);
	return status;
}

NTSTATUS good_not_null_block(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (c != NULL) {
		c->State = 3;
		ExFreePoolWithTag(c, CTX_TAG);
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_and_chain(ULONG state)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (c && state)
		c->State = state;
	if (c != NULL && c->State == 0)
		c->State = 1;
	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_and_chain_wrong_order(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (c->State == 0 && c != NULL) // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
		c->State = 1;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_macro_return(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	BAIL_IF_NULL(c);
	c->State = 4;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_macro_condition(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (!IS_PRESENT(c))
		return STATUS_INSUFFICIENT_RESOURCES;
	c->State = 5;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_status_variable(VOID)
{
	NTSTATUS status = STATUS_SUCCESS;
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	if (c == NULL)
		status = STATUS_INSUFFICIENT_RESOURCES;
	if (!NT_SUCCESS(status))
		return status;
	c->State = 6;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_assign_in_condition(PVOID va, ULONG len)
{
	PMDL mdl;

	if ((mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL)) == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	MmBuildMdlForNonPagedPool(mdl);
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}

NTSTATUS bad_checked_too_late(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	c->State = 7; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	if (c == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_nt_assert(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	NT_ASSERT(c != NULL);
	c->State = 8; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_assert(VOID)
{
	PCTX c = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*c), CTX_TAG);

	ASSERT(c);
	c->State = 9; // expected-warning{{'c' from 'ExAllocatePoolWithTag' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(c, CTX_TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_other_variable_checked(VOID)
{
	PCTX a = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*a), CTX_TAG);
	PCTX b = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*b), CTX_TAG);

	/* Copy-paste slip: a is tested twice, b never. */
	if (a == NULL || a == NULL) {
		if (a)
			ExFreePoolWithTag(a, CTX_TAG);
		if (b)
			ExFreePoolWithTag(b, CTX_TAG);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	a->State = 1;
	b->State = 1; // expected-warning{{'b' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(b, CTX_TAG);
	ExFreePoolWithTag(a, CTX_TAG);
	return STATUS_SUCCESS;
}
