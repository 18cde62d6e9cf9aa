/* verify, must FAIL: the directive asks for two findings on the line and
 * there is one. Mismatch: "expected 2 warning(s), seen 1". */
#include <wdm.h>

PVOID bad_count(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-warning 2{{'ExAllocatePool' is obsolete}}
}
