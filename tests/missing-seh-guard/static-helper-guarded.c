/* missing-seh-guard: a static helper whose every call in the file sits inside
 * a __try/__except, directly or through other such helpers, is guarded by its
 * callers. */
#include <wdm.h>

// expected-no-findings

typedef struct _INPUT {
	ULONG flags;
	ULONG count;
} INPUT, *PINPUT;

static VOID capture_input(PINPUT user, PINPUT copy)
{
	ProbeForRead(user, sizeof(*user), TYPE_ALIGNMENT(INPUT));
	*copy = *user;
}

static VOID capture_twice(PINPUT user, PINPUT a, PINPUT b)
{
	/* Guarded through good_capture's __try: capture_twice is only called there. */
	capture_input(user, a);
	capture_input(user, b);
}

NTSTATUS good_capture(PINPUT user, PINPUT copy)
{
	INPUT second;

	__try {
		capture_input(user, copy);
		capture_twice(user, copy, &second);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_capture_again(PINPUT user, PINPUT copy)
{
	__try {
		capture_input(user, copy);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}
