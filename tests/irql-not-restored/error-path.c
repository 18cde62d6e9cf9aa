/* irql-not-restored: a spin lock left held on an early return makes the
 * function return at DISPATCH_LEVEL, not at the IRQL it was entered at.
 * Reported at the acquire, the call that set the IRQL it returns at. */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG Count;
} EXT, *PEXT;

NTSTATUS bad_early_return(PEXT e, ULONG n)
{
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old); // expected-warning{{'bad_early_return' returns at DISPATCH_LEVEL on some paths, not at the IRQL it was entered at: spin lock acquired at line 15 (KeAcquireSpinLock) [irql-not-restored]}} expected-warning{{[missing-release]}}
	if (n > e->Count)
		return STATUS_INVALID_PARAMETER;
	e->Count -= n;
	KeReleaseSpinLock(&e->Lock, old);
	return STATUS_SUCCESS;
}

NTSTATUS good_release_on_every_path(PEXT e, ULONG n)
{
	KIRQL old;
	NTSTATUS status = STATUS_SUCCESS;

	KeAcquireSpinLock(&e->Lock, &old);
	if (n > e->Count)
		status = STATUS_INVALID_PARAMETER;
	else
		e->Count -= n;
	KeReleaseSpinLock(&e->Lock, old);
	return status;
}
// ddilint-rules: missing-release
