/* missing-seh-guard: when some call of a static helper is outside any
 * __try/__except, the raising call inside the helper is reported, with a note
 * at each unguarded call site (and none at the guarded ones). */
#include <wdm.h>

static VOID lock_user_pages(PMDL mdl)
{
	MmProbeAndLockPages(mdl, UserMode, IoWriteAccess); // expected-error{{'MmProbeAndLockPages' can raise an exception outside a __try/__except block}}
}

NTSTATUS good_caller(PMDL mdl)
{
	__try {
		lock_user_pages(mdl);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

VOID bad_caller(PMDL mdl)
{
	lock_user_pages(mdl); // expected-note{{called outside __try/__except here}}
}

VOID bad_caller_in_finally(PMDL mdl)
{
	__try {
		lock_user_pages(mdl); // expected-note{{called outside __try/__except here}}
	} __finally {
		DbgPrint("done\n");
	}
}
