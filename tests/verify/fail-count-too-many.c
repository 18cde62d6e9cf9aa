/* verify, must FAIL: two findings on the line and a directive for one (the
 * default count is exactly one). Mismatch: "warning seen but not expected". */
#include <wdm.h>

VOID bad_count(PVOID *p)
{
	p[0] = ExAllocatePool(PagedPool, 8); p[1] = ExAllocatePool(PagedPool, 16); // expected-warning{{'ExAllocatePool' is obsolete}}
}
