/* irql-too-high: a helper that waits (KeWaitForSingleObject with a NULL
 * timeout requires APC_LEVEL or below) called while a spin lock is held.
 * One finding at each end: at the call, because the helper requires what
 * its own calls require, and in the helper, because it is called at
 * DISPATCH_LEVEL from there. The notes give the chain. */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	KEVENT Ready;
} EXT, *PEXT;

static VOID WaitReady(PEXT e)
{
	KeWaitForSingleObject(&e->Ready, Executive, KernelMode, FALSE, NULL); // expected-error{{'KeWaitForSingleObject' (Timeout == NULL) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL: 'WaitReady' is called at DISPATCH_LEVEL from 'bad_wait_under_lock' at line 24}}
	// expected-note@-1 {{'WaitReady' calls 'KeWaitForSingleObject' here}}
}

VOID bad_wait_under_lock(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old); // expected-note 2{{spin lock acquired here, IRQL DISPATCH_LEVEL}}
	WaitReady(e); // expected-error{{'WaitReady' requires IRQL <= APC_LEVEL (it calls 'KeWaitForSingleObject' at line 15) but is called at DISPATCH_LEVEL: spin lock acquired at line 23 (KeAcquireSpinLock)}}
	// expected-note@-1 {{'WaitReady' called at DISPATCH_LEVEL here}}
	KeReleaseSpinLock(&e->Lock, old);
}

VOID good_wait_after_release(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	KeReleaseSpinLock(&e->Lock, old);
	WaitReady(e);
}
