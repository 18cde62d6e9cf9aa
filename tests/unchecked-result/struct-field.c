// unchecked-result with a result that ends up in a structure. A test of the
// field the result was stored in guards the later uses, both through the
// field and through the local that was stored there. A use through the local
// before it is stored, and before any test, is reported. (A result assigned
// straight to a field and used from there is not followed: see the rule's
// Limits.)
#include <wdm.h>

typedef struct _DEV_EXT {
	PULONG Counters;
	PMDL Mdl;
	ULONG Count;
} DEV_EXT, *PDEV_EXT;

#define EXT_TAG 'txEd'

NTSTATUS good_field_checked(PDEV_EXT ext)
{
	ext->Counters = ExAllocatePool2(POOL_FLAG_NON_PAGED, ext->Count * sizeof(ULONG), EXT_TAG);
	if (ext->Counters == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	ext->Counters[0] = 1;
	return STATUS_SUCCESS;
}

NTSTATUS good_local_stored_then_field_checked(PDEV_EXT ext)
{
	PULONG counters = ExAllocatePool2(POOL_FLAG_NON_PAGED, ext->Count * sizeof(ULONG), EXT_TAG);

	ext->Counters = counters;
	if (ext->Counters == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	counters[0] = 1;
	return STATUS_SUCCESS;
}

NTSTATUS bad_local_used_before_store(PDEV_EXT ext)
{
	PULONG counters = ExAllocatePool2(POOL_FLAG_NON_PAGED, ext->Count * sizeof(ULONG), EXT_TAG);

	counters[0] = 1; // expected-warning{{'counters' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ext->Counters = counters;
	return STATUS_SUCCESS;
}

NTSTATUS good_mdl_checked_before_store(PDEV_EXT ext, PVOID va, ULONG len)
{
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	MmBuildMdlForNonPagedPool(mdl);
	ext->Mdl = mdl;
	return STATUS_SUCCESS;
}

NTSTATUS bad_mdl_built_before_store(PDEV_EXT ext, PVOID va, ULONG len)
{
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);

	MmBuildMdlForNonPagedPool(mdl); // expected-warning{{'mdl' from 'IoAllocateMdl' may be NULL and is passed to 'MmBuildMdlForNonPagedPool' here}}
	ext->Mdl = mdl;
	return STATUS_SUCCESS;
}
