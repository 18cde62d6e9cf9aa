/* irql-too-high: a driver's own lock wrapper, annotated as one
 * (_IRQL_raises_, _Acquires_lock_), raises the IRQL for its callers: its
 * summary says it returns at DISPATCH_LEVEL and keeps the old IRQL in
 * Dev->OldIrql, which the unlock wrapper restores. */
#include <wdm.h>

typedef struct _DEV {
	KSPIN_LOCK Lock;
	KIRQL OldIrql;
	HANDLE Key;
} DEV, *PDEV;

_IRQL_requires_max_(DISPATCH_LEVEL) _IRQL_raises_(DISPATCH_LEVEL) _Acquires_lock_(Dev->Lock)
VOID DevLock(PDEV Dev)
{
	KeAcquireSpinLock(&Dev->Lock, &Dev->OldIrql);
}

_IRQL_requires_(DISPATCH_LEVEL) _Releases_lock_(Dev->Lock)
VOID DevUnlock(PDEV Dev)
{
	KeReleaseSpinLock(&Dev->Lock, Dev->OldIrql);
}

VOID bad_close_under_wrapper(PDEV d)
{
	DevLock(d);
	ZwClose(d->Key); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: spin lock acquired by 'DevLock' at line 27 [irql-too-high]}}
	DevUnlock(d);
}

VOID good_close_after_wrapper(PDEV d)
{
	DevLock(d);
	DevUnlock(d);
	ZwClose(d->Key);
}
