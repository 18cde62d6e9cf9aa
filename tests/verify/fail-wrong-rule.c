/* verify, must FAIL: the right line and severity, but the rule id in the
 * braces is another rule's. */
#include <wdm.h>

PVOID bad_rule(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size); // expected-warning{{[missing-seh-guard]}}
}
