// Every lock flavour pairs with its own release (ddi-contracts.md §b, §e):
// in-stack queued spin locks (keyed by the lock handle), interrupt spin
// locks, executive spin locks, fast and guarded mutexes, ERESOURCEs and
// remove locks. Each bad_ function leaves one held on an early return.
#include <ntddk.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	PKINTERRUPT Interrupt;
	FAST_MUTEX Mutex;
	KGUARDED_MUTEX Guarded;
	ERESOURCE Resource;
	IO_REMOVE_LOCK RemoveLock;
	ULONG State;
} EXT, *PEXT;

VOID bad_in_stack(PEXT e)
{
	KLOCK_QUEUE_HANDLE h;

	KeAcquireInStackQueuedSpinLock(&e->Lock, &h); // expected-warning{{queued spin lock '&h' from 'KeAcquireInStackQueuedSpinLock' is not released on this path (KeReleaseInStackQueuedSpinLock)}}
	if (e->State)
		return;
	KeReleaseInStackQueuedSpinLock(&h);
}

VOID good_in_stack(PEXT e)
{
	KLOCK_QUEUE_HANDLE h;

	KeAcquireInStackQueuedSpinLock(&e->Lock, &h);
	e->State = 0;
	KeReleaseInStackQueuedSpinLock(&h);
}

VOID bad_interrupt_lock(PEXT e)
{
	KIRQL old = KeAcquireInterruptSpinLock(e->Interrupt); // expected-warning{{interrupt spin lock 'e->Interrupt' from 'KeAcquireInterruptSpinLock' is not released on this path}}

	if (e->State)
		return;
	KeReleaseInterruptSpinLock(e->Interrupt, old);
}

VOID bad_fast_mutex(PEXT e)
{
	ExAcquireFastMutex(&e->Mutex); // expected-warning{{fast mutex '&e->Mutex' from 'ExAcquireFastMutex' is not released on this path (ExReleaseFastMutex)}}
	if (e->State)
		return;
	ExReleaseFastMutex(&e->Mutex);
}

VOID good_try_fast_mutex(PEXT e)
{
	if (!ExTryToAcquireFastMutex(&e->Mutex))
		return; /* not acquired: nothing to release */
	e->State = 1;
	ExReleaseFastMutex(&e->Mutex);
}

VOID bad_guarded_mutex(PEXT e)
{
	KeAcquireGuardedMutex(&e->Guarded); // expected-warning{{guarded mutex '&e->Guarded' from 'KeAcquireGuardedMutex' is not released on this path (KeReleaseGuardedMutex)}}
	if (e->State)
		return;
	KeReleaseGuardedMutex(&e->Guarded);
}

VOID bad_resource(PEXT e)
{
	KeEnterCriticalRegion();
	ExAcquireResourceExclusiveLite(&e->Resource, TRUE); // expected-warning{{ERESOURCE '&e->Resource' from 'ExAcquireResourceExclusiveLite' is not released on this path (ExReleaseResourceLite)}}
	if (e->State) {
		KeLeaveCriticalRegion();
		return;
	}
	ExReleaseResourceLite(&e->Resource);
	KeLeaveCriticalRegion();
}

VOID good_resource_no_wait(PEXT e)
{
	KeEnterCriticalRegion();
	if (ExAcquireResourceSharedLite(&e->Resource, FALSE)) {
		e->State = 2;
		ExReleaseResourceLite(&e->Resource);
	}
	KeLeaveCriticalRegion();
}

NTSTATUS bad_remove_lock(PEXT e, PIRP irp)
{
	NTSTATUS status = IoAcquireRemoveLock(&e->RemoveLock, irp); // expected-warning{{remove lock '&e->RemoveLock' from 'IoAcquireRemoveLock' is not released on this path (IoReleaseRemoveLock)}}

	if (!NT_SUCCESS(status))
		return status; /* not acquired: fine */
	if (e->State)
		return STATUS_DEVICE_BUSY; /* acquired: leaks */
	IoReleaseRemoveLock(&e->RemoveLock, irp);
	return STATUS_SUCCESS;
}

IO_COMPLETION_ROUTINE on_complete;

NTSTATUS good_remove_lock_completion(PDEVICE_OBJECT lower, PEXT e, PIRP irp)
{
	NTSTATUS status = IoAcquireRemoveLock(&e->RemoveLock, irp);

	if (!NT_SUCCESS(status))
		return status;
	IoCopyCurrentIrpStackLocationToNext(irp);
	/* The completion routine releases the remove lock. */
	IoSetCompletionRoutine(irp, on_complete, e, TRUE, TRUE, TRUE);
	return IoCallDriver(lower, irp);
}
