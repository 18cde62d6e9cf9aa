/* missing-seh-guard: ProbeForRead and ProbeForWrite raise
 * STATUS_ACCESS_VIOLATION or STATUS_DATATYPE_MISALIGNMENT; the docs say to
 * call them inside a try/except (ddi/wdm/nf-wdm-probeforread). */
#include <wdm.h>

typedef struct _REQUEST {
	ULONG code;
	ULONG length;
} REQUEST, *PREQUEST;

NTSTATUS good_probe_read(PREQUEST user, PREQUEST copy)
{
	__try {
		ProbeForRead(user, sizeof(*user), TYPE_ALIGNMENT(REQUEST));
		*copy = *user;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_probe_read(PREQUEST user, PREQUEST copy)
{
	ProbeForRead(user, sizeof(*user), TYPE_ALIGNMENT(REQUEST)); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block [missing-seh-guard]}}
	*copy = *user;
	return STATUS_SUCCESS;
}

NTSTATUS good_probe_write(PULONG user, ULONG value)
{
	__try {
		ProbeForWrite(user, sizeof(ULONG), sizeof(ULONG));
		*user = value;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

VOID bad_probe_write(PULONG user, ULONG value)
{
	ProbeForWrite(user, sizeof(ULONG), sizeof(ULONG)); // expected-error{{'ProbeForWrite' can raise an exception outside a __try/__except block}}
	*user = value;
}
