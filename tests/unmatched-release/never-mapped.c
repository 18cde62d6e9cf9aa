// A mapping made on one branch only. Unmapping under the same test is
// right; unmapping unconditionally unmaps a NULL on the path that never
// mapped (and may unmap a failed mapping: that is unchecked-result).
#include <wdm.h>

NTSTATUS good_guarded_unmap(PMDL mdl, BOOLEAN need)
{
	PVOID va = NULL;

	if (need)
		va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
	if (va != NULL) {
		RtlZeroMemory(va, 16);
		MmUnmapLockedPages(va, mdl);
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_unguarded_unmap(PMDL mdl, BOOLEAN need)
{
	PVOID va = NULL;

	if (need)
		va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
	MmUnmapLockedPages(va, mdl); // expected-error{{'MmUnmapLockedPages' of a mapping that is not held on this path}} expected-warning{{'va' from 'MmMapLockedPagesSpecifyCache' may be NULL and is passed to 'MmUnmapLockedPages' here [unchecked-result]}}
	return STATUS_SUCCESS;
}

NTSTATUS good_same_flag(PMDL mdl, BOOLEAN need)
{
	PVOID va = NULL;

	if (need) {
		va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, TRUE, NormalPagePriority);
		RtlZeroMemory(va, 16);
	}
	if (need)
		MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}
// ddilint-rules: unchecked-result
