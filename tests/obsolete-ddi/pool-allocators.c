/* obsolete-ddi: the ExAllocatePool family is obsolete since Windows 10 2004;
 * ExAllocatePool2 / ExAllocatePool3 replace it. The free routines are not
 * obsolete. The quota allocators raise by default, so they sit in a
 * __try/__except here to keep this file about obsolete-ddi only. */
#include <ntddk.h>

#define TAG_TEST 'tsTD'

PVOID bad_allocate_pool(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-warning{{'ExAllocatePool' is obsolete; use 'ExAllocatePool2' instead}}
}

PVOID bad_allocate_pool_with_tag(SIZE_T size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, TAG_TEST); // expected-warning{{'ExAllocatePoolWithTag' is obsolete; use 'ExAllocatePool2' instead}}
}

PVOID bad_allocate_pool_with_quota_tag(SIZE_T size)
{
	PVOID p = NULL;

	__try {
		p = ExAllocatePoolWithQuotaTag(PagedPool, size, TAG_TEST); // expected-warning{{'ExAllocatePoolWithQuotaTag' is obsolete; use 'ExAllocatePool2' instead}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		p = NULL;
	}
	return p;
}

PVOID bad_allocate_pool_with_tag_priority(SIZE_T size)
{
	return ExAllocatePoolWithTagPriority(NonPagedPoolNx, size, TAG_TEST, NormalPoolPriority); // expected-warning{{'ExAllocatePoolWithTagPriority' is obsolete; use 'ExAllocatePool3' instead}}
}

PVOID good_allocate_pool2(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, TAG_TEST);
}

PVOID good_allocate_pool2_quota(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_USE_QUOTA, size, TAG_TEST);
}

VOID good_free(PVOID a, PVOID b)
{
	/* Not obsolete: ExFreePool and ExFreePoolWithTag free what either family allocated. */
	ExFreePool(a);
	ExFreePoolWithTag(b, TAG_TEST);
}
