// Results that are NULL on failure (ddi-contracts.md §e "Not acquired
// when": NULL) must be tested before they are used as pointers.
#include <wdm.h>

typedef struct _REC {
	ULONG Size;
	UCHAR Data[16];
} REC, *PREC;

NTSTATUS bad_unchecked_alloc(ULONG n)
{
	PREC r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(REC), 'tseT');

	r->Size = n; // expected-warning{{'r' from 'ExAllocatePool2' may be NULL and is dereferenced here [unchecked-result]}}
	ExFreePoolWithTag(r, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS good_checked_alloc(ULONG n)
{
	PREC r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(REC), 'tseT');

	if (r == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	r->Size = n;
	ExFreePoolWithTag(r, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS good_raise_on_failure(ULONG n)
{
	/* POOL_FLAG_RAISE_ON_FAILURE: it raises instead of returning NULL. */
	PREC r = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, sizeof(REC), 'tseT'); // expected-error{{can raise an exception}}

	r->Size = n;
	ExFreePoolWithTag(r, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS bad_unchecked_system_address(PMDL mdl)
{
	PUCHAR va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);

	va[0] = 0; // expected-warning{{'va' from 'MmGetSystemAddressForMdlSafe' may be NULL and is dereferenced here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_checked_system_address(PMDL mdl)
{
	PUCHAR va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);

	if (!va)
		return STATUS_INSUFFICIENT_RESOURCES;
	va[0] = 0;
	return STATUS_SUCCESS;
}

NTSTATUS bad_unchecked_map(PMDL mdl)
{
	PULONG va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);

	*va = 1; // expected-warning{{'va' from 'MmMapLockedPagesSpecifyCache' may be NULL and is dereferenced here}}
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

NTSTATUS good_bugcheck_on_failure(PMDL mdl)
{
	/* BugCheckOnFailure TRUE: it never returns NULL. */
	PULONG va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, TRUE, NormalPagePriority);

	*va = 1;
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

NTSTATUS bad_unchecked_mdl(PVOID buf, ULONG len)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);

	MmBuildMdlForNonPagedPool(mdl); // expected-warning{{'mdl' from 'IoAllocateMdl' may be NULL and is passed to 'MmBuildMdlForNonPagedPool' here}}
	IoFreeMdl(mdl);
	return STATUS_SUCCESS;
}

NTSTATUS good_null_check_in_condition(ULONG n)
{
	PREC r;

	if ((r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(REC), 'tseT')) == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	r->Size = n;
	ExFreePoolWithTag(r, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS good_checked_later_path(ULONG n, BOOLEAN fill)
{
	PREC r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(REC), 'tseT');

	if (!r)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (fill)
		RtlFillMemory(r->Data, sizeof(r->Data), 0xff);
	r->Size = n;
	ExFreePoolWithTag(r, 'tseT');
	return STATUS_SUCCESS;
}
// ddilint-rules: missing-seh-guard
