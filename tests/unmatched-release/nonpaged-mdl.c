// MmUnlockPages undoes MmProbeAndLockPages. An MDL built by
// MmBuildMdlForNonPagedPool describes nonpaged memory that was never locked:
// unlocking it is an error (Driver Verifier 0xC4/0x7C; ddi-contracts.md §e;
// https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-mmbuildmdlfornonpagedpool).
#include <wdm.h>

NTSTATUS bad_unlock_nonpaged(PVOID buf, ULONG len)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	MmBuildMdlForNonPagedPool(mdl);
	MmUnlockPages(mdl); // expected-error{{'MmUnlockPages' of a page lock that is not held on this path}}
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}

NTSTATUS good_nonpaged(PVOID buf, ULONG len)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	MmBuildMdlForNonPagedPool(mdl);
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}
