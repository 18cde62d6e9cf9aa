/* missing-seh-guard: only a static function whose every use in the file is a
 * guarded call is guarded by its callers. A function that is not static may be
 * called from other files; a static function whose address is taken may be
 * called through the pointer; a static function that is never called has no
 * guarded caller at all. A raising call in any of them needs its own guard. */
#include <wdm.h>

VOID bad_exported_probe(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
}

NTSTATUS good_guarded_call_of_exported(PVOID buffer, SIZE_T length)
{
	__try {
		bad_exported_probe(buffer, length);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

static VOID bad_unused_static_probe(PVOID buffer, SIZE_T length)
{
	ProbeForWrite(buffer, length, 1); // expected-error{{'ProbeForWrite' can raise an exception outside a __try/__except block}}
}

/* Its address is taken: it is called through the pointer from somewhere this
 * file cannot see, so the guarded direct call below does not cover it. */
static VOID bad_address_taken_probe(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
}

typedef VOID (*PROBE_ROUTINE)(PVOID, SIZE_T);

PROBE_ROUTINE good_get_probe_routine(PVOID buffer, SIZE_T length)
{
	__try {
		bad_address_taken_probe(buffer, length);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return NULL;
	}
	return bad_address_taken_probe;
}
