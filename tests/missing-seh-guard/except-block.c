/* missing-seh-guard: the filter expression and the handler block of a
 * __try/__except are outside the region that __except handles. A raising call
 * there is unguarded unless an outer __try/__except covers it. */
#include <wdm.h>

NTSTATUS bad_probe_in_handler(PVOID buffer, SIZE_T length, PVOID fallback)
{
	__try {
		ProbeForRead(buffer, length, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		/* Retrying with another user buffer in the handler is not guarded. */
		ProbeForRead(fallback, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_probe_in_filter(PVOID buffer, SIZE_T length, PVOID log)
{
	__try {
		ProbeForRead(buffer, length, 1);
	} __except (ProbeForWrite(log, sizeof(ULONG), sizeof(ULONG)), EXCEPTION_EXECUTE_HANDLER) { // expected-error{{'ProbeForWrite' can raise an exception outside a __try/__except block}}
		return STATUS_ACCESS_VIOLATION;
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_handler_inside_outer_try(PVOID buffer, SIZE_T length, PVOID fallback)
{
	__try {
		__try {
			ProbeForRead(buffer, length, 1);
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			ProbeForRead(fallback, length, 1);
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_handler_with_its_own_try(PVOID buffer, SIZE_T length, PVOID fallback)
{
	__try {
		ProbeForRead(buffer, length, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		__try {
			ProbeForRead(fallback, length, 1);
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			return GetExceptionCode();
		}
	}
	return STATUS_SUCCESS;
}
