// An allocation that an error path forgets: the early return leaks it.
// ExAllocatePool2 pairs with ExFreePoolWithTag (ddi-contracts.md §e;
// https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-exfreepoolwithtag).
#include <wdm.h>

NTSTATUS bad_early_return(ULONG len)
{
	PVOID buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT'); // expected-warning{{pool allocation 'buf' from 'ExAllocatePool2' is not released on this path (ExFreePoolWithTag) [missing-release]}}

	if (buf == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (len < 16)
		return STATUS_INVALID_PARAMETER;
	RtlZeroMemory(buf, len);
	ExFreePoolWithTag(buf, 'tseT');
	return STATUS_SUCCESS;
}

NTSTATUS good_early_return(ULONG len)
{
	PVOID buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (buf == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (len < 16) {
		ExFreePoolWithTag(buf, 'tseT');
		return STATUS_INVALID_PARAMETER;
	}
	RtlZeroMemory(buf, len);
	ExFreePoolWithTag(buf, 'tseT');
	return STATUS_SUCCESS;
}

/* The NULL path holds nothing: returning there is no leak. */
NTSTATUS good_null_path(ULONG len, PVOID *out)
{
	PVOID buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (!buf)
		return STATUS_INSUFFICIENT_RESOURCES;
	*out = buf;
	return STATUS_SUCCESS;
}
