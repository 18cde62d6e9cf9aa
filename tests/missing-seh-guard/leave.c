/* missing-seh-guard: __leave jumps to the end of the __try block. Calls
 * before and after a __leave inside the block are guarded; a call after the
 * whole __try/__except is not. */
#include <wdm.h>

NTSTATUS good_leave_before_probe(PVOID buffer, SIZE_T length)
{
	NTSTATUS status = STATUS_INVALID_PARAMETER;

	__try {
		if (buffer == NULL)
			__leave;
		ProbeForRead(buffer, length, 1);
		status = STATUS_SUCCESS;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return status;
}

NTSTATUS good_probe_then_leave(PMDL mdl, BOOLEAN write)
{
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		MmProbeAndLockPages(mdl, UserMode, IoReadAccess);
		if (!write)
			__leave;
		ProbeForWrite(MmGetMdlVirtualAddress(mdl), MmGetMdlByteCount(mdl), 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return status;
}

NTSTATUS bad_probe_after_leave_path(PVOID buffer, SIZE_T length)
{
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		if (length == 0)
			__leave;
		ProbeForRead(buffer, length, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	/* Past the __except: the __leave path and the normal path both end here. */
	ProbeForWrite(buffer, length, 1); // expected-error{{'ProbeForWrite' can raise an exception outside a __try/__except block}}
	return status;
}

NTSTATUS bad_leave_in_try_finally(PVOID buffer, SIZE_T length)
{
	__try {
		if (length == 0)
			__leave;
		ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
	} __finally {
		DbgPrint("left\n");
	}
	return STATUS_SUCCESS;
}
