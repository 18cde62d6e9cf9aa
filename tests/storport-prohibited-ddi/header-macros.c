/* storport-prohibited-ddi: DDIs that the headers implement as macros are
 * prohibited under the name written in the miniport. KeAcquireSpinLock
 * expands to KeAcquireSpinLockRaiseToDpc, IoCompleteRequest to
 * IofCompleteRequest, and MmGetSystemAddressForMdlSafe to a call of
 * MmMapLockedPagesSpecifyCache; each is reported once, as written.
 * MmGetSystemAddressForMdlSafe itself is not on the SDV page (its expansion
 * is), hence the other wording in its message. */
#include <ntddk.h>
#include <storport.h>

VOID bad_spin_lock(PKSPIN_LOCK lock, PULONG counter)
{
	KIRQL old;

	KeAcquireSpinLock(lock, &old); // expected-error 1{{'KeAcquireSpinLock' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortAcquireSpinLock' instead}}
	(*counter)++;
	KeReleaseSpinLock(lock, old); // expected-error 1{{'KeReleaseSpinLock' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortReleaseSpinLock' instead}}
}

VOID good_spin_lock(PVOID hw, PULONG counter)
{
	STOR_LOCK_HANDLE handle;

	StorPortAcquireSpinLock(hw, StartIoLock, NULL, &handle);
	(*counter)++;
	StorPortReleaseSpinLock(hw, &handle);
}

PVOID bad_system_address(PMDL mdl)
{
	return MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority); // expected-error 1{{'MmGetSystemAddressForMdlSafe' must not be called by a Storport miniport (the Storport interface replaces it); use 'StorPortGetSystemAddress' instead}}
}

VOID bad_complete_irp(PIRP irp)
{
	IoCompleteRequest(irp, IO_NO_INCREMENT); // expected-error 1{{'IoCompleteRequest' must not be called by a Storport miniport}}
}

VOID good_complete_srb(PVOID hw, PSCSI_REQUEST_BLOCK srb)
{
	srb->SrbStatus = SRB_STATUS_SUCCESS;
	StorPortNotification(RequestComplete, hw, srb);
}
