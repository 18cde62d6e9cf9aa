// Mapping an MDL per loop iteration. Unmapping in the same iteration is
// right; mapping every iteration and unmapping once after the loop leaks
// every mapping but the last (each one is overwritten).
// MmMapLockedPagesSpecifyCache pairs with MmUnmapLockedPages
// (https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-mmunmaplockedpages).
#include <wdm.h>

VOID consume(PVOID va);

NTSTATUS good_map_per_iteration(PMDL *mdls, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++) {
		PVOID va = MmMapLockedPagesSpecifyCache(mdls[i], KernelMode, MmCached, NULL, FALSE, NormalPagePriority);

		if (va == NULL)
			return STATUS_INSUFFICIENT_RESOURCES;
		RtlZeroMemory(va, 16);
		MmUnmapLockedPages(va, mdls[i]);
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_map_per_iteration(PMDL *mdls, ULONG n)
{
	PVOID va = NULL;
	ULONG i;

	for (i = 0; i < n; i++) {
		va = MmMapLockedPagesSpecifyCache(mdls[i], KernelMode, MmCached, NULL, FALSE, NormalPagePriority); // expected-warning{{mapping 'va' from 'MmMapLockedPagesSpecifyCache' is not released on this path (MmUnmapLockedPages)}}
		if (va == NULL)
			return STATUS_INSUFFICIENT_RESOURCES;
		RtlZeroMemory(va, 16);
	}
	if (va != NULL)
		MmUnmapLockedPages(va, mdls[n - 1]);
	return STATUS_SUCCESS;
}

/* A while loop that stops at the first failure and unmaps what it mapped. */
NTSTATUS good_while_loop(PMDL mdl, ULONG tries)
{
	while (tries--) {
		PVOID va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);

		if (!va)
			break;
		RtlZeroMemory(va, 16);
		MmUnmapLockedPages(va, mdl);
	}
	return STATUS_SUCCESS;
}
