/* storport-prohibited-ddi: names that are not calls do not count in a
 * miniport either: comments, strings, a pointer to the routine, sizeof. */
#include <ntddk.h>
#include <storport.h>

// expected-no-findings

static const char good_trace[] = "ExAllocatePoolWithTag failed";

PVOID good_names_only(void)
{
	PVOID p = (PVOID)ExAllocatePoolWithTag;

	/* KeAcquireSpinLock(lock, &old) is replaced by StorPortAcquireSpinLock. */
	// IoCompleteRequest(irp, IO_NO_INCREMENT);
	return p != NULL ? (PVOID)good_trace : NULL;
}
