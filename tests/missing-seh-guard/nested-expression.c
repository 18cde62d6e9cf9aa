/* missing-seh-guard: raising calls are found in any expression position, and
 * the guard of the enclosing statement applies to them. */
#include <wdm.h>

#define TAG_NEST 'sNTD'

VOID consume(PVOID p);

VOID bad_as_argument(PMDL mdl)
{
	consume(MmMapLockedPagesSpecifyCache(mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority)); // expected-error{{'MmMapLockedPagesSpecifyCache' can raise an exception outside a __try/__except block (AccessMode is UserMode)}}
}

NTSTATUS bad_in_if_condition(SIZE_T size)
{
	if (ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_RAISE_ON_FAILURE, size, TAG_NEST) == NULL) // expected-error{{'ExAllocatePool2' can raise an exception outside a __try/__except block}}
		return STATUS_INSUFFICIENT_RESOURCES;
	return STATUS_SUCCESS;
}

NTSTATUS good_in_if_condition_in_try(PMDL mdl)
{
	__try {
		if (MmMapLockedPagesSpecifyCache(mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority) == NULL)
			return STATUS_INSUFFICIENT_RESOURCES;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}
	return STATUS_SUCCESS;
}

PVOID bad_multi_line(PMDL mdl)
{
	return MmMapLockedPagesSpecifyCache( // expected-error{{'MmMapLockedPagesSpecifyCache' can raise an exception outside a __try/__except block (AccessMode is UserMode)}}
		mdl,
		UserMode,
		MmCached,
		NULL,
		FALSE,
		NormalPagePriority);
}
