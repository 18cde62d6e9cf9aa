// ddilint-rules: obsolete-ddi
/* missing-seh-guard and obsolete-ddi on one call: MmMapLockedPages is
 * obsolete and, with UserMode, raises on failure. Both rules report it; the
 * guard does not make the obsolete DDI fine. */
#include <wdm.h>

PVOID bad_user_map_unguarded(PMDL mdl)
{
	return MmMapLockedPages(mdl, UserMode); // expected-warning{{'MmMapLockedPages' is obsolete}} expected-error{{'MmMapLockedPages' can raise an exception outside a __try/__except block (AccessMode is UserMode)}}
}

PVOID bad_user_map_guarded_but_obsolete(PMDL mdl)
{
	PVOID va = NULL;

	__try {
		va = MmMapLockedPages(mdl, UserMode); // expected-warning{{'MmMapLockedPages' is obsolete}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		va = NULL;
	}
	return va;
}

PVOID bad_kernel_map_obsolete_only(PMDL mdl)
{
	/* KernelMode: MmMapLockedPages bug-checks instead of raising. */
	return MmMapLockedPages(mdl, KernelMode); // expected-warning{{'MmMapLockedPages' is obsolete}}
}
