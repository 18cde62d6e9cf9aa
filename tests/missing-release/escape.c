// A resource handed to someone else is not a leak: stored into the device
// extension, returned, written through an out-parameter, passed to a
// routine defined elsewhere (which may keep it), or as a callback's context.
#include <wdm.h>

typedef struct _DEVICE_EXTENSION {
	PVOID Buffer;
	PMDL Mdl;
	PVOID Mapping;
	KDPC Dpc;
} DEVICE_EXTENSION, *PDEVICE_EXTENSION;

VOID keep_somewhere(PVOID p);

NTSTATUS good_into_extension(PDEVICE_OBJECT dev, ULONG len)
{
	PDEVICE_EXTENSION ext = dev->DeviceExtension;
	PVOID buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (buf == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	ext->Buffer = buf;
	ext->Mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
	if (ext->Mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES; /* the buffer lives in the extension */
	return STATUS_SUCCESS;
}

PVOID good_returned(ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	return p;
}

NTSTATUS good_out_param(ULONG len, PVOID *out)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	*out = p;
	return STATUS_SUCCESS;
}

NTSTATUS good_unknown_callee(ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	keep_somewhere(p);
	return STATUS_SUCCESS;
}

NTSTATUS good_dpc_context(PDEVICE_EXTENSION ext, ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT');

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	KeInsertQueueDpc(&ext->Dpc, p, NULL);
	return STATUS_SUCCESS;
}

NTSTATUS good_mdl_attached_to_irp(PIRP irp, PVOID va, ULONG len)
{
	/* A non-NULL Irp attaches the MDL to the IRP, which frees it. */
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, irp);

	return mdl ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS bad_not_stored(PDEVICE_EXTENSION ext, ULONG len)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, len, 'tseT'); // expected-warning{{pool allocation 'p' from 'ExAllocatePool2' is not released on this path}}

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (ext->Buffer != NULL)
		return STATUS_DEVICE_BUSY; /* p leaks */
	ext->Buffer = p;
	return STATUS_SUCCESS;
}
