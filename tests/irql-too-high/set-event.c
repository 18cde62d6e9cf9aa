/* irql-too-high: KeSetEvent may be called at DISPATCH_LEVEL with Wait FALSE,
 * but with Wait TRUE only at APC_LEVEL or below (nf-wdm-kesetevent; the
 * knowledge base's "when" bound on argument 3). */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	KEVENT Done;
} EXT, *PEXT;

VOID good_set_event_under_lock(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	KeSetEvent(&e->Done, IO_NO_INCREMENT, FALSE);
	KeReleaseSpinLock(&e->Lock, old);
}

VOID bad_set_event_wait_under_lock(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	KeSetEvent(&e->Done, IO_NO_INCREMENT, TRUE); // expected-error{{'KeSetEvent' (Wait != FALSE) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL: spin lock acquired at line 24 (KeAcquireSpinLock)}}
	KeReleaseSpinLock(&e->Lock, old);
}
