/* The other half of dpc.c: a helper with no annotation. Its entry IRQL
 * comes from its callers in the whole program: DISPATCH_LEVEL from the DPC
 * in dpc.c. Alone, nothing is known about its callers and nothing is
 * reported; analysed with dpc.c (ddilint-with) it is. */
// ddilint-with: dpc.c
#include <wdm.h>

VOID TraceFlush(HANDLE Log)
{
	if (!Log)
		return;
	ZwClose(Log); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: 'TraceFlush' is called at DISPATCH_LEVEL from 'FlushDpc' at dpc.c:21}}
}
