/* verify, must FAIL: a file with no directive at all fails even though
 * ddilint reports nothing on it; a clean file must say so. */
#include <wdm.h>

PVOID clean_but_silent(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'iSTD');
}
