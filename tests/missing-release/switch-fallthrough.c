// A switch whose cases fall through into the one that releases. The case
// that breaks out instead of falling through leaks the lock.
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG Count;
} EXT, *PEXT;

VOID good_fallthrough(PEXT ext, ULONG code)
{
	KIRQL irql;

	KeAcquireSpinLock(&ext->Lock, &irql);
	switch (code) {
	case 1:
		ext->Count++;
		/* fall through */
	case 2:
		ext->Count++;
		/* fall through */
	default:
		KeReleaseSpinLock(&ext->Lock, irql);
		break;
	}
}

VOID bad_fallthrough(PEXT ext, ULONG code)
{
	KIRQL irql;

	KeAcquireSpinLock(&ext->Lock, &irql); // expected-warning{{spin lock '&ext->Lock' from 'KeAcquireSpinLock' is not released on this path (KeReleaseSpinLock)}}
	switch (code) {
	case 1:
		ext->Count++;
		/* fall through */
	case 2:
		ext->Count++;
		break; /* leaves holding the lock */
	default:
		KeReleaseSpinLock(&ext->Lock, irql);
		break;
	}
}
