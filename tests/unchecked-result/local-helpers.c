// unchecked-result through functions of the same file: an allocating helper
// whose NULL and non-NULL paths join before one `return c;` is an allocation
// that may return NULL; a helper that dereferences its pointer parameter on
// every path before any test is a use of what it is passed. A helper that
// tests its parameter first handles NULL itself.
#include <wdm.h>

typedef struct _CTX {
	ULONG A;
	ULONG B;
} CTX, *PCTX;

#define TAG 'xtxC'

static PCTX AllocZeroed(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c != NULL)
		c->B = 0;
	return c;
}

ULONG bad_use_join(VOID)
{
	PCTX c = AllocZeroed();

	c->A = 1; // expected-warning{{'c' from 'AllocZeroed' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(c, TAG);
	return 0;
}

VOID bad_free_join(VOID)
{
	PCTX c = AllocZeroed();

	ExFreePoolWithTag(c, TAG); // expected-warning{{'c' from 'AllocZeroed' may be NULL and is passed to 'ExFreePoolWithTag' here}}
}

ULONG good_use_join(VOID)
{
	PCTX c = AllocZeroed();

	if (c == NULL)
		return 0;
	c->A = 1;
	ExFreePoolWithTag(c, TAG);
	return 1;
}

static VOID SetA(PCTX c)
{
	c->A = 7;
}

static VOID SetAIfAny(PCTX c)
{
	if (c)
		c->A = 7;
}

static VOID SetAThroughHelper(ULONG v, PCTX c)
{
	UNREFERENCED_PARAMETER(v);
	SetA(c);
}

static VOID SetASometimes(PCTX c, BOOLEAN now)
{
	if (now)
		c->A = 7;
}

NTSTATUS bad_helper_then_free(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	SetA(c); // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is passed to 'SetA' here}}
	ExFreePoolWithTag(c, TAG);
	return STATUS_SUCCESS;
}

VOID bad_only_helper(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	SetA(c); // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is passed to 'SetA' here}}
	*out = c;
}

VOID bad_helper_chain(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	SetAThroughHelper(1, c); // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is passed to 'SetAThroughHelper' here}}
	*out = c;
}

VOID good_helper_tests(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	SetAIfAny(c);
	*out = c;
}

VOID good_helper_sometimes(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	SetASometimes(c, FALSE);
	*out = c;
}

VOID good_helper_after_test(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), TAG);

	if (c == NULL)
		return;
	SetA(c);
	*out = c;
}
