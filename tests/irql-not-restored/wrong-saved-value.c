/* irql-not-restored: restoring with the wrong saved value. Two spin locks
 * released in the order they were taken: releasing the first restores the
 * IRQL from before both, the second then restores DISPATCH_LEVEL, and the
 * function returns at DISPATCH_LEVEL. A constant passed where the saved
 * IRQL belongs lowers to PASSIVE_LEVEL even when the caller was at
 * APC_LEVEL (ddi-contracts.md section b: KeReleaseSpinLock restores the
 * value the acquire saved). */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK A, B;
	ULONG Count;
} EXT, *PEXT;

VOID bad_release_order(PEXT e)
{
	KIRQL oldA, oldB;

	KeAcquireSpinLock(&e->A, &oldA);
	KeAcquireSpinLock(&e->B, &oldB);
	e->Count++;
	KeReleaseSpinLock(&e->A, oldA);
	KeReleaseSpinLock(&e->B, oldB); // expected-warning{{'bad_release_order' returns at DISPATCH_LEVEL, not at the IRQL it was entered at: IRQL restored at line 23 (KeReleaseSpinLock) to a value saved at DISPATCH_LEVEL}}
}

VOID good_release_order(PEXT e)
{
	KIRQL oldA, oldB;

	KeAcquireSpinLock(&e->A, &oldA);
	KeAcquireSpinLock(&e->B, &oldB);
	e->Count++;
	KeReleaseSpinLock(&e->B, oldB);
	KeReleaseSpinLock(&e->A, oldA);
}

VOID bad_constant_restore(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->A, &old);
	e->Count++;
	KeReleaseSpinLock(&e->A, PASSIVE_LEVEL); // expected-warning{{'KeReleaseSpinLock' lowers the IRQL to the constant PASSIVE_LEVEL instead of restoring the value 'bad_constant_restore' saved at line 41 (KeAcquireSpinLock)}} expected-warning{{'bad_constant_restore' returns at PASSIVE_LEVEL, not at the IRQL it was entered at}}
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_constant_at_known_entry(PEXT e)
{
	KIRQL old;

	KeAcquireSpinLock(&e->A, &old);
	e->Count++;
	KeReleaseSpinLock(&e->A, PASSIVE_LEVEL);
}
