// Loops. Taking a lock before a loop whose body releases it (and the loop
// runs at least once, which the author knows and the engine cannot): no
// finding. Leaving a loop early with the lock held is one.
#include <wdm.h>

typedef struct _Q {
	KSPIN_LOCK Lock;
	LIST_ENTRY Head;
	ULONG Pending;
} Q, *PQ;

VOID good_release_in_loop(PQ q, ULONG n)
{
	KIRQL irql;
	ULONG i;

	KeAcquireSpinLock(&q->Lock, &irql);
	for (i = n; i != 0; i--) {
		if (i == 1) {
			KeReleaseSpinLock(&q->Lock, irql);
			break;
		}
		q->Pending++;
	}
}

NTSTATUS bad_break_holding(PQ q, ULONG n)
{
	KIRQL irql;
	ULONG i;

	for (i = 0; i < n; i++) {
		KeAcquireSpinLock(&q->Lock, &irql); // expected-warning{{spin lock '&q->Lock' from 'KeAcquireSpinLock' is not released on this path}}
		if (q->Pending > 16)
			return STATUS_DEVICE_BUSY;
		q->Pending++;
		KeReleaseSpinLock(&q->Lock, irql);
	}
	return STATUS_SUCCESS;
}

/* Lock each element of a list, then unlock them all in a second loop: the
 * engine cannot pair one loop with the other and says nothing. */
typedef struct _ITEM {
	LIST_ENTRY Link;
	FAST_MUTEX Mutex;
} ITEM, *PITEM;

VOID good_lock_all(PLIST_ENTRY head)
{
	PLIST_ENTRY e;
	PITEM it;

	for (e = head->Flink; e != head; e = e->Flink) {
		it = CONTAINING_RECORD(e, ITEM, Link);
		ExAcquireFastMutex(&it->Mutex);
	}
	for (e = head->Flink; e != head; e = e->Flink) {
		it = CONTAINING_RECORD(e, ITEM, Link);
		ExReleaseFastMutex(&it->Mutex);
	}
}
