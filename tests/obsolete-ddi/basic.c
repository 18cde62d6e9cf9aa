/* obsolete-ddi: a call of an obsolete DDI is reported with its replacement;
 * a call of the replacement is not. One pair per entry of the WDM table. */
#include <ntifs.h>

PVOID bad_map_locked_pages(PMDL mdl)
{
	return MmMapLockedPages(mdl, KernelMode); // expected-warning{{'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache' instead [obsolete-ddi]}}
}

PVOID good_map_specify_cache(PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
}

NTSTATUS bad_ps_get_version(PULONG major, PULONG minor)
{
	PsGetVersion(major, minor, NULL, NULL); // expected-warning{{'PsGetVersion' is obsolete; use 'RtlGetVersion' instead}}
	return STATUS_SUCCESS;
}

NTSTATUS good_rtl_get_version(PRTL_OSVERSIONINFOW info)
{
	info->dwOSVersionInfoSize = sizeof(*info);
	return RtlGetVersion(info);
}

VOID bad_attach_process(PKPROCESS process)
{
	KeAttachProcess(process); // expected-warning{{'KeAttachProcess' is obsolete; use 'KeStackAttachProcess' instead}}
	KeDetachProcess(); // expected-warning{{'KeDetachProcess' is obsolete; use 'KeUnstackDetachProcess' instead}}
}

VOID good_stack_attach(PKPROCESS process)
{
	KAPC_STATE apc;

	KeStackAttachProcess(process, &apc);
	KeUnstackDetachProcess(&apc);
}

NTSTATUS bad_cm_register(PEX_CALLBACK_FUNCTION fn, PLARGE_INTEGER cookie)
{
	return CmRegisterCallback(fn, NULL, cookie); // expected-warning{{'CmRegisterCallback' is obsolete; use 'CmRegisterCallbackEx' instead}}
}

NTSTATUS good_cm_register_ex(PEX_CALLBACK_FUNCTION fn, PCUNICODE_STRING altitude, PDRIVER_OBJECT driver,
			     PLARGE_INTEGER cookie)
{
	return CmRegisterCallbackEx(fn, altitude, driver, NULL, cookie, NULL);
}
