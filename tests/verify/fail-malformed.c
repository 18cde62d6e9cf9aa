/* verify, must FAIL: a directive without its closing braces is an error in
 * the test file, not a silent pass. */
#include <wdm.h>

PVOID bad_directive(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-warning{{'ExAllocatePool' is obsolete
}
