// ddilint-args: -DUSE_LEGACY_POOL=1
/* verify: the ddilint-args tag passes its flags to ddilint for this file.
 * The legacy branch is only compiled with -DUSE_LEGACY_POOL=1, so the finding
 * below exists only if the tag was honoured. Must pass. */
#include <wdm.h>

PVOID good_flag_from_tag(SIZE_T size)
{
#if USE_LEGACY_POOL
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, 'gLTD'); // expected-warning{{'ExAllocatePoolWithTag' is obsolete}}
#else
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'wNTD');
#endif
}
