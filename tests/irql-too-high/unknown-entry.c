/* irql-too-high: nothing is guessed. An exported function with no SAL, no
 * role and no known caller has an unknown entry IRQL, so its own Zw* calls
 * are not reported; a callee the knowledge base does not know (a driver
 * library routine declared elsewhere) has no bound and no IRQL effect. */
#include <wdm.h>

VOID LibFlush(PVOID Context); /* defined elsewhere, no SAL */

VOID ExportedCleanup(HANDLE h)
{
	ZwClose(h);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID PassiveCaller(HANDLE h, PVOID c)
{
	LibFlush(c);
	ZwClose(h);
}

// expected-no-findings
