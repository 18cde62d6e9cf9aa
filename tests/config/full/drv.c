/* A driver under tests/config/full/.ddilint.json: the include directory and
 * the macros come from the configuration, obsolete-ddi is an error there,
 * and the team's wrappers are checked like DDIs. */
#include <ntddk.h>
#include "fab.h"

#if DBG != 1 || !defined(NDIS_MINIPORT_DRIVER)
#error "the configuration's defines did not arrive"
#endif

PVOID bad_user_map(PMDL Mdl)
{
	return FabMapForUser(Mdl); // expected-error{{'FabMapForUser' can raise an exception}}
}

PVOID good_user_map(PMDL Mdl)
{
	PVOID p = NULL;

	__try {
		p = FabMapForUser(Mdl);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		p = NULL;
	}
	return p;
}

PVOID bad_conditional(PMDL Mdl)
{
	return FabMapBuffer(Mdl, FAB_MAP_USER); // expected-error{{'FabMapBuffer' can raise an exception}}
}

PVOID good_conditional(PMDL Mdl)
{
	return FabMapBuffer(Mdl, FAB_MAP_KERNEL);
}

PVOID bad_old_wrapper(void)
{
	return FabAllocate(64); // expected-error{{'FabAllocate' is obsolete; use 'ExAllocatePool2' instead [obsolete-ddi]}}
}

PVOID bad_obsolete_is_an_error_here(PMDL Mdl)
{
	return MmGetSystemAddressForMdl(Mdl); // expected-error{{'MmGetSystemAddressForMdl' is obsolete}}
}
