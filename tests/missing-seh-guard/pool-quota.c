// ddilint-rules: obsolete-ddi
/* missing-seh-guard: the quota allocators raise by default when the
 * allocation or the quota charge fails; ExAllocatePoolWithQuotaTag returns
 * NULL instead only with POOL_QUOTA_FAIL_INSTEAD_OF_RAISE, and
 * ExAllocatePoolWithQuota has no way out
 * (ddi/wdm/nf-wdm-exallocatepoolwithquotatag). Both are also obsolete. */
#include <wdm.h>

#define TAG_QUOTA 'tQTD'

PVOID bad_quota_default_raises(SIZE_T size)
{
	return ExAllocatePoolWithQuotaTag(PagedPool, size, TAG_QUOTA); // expected-error{{'ExAllocatePoolWithQuotaTag' can raise an exception outside a __try/__except block}} expected-warning{{'ExAllocatePoolWithQuotaTag' is obsolete}}
}

PVOID good_quota_fail_instead_of_raise(SIZE_T size)
{
	return ExAllocatePoolWithQuotaTag(PagedPool | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE, size, TAG_QUOTA); // expected-warning{{'ExAllocatePoolWithQuotaTag' is obsolete}}
}

PVOID good_quota_in_try(SIZE_T size)
{
	PVOID p = NULL;

	__try {
		p = ExAllocatePoolWithQuotaTag(NonPagedPoolNx, size, TAG_QUOTA); // expected-warning{{'ExAllocatePoolWithQuotaTag' is obsolete}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		p = NULL;
	}
	return p;
}

PVOID bad_quota_untagged(SIZE_T size)
{
	return ExAllocatePoolWithQuota(PagedPool, size); // expected-error{{'ExAllocatePoolWithQuota' can raise an exception outside a __try/__except block}} expected-warning{{'ExAllocatePoolWithQuota' is obsolete}}
}
