/* verify, must FAIL: a finding is reported where no directive expects it.
 * The directive on the other call is right; the second call is unexpected.
 * Mismatch: "warning seen but not expected". */
#include <wdm.h>

VOID bad_second_call_unexpected(PVOID *p)
{
	p[0] = ExAllocatePool(PagedPool, 8); // expected-warning{{'ExAllocatePool' is obsolete}}
	p[1] = ExAllocatePool(PagedPool, 8);
}
