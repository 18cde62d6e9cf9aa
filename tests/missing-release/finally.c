// __finally runs on every way out of its __try (return, __leave, falling
// off the end): cleanup there releases on all of them.
#include <wdm.h>

NTSTATUS fill(PVOID p, ULONG len);

NTSTATUS good_finally_cleanup(ULONG len)
{
	PVOID p = NULL;
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');
		if (p == NULL) {
			status = STATUS_INSUFFICIENT_RESOURCES;
			__leave;
		}
		if (len < 8)
			return STATUS_BUFFER_TOO_SMALL;
		RtlZeroMemory(p, len);
	} __finally {
		if (p != NULL)
			ExFreePoolWithTag(p, 'tseT');
	}
	return status;
}

NTSTATUS bad_finally_misses_one(ULONG len)
{
	PVOID p = NULL;
	PMDL mdl = NULL;
	NTSTATUS status = STATUS_SUCCESS;

	__try {
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');
		if (p == NULL) {
			status = STATUS_INSUFFICIENT_RESOURCES;
			__leave;
		}
		mdl = IoAllocateMdl(p, len, FALSE, FALSE, NULL); // expected-warning{{MDL 'mdl' from 'IoAllocateMdl' is not released on this path (IoFreeMdl)}}
		if (mdl == NULL) {
			status = STATUS_INSUFFICIENT_RESOURCES;
			__leave;
		}
		MmBuildMdlForNonPagedPool(mdl);
	} __finally {
		if (p != NULL)
			ExFreePoolWithTag(p, 'tseT');
	}
	return status;
}
