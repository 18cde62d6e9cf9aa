/* missing-seh-guard: a __finally block runs during the unwind but does not
 * handle the exception, so a call in the __try block of a __try/__finally is
 * not guarded. A __try/__finally nested inside a __try/__except is guarded by
 * the outer __except. */
#include <wdm.h>

VOID bad_try_finally_only(PVOID buffer, SIZE_T length)
{
	__try {
		ProbeForRead(buffer, length, sizeof(UCHAR)); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
	} __finally {
		DbgPrint("done\n");
	}
}

NTSTATUS good_finally_inside_except(PVOID buffer, SIZE_T length)
{
	__try {
		__try {
			ProbeForRead(buffer, length, sizeof(UCHAR));
		} __finally {
			DbgPrint("done\n");
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_except_inside_finally(PVOID buffer, SIZE_T length)
{
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		__try {
			ProbeForWrite(buffer, length, sizeof(ULONG));
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			status = GetExceptionCode();
		}
	} __finally {
		DbgPrint("status %x\n", status);
	}
	return status;
}

VOID bad_in_finally_block(PVOID buffer, SIZE_T length)
{
	__try {
		DbgPrint("probing\n");
	} __finally {
		ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
	}
}

NTSTATUS good_finally_block_inside_except(PVOID buffer, SIZE_T length)
{
	__try {
		__try {
			DbgPrint("probing\n");
		} __finally {
			/* Guarded by the outer __try/__except, not by its own __try. */
			ProbeForRead(buffer, length, 1);
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}
