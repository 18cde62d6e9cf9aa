// Bounds (docs/paths.md). Past a bound the engine reports nothing rather
// than something wrong. Five flags each guard an allocation and its free:
// 32 combinations, more sub-states than PATHS_MAX_SUBSTATES (16) keeps
// apart, so some are merged; a merge loses which flag goes with which
// allocation, and what it loses is never reported as a leak.
#include <wdm.h>

#define ALLOC_IF(f, p) if (f) p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'tseT')
#define FREE_IF(f, p) if (f) ExFreePoolWithTag(p, 'tseT')

VOID good_correlated(BOOLEAN f1, BOOLEAN f2, BOOLEAN f3, BOOLEAN f4, BOOLEAN f5)
{
	PVOID p1 = NULL, p2 = NULL, p3 = NULL, p4 = NULL, p5 = NULL;

	if (f1) p1 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 'tseT'); // expected-error{{can raise}}
	if (f2) p2 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 'tseT'); // expected-error{{can raise}}
	if (f3) p3 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 'tseT'); // expected-error{{can raise}}
	if (f4) p4 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 'tseT'); // expected-error{{can raise}}
	if (f5) p5 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 'tseT'); // expected-error{{can raise}}
	if (f1) ExFreePoolWithTag(p1, 'tseT');
	if (f2) ExFreePoolWithTag(p2, 'tseT');
	if (f3) ExFreePoolWithTag(p3, 'tseT');
	if (f4) ExFreePoolWithTag(p4, 'tseT');
	if (f5) ExFreePoolWithTag(p5, 'tseT');
}

/* More resources than PATHS_MAX_RECORDS (24) at once: the ones past the
 * bound are not tracked, so their leak goes unreported. */
#define ALLOC8(a) a##0 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##1 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##2 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##3 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##4 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##5 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##6 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT'); \
	a##7 = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, 'tseT')
#define FREE8(a) ExFreePoolWithTag(a##0, 'tseT'); ExFreePoolWithTag(a##1, 'tseT'); \
	ExFreePoolWithTag(a##2, 'tseT'); ExFreePoolWithTag(a##3, 'tseT'); ExFreePoolWithTag(a##4, 'tseT'); \
	ExFreePoolWithTag(a##5, 'tseT'); ExFreePoolWithTag(a##6, 'tseT'); ExFreePoolWithTag(a##7, 'tseT')

VOID beyond_records(VOID)
{
	PVOID a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7;
	PVOID c0, c1, c2, c3, c4, c5, c6, c7, d0, d1, d2, d3, d4, d5, d6, d7;

	ALLOC8(a); // expected-error{{can raise}}
	ALLOC8(b); // expected-error{{can raise}}
	ALLOC8(c); // expected-error{{can raise}}
	ALLOC8(d); // expected-error{{can raise}}
	FREE8(a);
	FREE8(b);
	FREE8(c);
	ExFreePoolWithTag(d0, 'tseT'); /* FIXME: should warn that d1..d7 leak: past PATHS_MAX_RECORDS */
}
// ddilint-rules: missing-seh-guard
