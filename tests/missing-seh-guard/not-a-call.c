/* missing-seh-guard: names that are not calls raise nothing: comments,
 * strings, a prototype, a pointer to the routine. */
#include <wdm.h>

// expected-no-findings

typedef VOID (NTAPI *PROBE)(CONST VOID *, SIZE_T, ULONG);

static const char good_message[] = "ProbeForRead(buffer, length, 1) failed";

PROBE good_pointer_only(void)
{
	/* ProbeForRead(buffer, length, 1) must sit inside __try/__except. */
	PVOID unused = (PVOID)MmProbeAndLockPages;

	UNREFERENCED_PARAMETER(unused);
	DbgPrint("%s\n", good_message);
	return ProbeForRead;
}
