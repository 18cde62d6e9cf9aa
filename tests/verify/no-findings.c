/* verify: a file that should produce nothing says so with the no-findings
 * directive below; without it, a file with no directive fails. Must pass. */
#include <wdm.h>

// expected-no-findings

PVOID good_modern_allocation(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'fNTD');
}
