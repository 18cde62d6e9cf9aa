// unchecked-result: each way of using a pointer that needs it to be valid
// (a member access, a unary *, a subscript, a header macro that reads through
// it, RtlZeroMemory/RtlCopyMemory writing into it, a result used without being
// stored), each next to the same code with a test. ExAllocatePool2,
// ExAllocatePoolWithTag, IoAllocateMdl, MmGetSystemAddressForMdlSafe and
// MmMapLockedPagesSpecifyCache(KernelMode, BugCheckOnFailure FALSE) return
// NULL when they fail (wdm/nf-wdm-exallocatepool2, nf-wdm-exallocatepoolwithtag,
// nf-wdm-ioallocatemdl, nf-wdm-mmgetsystemaddressformdlsafe,
// nf-wdm-mmmaplockedpagesspecifycache).
#include <wdm.h>

typedef struct _SLOT {
	ULONG Id;
	ULONG Flags;
	LIST_ENTRY Link;
} SLOT, *PSLOT;

NTSTATUS bad_member(ULONG id)
{
	PSLOT s = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*s), 'tolS');

	s->Id = id; // expected-warning{{'s' from 'ExAllocatePool2' may be NULL and is dereferenced here [unchecked-result]}}
	ExFreePoolWithTag(s, 'tolS');
	return STATUS_SUCCESS;
}

NTSTATUS good_member(ULONG id)
{
	PSLOT s = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*s), 'tolS');

	if (!s)
		return STATUS_INSUFFICIENT_RESOURCES;
	s->Id = id;
	ExFreePoolWithTag(s, 'tolS');
	return STATUS_SUCCESS;
}

NTSTATUS bad_star(VOID)
{
	PULONG counter = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'tnoC');

	*counter = 0; // expected-warning{{'counter' from 'ExAllocatePoolWithTag' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(counter, 'tnoC');
	return STATUS_SUCCESS;
}

NTSTATUS good_star(VOID)
{
	PULONG counter = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'tnoC');

	if (counter == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	*counter = 0;
	ExFreePoolWithTag(counter, 'tnoC');
	return STATUS_SUCCESS;
}

NTSTATUS bad_subscript(ULONG n)
{
	PUCHAR table = ExAllocatePool2(POOL_FLAG_PAGED, n, 'lbaT');
	ULONG i;

	/* Two paths, two first uses: the loop body when n > 0, and the free
	 * (ExFreePoolWithTag must not be given NULL) when n == 0. */
	for (i = 0; i < n; i++)
		table[i] = 0; // expected-warning{{'table' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
	ExFreePoolWithTag(table, 'lbaT'); // expected-warning{{'table' from 'ExAllocatePool2' may be NULL and is passed to 'ExFreePoolWithTag' here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_subscript(ULONG n)
{
	PUCHAR table = ExAllocatePool2(POOL_FLAG_PAGED, n, 'lbaT');
	ULONG i;

	if (table == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	for (i = 0; i < n; i++)
		table[i] = 0;
	ExFreePoolWithTag(table, 'lbaT');
	return STATUS_SUCCESS;
}

NTSTATUS bad_zero(SIZE_T n)
{
	PVOID buf = ExAllocatePoolWithTag(NonPagedPoolNx, n, 'oreZ');

	RtlZeroMemory(buf, n); // expected-warning{{'buf' from 'ExAllocatePoolWithTag' may be NULL and is passed to 'RtlZeroMemory' here}}
	ExFreePoolWithTag(buf, 'oreZ');
	return STATUS_SUCCESS;
}

NTSTATUS good_zero(SIZE_T n)
{
	PVOID buf = ExAllocatePoolWithTag(NonPagedPoolNx, n, 'oreZ');

	if (buf != NULL) {
		RtlZeroMemory(buf, n);
		ExFreePoolWithTag(buf, 'oreZ');
	}
	return buf ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS bad_mdl_byte_count(PVOID va, ULONG len)
{
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
	ULONG n;

	n = MmGetMdlByteCount(mdl); // expected-warning{{'mdl' from 'IoAllocateMdl' may be NULL and is dereferenced here}}
	IoFreeMdl(mdl);
	return n ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

NTSTATUS good_mdl_byte_count(PVOID va, ULONG len)
{
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
	ULONG n;

	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	n = MmGetMdlByteCount(mdl);
	IoFreeMdl(mdl);
	return n ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

NTSTATUS bad_system_address_copy(PIRP Irp, PVOID src, ULONG n)
{
	PVOID out = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority | MdlMappingNoExecute);

	RtlCopyMemory(out, src, n); // expected-warning{{'out' from 'MmGetSystemAddressForMdlSafe' may be NULL and is passed to 'RtlCopyMemory' here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_system_address_copy(PIRP Irp, PVOID src, ULONG n)
{
	PVOID out = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority | MdlMappingNoExecute);

	if (out == NULL) {
		Irp->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
		Irp->IoStatus.Information = 0;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	RtlCopyMemory(out, src, n);
	return STATUS_SUCCESS;
}

NTSTATUS bad_map_specify_cache(PMDL mdl)
{
	PUCHAR va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmNonCached, NULL, FALSE, HighPagePriority);

	va[4] = 1; // expected-warning{{'va' from 'MmMapLockedPagesSpecifyCache' may be NULL and is dereferenced here}}
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

NTSTATUS good_map_specify_cache(PMDL mdl)
{
	PUCHAR va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmNonCached, NULL, FALSE, HighPagePriority);

	if (!va)
		return STATUS_INSUFFICIENT_RESOURCES;
	va[4] = 1;
	MmUnmapLockedPages(va, mdl);
	return STATUS_SUCCESS;
}

ULONG bad_unstored_result(VOID)
{
	return ((PSLOT)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(SLOT), 'tolS'))->Id; // expected-warning{{the result from 'ExAllocatePool2' may be NULL and is dereferenced here}}
}
