/* storport-prohibited-ddi: a file is a miniport when storport.h comes in
 * through one of the driver's own headers (include/my-miniport.h). */
#include "include/my-miniport.h"

PVOID bad_pool_via_header(ULONG size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, 'iniM'); // expected-error{{'ExAllocatePoolWithTag' must not be called by a Storport miniport}}
}
