/* missing-seh-guard: MmMapLockedPagesSpecifyCache raises only when it maps
 * into user space (AccessMode == UserMode) and the mapping fails; a kernel
 * mapping returns NULL instead (ddi/wdm/nf-wdm-mmmaplockedpagesspecifycache).
 * An access mode that is not a constant may be UserMode, so it is reported,
 * with the expression in the message. */
#include <wdm.h>

PVOID good_kernel_mapping(PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
}

PVOID bad_user_mapping(PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache(mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority); // expected-error{{'MmMapLockedPagesSpecifyCache' can raise an exception outside a __try/__except block (AccessMode is UserMode) [missing-seh-guard]}}
}

PVOID good_user_mapping_in_try(PMDL mdl)
{
	PVOID va = NULL;

	__try {
		va = MmMapLockedPagesSpecifyCache(mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		va = NULL;
	}
	return va;
}

PVOID bad_requestor_mode(PIRP irp, PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache(mdl, irp->RequestorMode, MmCached, NULL, FALSE, NormalPagePriority); // expected-error{{'MmMapLockedPagesSpecifyCache' can raise an exception outside a __try/__except block (AccessMode 'irp->RequestorMode' may be UserMode)}}
}

PVOID bad_previous_mode(PMDL mdl)
{
	KPROCESSOR_MODE mode = ExGetPreviousMode();

	return MmMapLockedPagesSpecifyCache(mdl, mode, MmCached, NULL, FALSE, NormalPagePriority); // expected-error{{(AccessMode 'mode' may be UserMode)}}
}

PVOID good_requestor_mode_in_try(PIRP irp, PMDL mdl)
{
	PVOID va = NULL;

	__try {
		va = MmMapLockedPagesSpecifyCache(mdl, irp->RequestorMode, MmCached, NULL, FALSE, NormalPagePriority);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		va = NULL;
	}
	return va;
}

PVOID good_kernel_mode_constant_expression(PMDL mdl)
{
	/* A constant written another way is still KernelMode. */
	return MmMapLockedPagesSpecifyCache(mdl, (KPROCESSOR_MODE)0, MmCached, NULL, FALSE, NormalPagePriority);
}
