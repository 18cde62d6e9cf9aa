/* verify, must FAIL: a note directive on a line where the finding has no
 * related location (the call below is guarded, so no note is made for it). */
#include <wdm.h>

static VOID probe_user_buffer(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{can raise an exception}}
}

VOID unguarded(PVOID buffer, SIZE_T length)
{
	probe_user_buffer(buffer, length); // expected-note{{called outside __try/__except here}}
}

NTSTATUS guarded(PVOID buffer, SIZE_T length)
{
	__try {
		probe_user_buffer(buffer, length); // expected-note{{called outside __try/__except here}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}
