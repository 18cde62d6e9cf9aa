/* obsolete-ddi: header macros are reported under the name written at the call
 * site. MmGetSystemAddressForMdl expands to a test of the MDL flags and a call
 * of MmMapLockedPages; it is reported once, as itself, and not a second time
 * for the MmMapLockedPages inside it. MmGetSystemAddressForMdlSafe expands to
 * MmMapLockedPagesSpecifyCache and is the fix. */
#include <wdm.h>

PVOID bad_get_system_address(PMDL mdl)
{
	return MmGetSystemAddressForMdl(mdl); // expected-warning 1{{'MmGetSystemAddressForMdl' is obsolete; use 'MmGetSystemAddressForMdlSafe' instead [obsolete-ddi]}}
}

PVOID good_get_system_address_safe(PMDL mdl)
{
	return MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
}

VOID bad_twice_on_one_line(PMDL a, PMDL b, PVOID *va)
{
	va[0] = MmGetSystemAddressForMdl(a); va[1] = MmGetSystemAddressForMdl(b); // expected-warning 2{{'MmGetSystemAddressForMdl' is obsolete}}
}
