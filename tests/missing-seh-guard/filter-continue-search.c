/* missing-seh-guard: an __except whose filter is the constant
 * EXCEPTION_CONTINUE_SEARCH (0) handles nothing: the exception goes on up the
 * stack as if there were no __try. Such a __try/__except is no guard. A filter
 * that is not a constant may handle the exception, and counts as a guard. */
#include <wdm.h>

VOID bad_filter_continues_search(PVOID buffer, SIZE_T length)
{
	__try {
		ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
	} __except (EXCEPTION_CONTINUE_SEARCH) {
		DbgPrint("never runs\n");
	}
}

static LONG classify(ULONG code)
{
	return code == STATUS_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

NTSTATUS good_filter_function(PVOID buffer, SIZE_T length)
{
	__try {
		ProbeForRead(buffer, length, 1);
	} __except (classify(GetExceptionCode())) {
		return STATUS_ACCESS_VIOLATION;
	}
	return STATUS_SUCCESS;
}
