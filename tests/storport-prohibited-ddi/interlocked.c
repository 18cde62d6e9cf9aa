/* storport-prohibited-ddi: the rule excludes the Interlocked functions by its
 * own definition (HwStorPortProhibitedDDIs page), so a miniport may use them. */
#include <ntddk.h>
#include <storport.h>

// expected-no-findings

typedef struct _COUNTERS {
	LONG outstanding;
	LONG64 bytes;
	PVOID owner;
} COUNTERS, *PCOUNTERS;

VOID good_interlocked(PCOUNTERS c, LONG64 n, PVOID me)
{
	InterlockedIncrement(&c->outstanding);
	InterlockedDecrement(&c->outstanding);
	InterlockedExchangeAdd64(&c->bytes, n);
	(VOID)InterlockedCompareExchange(&c->outstanding, 0, 1);
	(VOID)InterlockedExchangePointer(&c->owner, me);
}
