// A lock released on every path but one. Spin locks are released by the
// routine that acquired them (ddi-contracts.md §b, §e).
#include <wdm.h>

typedef struct _QUEUE {
	KSPIN_LOCK Lock;
	LIST_ENTRY Head;
	ULONG Count;
	BOOLEAN Stopped;
} QUEUE, *PQUEUE;

NTSTATUS bad_insert(PQUEUE q, PLIST_ENTRY e)
{
	KIRQL irql;

	KeAcquireSpinLock(&q->Lock, &irql); // expected-warning{{spin lock '&q->Lock' from 'KeAcquireSpinLock' is not released on this path (KeReleaseSpinLock)}}
	if (q->Stopped) {
		KeReleaseSpinLock(&q->Lock, irql);
		return STATUS_DEVICE_NOT_READY;
	}
	if (q->Count >= 64)
		return STATUS_DEVICE_BUSY; /* forgot to release */
	InsertTailList(&q->Head, e);
	q->Count++;
	KeReleaseSpinLock(&q->Lock, irql);
	return STATUS_SUCCESS;
}

NTSTATUS good_insert(PQUEUE q, PLIST_ENTRY e)
{
	KIRQL irql;
	NTSTATUS status = STATUS_SUCCESS;

	KeAcquireSpinLock(&q->Lock, &irql);
	if (q->Stopped)
		status = STATUS_DEVICE_NOT_READY;
	else if (q->Count >= 64)
		status = STATUS_DEVICE_BUSY;
	else {
		InsertTailList(&q->Head, e);
		q->Count++;
	}
	KeReleaseSpinLock(&q->Lock, irql);
	return status;
}

/* Release, call out, acquire again: balanced on every path. */
VOID good_drop_and_retake(PQUEUE q)
{
	KIRQL irql;

	KeAcquireSpinLock(&q->Lock, &irql);
	while (!IsListEmpty(&q->Head)) {
		PLIST_ENTRY e = RemoveHeadList(&q->Head);

		KeReleaseSpinLock(&q->Lock, irql);
		ExFreePoolWithTag(e, 'tseT');
		KeAcquireSpinLock(&q->Lock, &irql);
	}
	KeReleaseSpinLock(&q->Lock, irql);
}

/* A flag remembers whether the lock is held. */
VOID good_flag(PQUEUE q, BOOLEAN take)
{
	KIRQL irql = PASSIVE_LEVEL;
	BOOLEAN held = FALSE;

	if (take) {
		KeAcquireSpinLock(&q->Lock, &irql);
		held = TRUE;
	}
	q->Count = 0;
	if (held)
		KeReleaseSpinLock(&q->Lock, irql);
}
