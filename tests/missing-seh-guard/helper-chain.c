/* missing-seh-guard: the guard is followed through a chain of static helpers.
 * probe_buffer is called only from check_request, and check_request once
 * inside a __try/__except and once outside it, so the finding is at the
 * ProbeForRead with a note at the unguarded call of check_request. */
#include <wdm.h>

static VOID probe_buffer(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
}

static VOID check_request(PVOID buffer, SIZE_T length)
{
	if (length != 0)
		probe_buffer(buffer, length);
}

NTSTATUS good_guarded_chain(PVOID buffer, SIZE_T length)
{
	__try {
		check_request(buffer, length);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

VOID bad_unguarded_chain(PVOID buffer, SIZE_T length)
{
	check_request(buffer, length); // expected-note{{called outside __try/__except here}}
}
