/* irql-not-restored: a function that returns at another IRQL than it was
 * entered at must say so. A lock wrapper annotated _IRQL_raises_ (and its
 * release, _IRQL_requires_(DISPATCH_LEVEL) with _Releases_lock_) is fine;
 * the same wrapper without annotations is reported: its callers could not
 * be checked by tools that read annotations only, and a reader cannot tell
 * it from a forgotten release. */
#include <wdm.h>

typedef struct _DEV {
	KSPIN_LOCK Lock;
	KIRQL OldIrql;
} DEV, *PDEV;

_IRQL_raises_(DISPATCH_LEVEL) _Acquires_lock_(Dev->Lock)
VOID good_lock(PDEV Dev)
{
	KeAcquireSpinLock(&Dev->Lock, &Dev->OldIrql);
}

_IRQL_requires_(DISPATCH_LEVEL) _Releases_lock_(Dev->Lock)
VOID good_unlock(PDEV Dev)
{
	KeReleaseSpinLock(&Dev->Lock, Dev->OldIrql);
}

VOID bad_unannotated_lock(PDEV Dev)
{
	KeAcquireSpinLock(&Dev->Lock, &Dev->OldIrql); // expected-warning{{'bad_unannotated_lock' returns at DISPATCH_LEVEL, not at the IRQL it was entered at: spin lock acquired at line 28 (KeAcquireSpinLock)}}
}

VOID bad_unannotated_unlock(PDEV Dev)
{
	KeReleaseSpinLock(&Dev->Lock, Dev->OldIrql); // expected-warning{{'bad_unannotated_unlock' lowers the IRQL with 'Dev->OldIrql', which it did not save, and returns at that IRQL without being annotated _IRQL_restores_}}
}
