// The goto-cleanup idiom: every error path jumps to one label that frees
// what was acquired so far. Done right there is nothing to report; done
// wrong (a jump past the label that frees) the MDL leaks.
// IoAllocateMdl pairs with IoFreeMdl (ddi-contracts.md §e;
// https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-ioallocatemdl).
#include <wdm.h>

NTSTATUS good_goto_cleanup(PVOID va, ULONG len)
{
	NTSTATUS status = STATUS_SUCCESS;
	PVOID buf = NULL;
	PMDL mdl = NULL;

	buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');
	if (buf == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto cleanup;
	}
	mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
	if (mdl == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto cleanup;
	}
	MmBuildMdlForNonPagedPool(mdl);
cleanup:
	if (mdl != NULL)
		IoFreeMdl(mdl);
	if (buf != NULL)
		ExFreePoolWithTag(buf, 'tseT');
	return status;
}

NTSTATUS bad_goto_cleanup(PVOID va, ULONG len)
{
	NTSTATUS status = STATUS_SUCCESS;
	PVOID buf = NULL;
	PMDL mdl = NULL;

	buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');
	if (buf == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto out;
	}
	mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL); // expected-warning{{MDL 'mdl' from 'IoAllocateMdl' is not released on this path (IoFreeMdl)}}
	if (mdl == NULL) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto free_buf;
	}
	if (len > PAGE_SIZE) {
		status = STATUS_INVALID_PARAMETER;
		goto free_buf; /* should be free_mdl */
	}
	MmBuildMdlForNonPagedPool(mdl);
	IoFreeMdl(mdl);
free_buf:
	ExFreePoolWithTag(buf, 'tseT');
out:
	return status;
}
