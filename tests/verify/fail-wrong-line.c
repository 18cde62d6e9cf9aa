/* verify, must FAIL: the directive points one line too far (@+2 instead of
 * @+1). Mismatch: both "not seen" and "seen but not expected". */
#include <wdm.h>

PVOID bad_offset(SIZE_T size)
{
	// expected-warning@+2{{'ExAllocatePool' is obsolete}}
	return ExAllocatePool(NonPagedPool, size);
}
