/* The pragmas driver code already carries: #pragma warning(suppress/disable,
 * push/pop, default) and #pragma prefast(suppress), with PREfast numbers
 * (C28159 = obsolete-ddi, C28125 = missing-seh-guard) or __WARNING_* names. */
#include <ntddk.h>

PVOID good_warning_suppress(PMDL m)
{
#pragma warning(suppress: 28159)
	return MmGetSystemAddressForMdl(m);
}

PVOID good_prefast_suppress(PMDL m)
{
#pragma prefast(suppress: 28159, "must load on Windows 98")
	return MmGetSystemAddressForMdl(m);
}

PVOID good_prefast_name(PMDL m)
{
#pragma prefast(suppress: __WARNING_USE_OTHER_FUNCTION, "named, not numbered")
	return MmGetSystemAddressForMdl(m);
}

PVOID good_stacked(PMDL m)
{
#pragma warning(suppress: 28159)
#pragma prefast(suppress: 28125, "the caller has a __try")
	return MmMapLockedPages(m, UserMode);
}

PVOID good_several_numbers(PMDL m)
{
#pragma warning(suppress: 4996 28159 28125)
	return MmMapLockedPages(m, UserMode);
}

PVOID bad_someone_elses_number(PMDL m)
{
#pragma warning(suppress: 6001)
	return MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
}

PVOID bad_suppress_is_one_line(PMDL m, PVOID *other)
{
#pragma warning(suppress: 28159)
	*other = MmGetSystemAddressForMdl(m);
	return MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
}

#pragma warning(push)
#pragma warning(disable: 28159; suppress: 6011)
PVOID good_disabled(PMDL m)
{
	return MmGetSystemAddressForMdl(m);
}
#pragma warning(pop)

PVOID bad_after_pop(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
}

#pragma warning(disable: 28159)
PVOID good_disabled_again(PMDL m)
{
	return MmGetSystemAddressForMdl(m);
}
#pragma warning(default: 28159)

PVOID bad_after_default(PMDL m)
{
	return MmGetSystemAddressForMdl(m); // expected-warning{{is obsolete}}
}
