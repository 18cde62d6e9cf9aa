/* missing-seh-guard: a raising call inside the driver's own macro is reported
 * at the line where the macro is used, and the guard is judged there too. */
#include <wdm.h>

#define PROBE_INPUT(p, n) ProbeForRead((p), (n), sizeof(UCHAR))
#define LOCK_USER(m) MmProbeAndLockPages((m), UserMode, IoWriteAccess)

VOID bad_probe_macro(PVOID buffer, SIZE_T length)
{
	PROBE_INPUT(buffer, length); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
}

NTSTATUS good_probe_macro_in_try(PVOID buffer, SIZE_T length, PMDL mdl)
{
	__try {
		PROBE_INPUT(buffer, length);
		LOCK_USER(mdl);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

VOID bad_lock_macro_multi_line(PMDL mdl)
{
	LOCK_USER( // expected-error{{'MmProbeAndLockPages' can raise an exception outside a __try/__except block}}
		mdl);
}
