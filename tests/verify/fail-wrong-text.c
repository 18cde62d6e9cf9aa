/* verify, must FAIL: the text between the braces is not a substring of
 * "message [rule-id]" (the replacement named is wrong). */
#include <wdm.h>

PVOID bad_text(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-warning{{use 'ExAllocatePool3' instead [obsolete-ddi]}}
}
