// ddilint-rules: obsolete-ddi
/* missing-seh-guard: pool allocators raise instead of returning NULL only
 * when asked to (ddi/wdm/nf-wdm-exallocatepoolwithtag, nf-wdm-exallocatepool2):
 * ExAllocatePoolWithTag with POOL_RAISE_IF_ALLOCATION_FAILURE or'ed into the
 * pool type, ExAllocatePool2 with POOL_FLAG_RAISE_ON_FAILURE. The obsolete
 * ExAllocatePool* calls are also reported by obsolete-ddi. */
#include <wdm.h>

#define TAG_POOL 'lPTD'

PVOID bad_raise_flag(SIZE_T size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx | POOL_RAISE_IF_ALLOCATION_FAILURE, size, TAG_POOL); // expected-error{{'ExAllocatePoolWithTag' can raise an exception outside a __try/__except block}} expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
}

PVOID good_no_raise_flag(SIZE_T size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, TAG_POOL); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
}

PVOID good_raise_flag_in_try(SIZE_T size)
{
	PVOID p = NULL;

	__try {
		p = ExAllocatePoolWithTag(PagedPool | POOL_RAISE_IF_ALLOCATION_FAILURE, size, TAG_POOL); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		p = NULL;
	}
	return p;
}

PVOID bad_pool2_raise_flag(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, size, TAG_POOL); // expected-error{{'ExAllocatePool2' can raise an exception outside a __try/__except block}}
}

PVOID good_pool2_no_raise_flag(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, TAG_POOL);
}

PVOID good_pool_type_variable(POOL_TYPE type, SIZE_T size)
{
	/* The raise flag is only taken into account when it is written as a constant. */
	return ExAllocatePoolWithTag(type, size, TAG_POOL); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
}
