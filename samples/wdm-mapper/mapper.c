/* mapper.c - wdm-mapper: a small legacy WDM driver with the bugs ddilint is
 * meant to find. It owns a nonpaged buffer and offers it to user mode three
 * ways: mapped into the caller's process, filled from a caller's
 * configuration, and copied out. Each bug is marked where it is; the
 * expectations on the lines are what ddilint reports today. The clean version
 * of the same driver is samples/wdm-clean/. */
#include <ntddk.h>

#include "mapper.h"

#define MAPPER_TAG 'pMdW'

typedef struct _MAPPER_EXTENSION {
	PDEVICE_OBJECT device;
	UNICODE_STRING link;
	KSPIN_LOCK lock;
	PVOID shared;          /* nonpaged, MAPPER_SHARED_SIZE bytes */
	PMDL shared_mdl;       /* describes SHARED */
	PVOID user_view;       /* where SHARED is mapped in the one client process */
	MAPPER_CONFIG config;
	LONG open_count;
} MAPPER_EXTENSION, *PMAPPER_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MapperUnload;
DRIVER_DISPATCH MapperCreateClose;
DRIVER_DISPATCH MapperDeviceControl;

static NTSTATUS MapperComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

NTSTATUS MapperCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PMAPPER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	if (stack->MajorFunction == IRP_MJ_CREATE)
		InterlockedIncrement(&ext->open_count);
	else
		InterlockedDecrement(&ext->open_count);
	return MapperComplete(Irp, STATUS_SUCCESS, 0);
}

/* IOCTL_MAPPER_MAP_SHARED: map the shared buffer into the calling process. */
static NTSTATUS MapperMapShared(PMAPPER_EXTENSION ext, PIRP Irp, ULONG out_length)
{
	PMAPPER_VIEW view = Irp->AssociatedIrp.SystemBuffer;
	KIRQL old;
	PVOID va;

	/* BUG: MmMapLockedPages is obsolete, and a UserMode mapping raises when
	 * it fails, so it needs a __try/__except.
	 * BUG (irql-too-high, a later rule): a UserMode mapping needs
	 * IRQL <= APC_LEVEL, and the spin lock holds DISPATCH_LEVEL here. */
	KeAcquireSpinLock(&ext->lock, &old);
	va = MmMapLockedPages(ext->shared_mdl, UserMode); // expected-warning{{'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache' instead [obsolete-ddi]}} expected-error{{'MmMapLockedPages' can raise an exception outside a __try/__except block (AccessMode is UserMode) [missing-seh-guard]}}
	ext->user_view = va;
	KeReleaseSpinLock(&ext->lock, old);

	if (out_length < sizeof(MAPPER_VIEW)) {
		/* BUG (missing-release, a later rule): the user mapping made
		 * above is not undone with MmUnmapLockedPages on this path. */
		return STATUS_BUFFER_TOO_SMALL;
	}
	view->address = va;
	view->length = MAPPER_SHARED_SIZE;
	return STATUS_SUCCESS;
}

/* IOCTL_MAPPER_SET_CONFIG (METHOD_NEITHER): the input is a raw user pointer. */
static NTSTATUS MapperSetConfig(PMAPPER_EXTENSION ext, PIO_STACK_LOCATION stack, KPROCESSOR_MODE mode)
{
	PMAPPER_CONFIG user = stack->Parameters.DeviceIoControl.Type3InputBuffer;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(MAPPER_CONFIG))
		return STATUS_BUFFER_TOO_SMALL;
	if (mode == UserMode) {
		/* BUG: ProbeForRead raises on a bad user pointer, and so does the
		 * copy below; neither is inside a __try/__except. */
		ProbeForRead(user, sizeof(MAPPER_CONFIG), TYPE_ALIGNMENT(MAPPER_CONFIG)); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block [missing-seh-guard]}}
	}
	ext->config = *user;
	RtlFillMemory(ext->shared, MAPPER_SHARED_SIZE, (UCHAR)ext->config.fill_byte);
	return STATUS_SUCCESS;
}

/* IOCTL_MAPPER_READ_SHARED (METHOD_OUT_DIRECT): Irp->MdlAddress describes the
 * caller's output buffer, already probed and locked by the I/O manager. */
static NTSTATUS MapperReadShared(PMAPPER_EXTENSION ext, PIRP Irp, ULONG out_length, PULONG_PTR information)
{
	PVOID out;

	if (Irp->MdlAddress == NULL || out_length < MAPPER_SHARED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	/* BUG: MmGetSystemAddressForMdl is obsolete: it bug-checks when the
	 * system runs out of mapping space instead of returning NULL. */
	out = MmGetSystemAddressForMdl(Irp->MdlAddress); // expected-warning{{'MmGetSystemAddressForMdl' is obsolete; use 'MmGetSystemAddressForMdlSafe' instead [obsolete-ddi]}}
	RtlCopyMemory(out, ext->shared, MAPPER_SHARED_SIZE);
	*information = MAPPER_SHARED_SIZE;
	return STATUS_SUCCESS;
}

NTSTATUS MapperDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PMAPPER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG out_length = stack->Parameters.DeviceIoControl.OutputBufferLength;
	ULONG_PTR information = 0;
	NTSTATUS status;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_MAPPER_MAP_SHARED:
		status = MapperMapShared(ext, Irp, out_length); // expected-note{{called outside __try/__except here}}
		if (NT_SUCCESS(status))
			information = sizeof(MAPPER_VIEW);
		break;
	case IOCTL_MAPPER_SET_CONFIG:
		status = MapperSetConfig(ext, stack, Irp->RequestorMode); // expected-note{{called outside __try/__except here}}
		break;
	case IOCTL_MAPPER_READ_SHARED:
		status = MapperReadShared(ext, Irp, out_length, &information);
		break;
	default:
		status = STATUS_INVALID_DEVICE_REQUEST;
		break;
	}
	return MapperComplete(Irp, status, information);
}

VOID MapperUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT device = DriverObject->DeviceObject;
	PMAPPER_EXTENSION ext = device->DeviceExtension;

	IoDeleteSymbolicLink(&ext->link);
	IoFreeMdl(ext->shared_mdl);
	ExFreePoolWithTag(ext->shared, MAPPER_TAG);
	IoDeleteDevice(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name;
	PDEVICE_OBJECT device;
	PMAPPER_EXTENSION ext;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);

	RtlInitUnicodeString(&name, MAPPER_DEVICE_NAME);
	status = IoCreateDevice(DriverObject, sizeof(MAPPER_EXTENSION), &name, FILE_DEVICE_UNKNOWN,
				FILE_DEVICE_SECURE_OPEN, FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	ext = device->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	ext->device = device;
	KeInitializeSpinLock(&ext->lock);

	/* BUG: ExAllocatePoolWithTag is obsolete (ExAllocatePool2 zeroes the
	 * buffer and takes POOL_FLAG_* flags). */
	ext->shared = ExAllocatePoolWithTag(NonPagedPoolNx, MAPPER_SHARED_SIZE, MAPPER_TAG); // expected-warning{{'ExAllocatePoolWithTag' is obsolete; use 'ExAllocatePool2' instead [obsolete-ddi]}}
	if (ext->shared == NULL) {
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	ext->shared_mdl = IoAllocateMdl(ext->shared, MAPPER_SHARED_SIZE, FALSE, FALSE, NULL);
	if (ext->shared_mdl == NULL) {
		ExFreePoolWithTag(ext->shared, MAPPER_TAG);
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	MmBuildMdlForNonPagedPool(ext->shared_mdl);

	RtlInitUnicodeString(&ext->link, MAPPER_LINK_NAME);
	status = IoCreateSymbolicLink(&ext->link, &name);
	if (!NT_SUCCESS(status)) {
		IoFreeMdl(ext->shared_mdl);
		ExFreePoolWithTag(ext->shared, MAPPER_TAG);
		IoDeleteDevice(device);
		return status;
	}

	DriverObject->MajorFunction[IRP_MJ_CREATE] = MapperCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = MapperCreateClose;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = MapperDeviceControl;
	DriverObject->DriverUnload = MapperUnload;
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
