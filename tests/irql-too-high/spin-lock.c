/* irql-too-high: a spin lock raises the IRQL to DISPATCH_LEVEL until it is
 * released, and ZwClose requires PASSIVE_LEVEL (its docs page; every Zw*
 * routine does). The lock flavours: KeAcquireSpinLock (a mingw macro over
 * KeAcquireSpinLockRaiseToDpc), the RaiseToDpc form that returns the old
 * IRQL, and in-stack queued spin locks, which keep it in the lock handle. */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	HANDLE File;
} EXT, *PEXT;

VOID bad_close_under_lock(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	ZwClose(e->File); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: spin lock acquired at line 17 (KeAcquireSpinLock) [irql-too-high]}}
	KeReleaseSpinLock(&e->Lock, old);
}

VOID good_close_after_release(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	e->File = NULL;
	KeReleaseSpinLock(&e->Lock, old);
	ZwClose(e->File);
}

VOID bad_raise_to_dpc(PEXT e)
{
	KIRQL old = KeAcquireSpinLockRaiseToDpc(&e->Lock);

	ZwClose(e->File); // expected-error{{spin lock acquired at line 34 (KeAcquireSpinLockRaiseToDpc)}}
	KeReleaseSpinLock(&e->Lock, old);
}

VOID good_raise_to_dpc(PEXT e)
{
	KIRQL old = KeAcquireSpinLockRaiseToDpc(&e->Lock);

	KeReleaseSpinLock(&e->Lock, old);
	ZwClose(e->File);
}

VOID bad_in_stack_queued(PEXT e)
{
	KLOCK_QUEUE_HANDLE h;

	KeAcquireInStackQueuedSpinLock(&e->Lock, &h);
	ZwClose(e->File); // expected-error{{queued spin lock acquired at line 52 (KeAcquireInStackQueuedSpinLock)}}
	KeReleaseInStackQueuedSpinLock(&h);
}

VOID good_in_stack_queued(PEXT e)
{
	KLOCK_QUEUE_HANDLE h;

	KeAcquireInStackQueuedSpinLock(&e->Lock, &h);
	KeReleaseInStackQueuedSpinLock(&h);
	ZwClose(e->File);
}
