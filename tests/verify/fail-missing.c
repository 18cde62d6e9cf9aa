/* verify, must FAIL: a directive asks for a finding that is not reported
 * (ExAllocatePool2 is not obsolete). Mismatch: "warning not seen". */
#include <wdm.h>

PVOID bad_expectation(SIZE_T size)
{
	return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'sMTD'); // expected-warning{{is obsolete}}
}
