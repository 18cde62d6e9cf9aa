/* obsolete-ddi: a DDI that the mingw-w64 headers turn into a macro over another
 * exported name is still reported under the name written in the source.
 * RtlIsNtDdiVersionAvailable is #defined to WdmlibRtlIsNtDdiVersionAvailable
 * in mingw-w64 wdm.h; the docs mark it obsolete in favour of RtlVerifyVersionInfo
 * (ddi/wdm/nf-wdm-rtlisntddiversionavailable). */
#include <ntddk.h>

BOOLEAN bad_ddi_version_check(void)
{
	return RtlIsNtDdiVersionAvailable(NTDDI_WIN10); // expected-warning{{'RtlIsNtDdiVersionAvailable' is obsolete; use 'RtlVerifyVersionInfo' instead}}
}

BOOLEAN good_verify_version(void)
{
	RTL_OSVERSIONINFOEXW info = { sizeof(info) };
	ULONGLONG mask = 0;

	info.dwMajorVersion = 10;
	mask = VerSetConditionMask(mask, VER_MAJORVERSION, VER_GREATER_EQUAL);
	return NT_SUCCESS(RtlVerifyVersionInfo(&info, VER_MAJORVERSION, mask));
}
