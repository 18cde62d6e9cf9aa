// unchecked-result: a ?:, && or || written outside an if/while condition (an
// initialiser, the right side of an assignment, a return, an argument) guards
// its operands like an if does: `c ? c->A : 0` dereferences c only where it is
// not NULL. The CFG keeps such an expression in one element when its operands
// call nothing; the path engine follows the test's outcomes inside it.
#include <wdm.h>

typedef struct _CTX {
	ULONG A;
	struct _CTX *Next;
} CTX, *PCTX;

#define CTX_TAG 'xtxC'

ULONG good_ternary_assign(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	ULONG a;

	a = c ? c->A : 0;
	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return a;
}

ULONG good_ternary_return(PCTX *out)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	*out = c;
	return c != NULL ? c->A : 0;
}

ULONG good_ternary_negated(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	ULONG a = !c ? 0 : c->A;

	if (c != NULL)
		ExFreePoolWithTag(c, CTX_TAG);
	return a;
}

BOOLEAN good_and_init(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	BOOLEAN z =
	    c != NULL && c->A == 0;

	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return z;
}

BOOLEAN good_or_assign(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	BOOLEAN z;

	z = c == NULL || c->A == 0;
	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return z;
}

BOOLEAN good_and_chain(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	BOOLEAN z = c && c->Next && c->Next->A == 0 && c->A == 1;

	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return z;
}

ULONG good_compound_test(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	ULONG a = (c != NULL && c->A != 0) ? c->A : 0;

	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return a;
}

VOID Use(ULONG a);

VOID good_argument(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);

	Use(c ? c->A : 0);
	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
}

VOID good_two_results(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	PCTX d = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*d), CTX_TAG);
	ULONG a = (c ? c->A : 0) + (d ? d->A : 0);

	Use(a);
	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	if (d)
		ExFreePoolWithTag(d, CTX_TAG);
}

ULONG bad_unguarded_arm(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	PCTX d = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*d), CTX_TAG);
	ULONG a = c ? d->A : 0; // expected-warning{{'d' from 'ExAllocatePool2' may be NULL and is dereferenced here}}

	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	if (d)
		ExFreePoolWithTag(d, CTX_TAG);
	return a;
}

ULONG bad_test_after_use(VOID)
{
	PCTX c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), CTX_TAG);
	ULONG a = c->A != 0 && c != NULL; // expected-warning{{'c' from 'ExAllocatePool2' may be NULL and is dereferenced here}}

	if (c)
		ExFreePoolWithTag(c, CTX_TAG);
	return a;
}
