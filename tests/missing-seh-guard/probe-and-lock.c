/* missing-seh-guard: MmProbeAndLockPages raises on any failure to probe or
 * lock, whatever the access mode, so it always needs a __try/__except
 * (ddi/wdm/nf-wdm-mmprobeandlockpages). */
#include <wdm.h>

NTSTATUS good_probe_in_try(PMDL mdl)
{
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

VOID bad_probe_user(PMDL mdl)
{
	MmProbeAndLockPages(mdl, UserMode, IoWriteAccess); // expected-error{{'MmProbeAndLockPages' can raise an exception outside a __try/__except block [missing-seh-guard]}}
}

VOID bad_probe_kernel_mode_still_raises(PMDL mdl)
{
	/* KernelMode does not help: locking can fail and raise for kernel buffers too. */
	MmProbeAndLockPages(mdl, KernelMode, IoReadAccess); // expected-error{{'MmProbeAndLockPages' can raise an exception outside a __try/__except block}}
}

NTSTATUS good_probe_kernel_in_try(PMDL mdl)
{
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		MmProbeAndLockPages(mdl, KernelMode, IoReadAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = STATUS_ACCESS_VIOLATION;
	}
	return status;
}
