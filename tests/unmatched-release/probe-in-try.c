// MmProbeAndLockPages raises an exception when it fails, and then nothing is
// locked (ddi-contracts.md §d, §e). When the probe is the last statement of
// the __try, the handler knows it failed: unlocking there is an error, and
// not unlocking is right.
#include <wdm.h>

NTSTATUS good_failed_probe(PVOID user, ULONG len)
{
	PMDL mdl = IoAllocateMdl(user, len, FALSE, FALSE, NULL);

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		IoFreeMdl(mdl);
		return GetExceptionCode();
	}
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}

NTSTATUS bad_unlock_failed_probe(PVOID user, ULONG len)
{
	PMDL mdl = IoAllocateMdl(user, len, FALSE, FALSE, NULL);

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		MmUnlockPages(mdl); // expected-error{{'MmUnlockPages' of a page lock that is not held on this path}}
		IoFreeMdl(mdl);
		return GetExceptionCode();
	}
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}

/* More in the __try than the probe: the handler cannot tell. Nothing reported. */
NTSTATUS good_probe_and_more(PVOID user, ULONG len, PULONG out)
{
	PMDL mdl = IoAllocateMdl(user, len, FALSE, FALSE, NULL);
	BOOLEAN locked = FALSE;

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
		locked = TRUE;
		*out = *(PULONG)user;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		if (locked)
			MmUnlockPages(mdl);
		IoFreeMdl(mdl);
		return GetExceptionCode();
	}
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}
