// Unmapping a mapping that failed: MmMapLockedPagesSpecifyCache with
// BugCheckOnFailure FALSE returns NULL when it fails, and the NULL path
// must not reach MmUnmapLockedPages
// (https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-mmmaplockedpagesspecifycache).
#include <wdm.h>

NTSTATUS bad_unmap_failed(PMDL mdl)
{
	NTSTATUS status = STATUS_SUCCESS;
	PVOID va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);

	if (va == NULL)
		status = STATUS_INSUFFICIENT_RESOURCES;
	else
		RtlZeroMemory(va, 16);
	if (!NT_SUCCESS(status))
		MmUnmapLockedPages(va, mdl); // expected-error{{'MmUnmapLockedPages' of a mapping that is not held on this path [unmatched-release]}}
	else
		MmUnmapLockedPages(va, mdl);
	return status;
}

NTSTATUS good_unmap_success_only(PMDL mdl)
{
	PVOID va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);

	if (va == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlZeroMemory(va, 16);
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

VOID bad_close_failed_open(PUNICODE_STRING path)
{
	OBJECT_ATTRIBUTES oa;
	HANDLE h;
	NTSTATUS status;

	InitializeObjectAttributes(&oa, path, OBJ_KERNEL_HANDLE, NULL, NULL);
	status = ZwOpenKey(&h, KEY_READ, &oa);
	if (!NT_SUCCESS(status)) {
		ZwClose(h); // expected-error{{'ZwClose' of a handle that is not held on this path}}
		return;
	}
	ZwClose(h);
}
