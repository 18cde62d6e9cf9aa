// A routine may mean to return holding a lock: an acquire helper (held on
// every exit: its callers hold the lock after calling it), a routine
// annotated _Acquires_lock_ / _Releases_lock_, a try-lock returning the
// status. None of these is a missing release.
#include <wdm.h>

typedef struct _DEV {
	KSPIN_LOCK Lock;
	KIRQL Irql;
	FAST_MUTEX Mutex;
} DEV, *PDEV;

VOID lock_dev(PDEV d)
{
	KeAcquireSpinLock(&d->Lock, &d->Irql);
}

_Acquires_lock_(d->Mutex)
VOID annotated_lock(PDEV d, BOOLEAN twice)
{
	ExAcquireFastMutex(&d->Mutex);
	if (twice)
		return;
}

_Releases_lock_(d->Mutex)
VOID annotated_unlock(PDEV d)
{
	ExReleaseFastMutex(&d->Mutex);
}

BOOLEAN try_lock(PDEV d)
{
	return ExTryToAcquireFastMutex(&d->Mutex);
}

VOID good_user(PDEV d)
{
	lock_dev(d);
	d->Irql = d->Irql;
	KeReleaseSpinLock(&d->Lock, d->Irql);
}

// expected-no-findings
