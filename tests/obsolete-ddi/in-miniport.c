// ddilint-rules: storport-prohibited-ddi
/* obsolete-ddi in a Storport miniport: a DDI that is both obsolete and
 * prohibited for miniports is reported once, by storport-prohibited-ddi, with
 * the StorPort advice; obsolete-ddi stays silent on it. An obsolete DDI that
 * the miniport rule does not cover is still reported by obsolete-ddi, with the
 * StorPort routine as the advice when there is one.
 * This file is a miniport because it includes storport.h. */
#include <ntddk.h>
#include <storport.h>

PVOID bad_pool_in_miniport(SIZE_T size)
{
	return ExAllocatePoolWithTag(NonPagedPoolNx, size, 'tsTD'); // expected-error{{'ExAllocatePoolWithTag' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortAllocatePool' instead [storport-prohibited-ddi]}}
}

PVOID bad_map_in_miniport(PMDL mdl)
{
	return MmMapLockedPages(mdl, KernelMode); // expected-error{{'MmMapLockedPages' must not be called by a Storport miniport (HwStorPortProhibitedDDIs); use 'StorPortGetSystemAddress' instead}}
}

NTSTATUS bad_version_in_miniport(PULONG major, PULONG minor)
{
	PsGetVersion(major, minor, NULL, NULL); // expected-error{{'PsGetVersion' must not be called by a Storport miniport}}
	return STATUS_SUCCESS;
}

BOOLEAN bad_obsolete_not_prohibited(void)
{
	/* Not on the HwStorPortProhibitedDDIs list: obsolete-ddi reports it. */
	return RtlIsNtDdiVersionAvailable(NTDDI_WIN10); // expected-warning{{'RtlIsNtDdiVersionAvailable' is obsolete; use 'RtlVerifyVersionInfo' instead [obsolete-ddi]}}
}

PVOID bad_obsolete_with_storport_advice(PMDL mdl)
{
	/* Obsolete, and in a miniport the advice is the StorPort routine rather
	 * than MmGetSystemAddressForMdlSafe. */
	return MmGetSystemAddressForMdl(mdl); // expected-warning{{'MmGetSystemAddressForMdl' is obsolete; use 'StorPortGetSystemAddress' instead [obsolete-ddi]}}
}
