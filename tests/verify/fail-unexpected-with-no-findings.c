/* verify, must FAIL: the file claims to produce nothing but has an obsolete
 * call. Mismatch: "warning seen but not expected". */
#include <wdm.h>

// expected-no-findings

PVOID bad_claims_clean(SIZE_T size)
{
	return ExAllocatePool(NonPagedPool, size);
}
