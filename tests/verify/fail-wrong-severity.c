/* verify, must FAIL: obsolete-ddi reports a warning; a directive for an error
 * with the same text does not match it. */
#include <wdm.h>

PVOID bad_severity(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-error{{'ExAllocatePool' is obsolete}}
}
