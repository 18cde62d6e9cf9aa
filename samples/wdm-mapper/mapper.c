/* mapper.c - wdm-mapper: a small legacy WDM driver with the bugs ddilint is
 * meant to find. It owns a nonpaged buffer and offers it to user mode four
 * ways: mapped into the caller's process, filled from a caller's
 * configuration (and refilled once a second by a timer if asked), copied out
 * and copied in. Each bug is marked where it is with a BUG comment naming the
 * rule that finds it; the expectations on the lines are what ddilint reports.
 * The clean version of the same driver is samples/wdm-clean/. */
#include <ntddk.h>

#include "mapper.h"

#define MAPPER_TAG 'pMdW'

typedef struct _MAPPER_EXTENSION {
	PDEVICE_OBJECT device;
	UNICODE_STRING link;
	KSPIN_LOCK lock;       /* guards user_view and config */
	KIRQL lock_irql;       /* the IRQL from before MapperLock */
	PVOID shared;          /* nonpaged, MAPPER_SHARED_SIZE bytes */
	PMDL shared_mdl;       /* describes SHARED */
	PVOID user_view;       /* where SHARED is mapped in the one client process */
	MAPPER_CONFIG config;
	KTIMER refresh_timer;  /* periodic, while config.flags has MAPPER_CONFIG_REFRESH */
	KDPC refresh_dpc;
	LONG open_count;
} MAPPER_EXTENSION, *PMAPPER_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MapperUnload;
DRIVER_DISPATCH MapperCreateClose;
DRIVER_DISPATCH MapperDeviceControl;
KDEFERRED_ROUTINE MapperRefreshDpc; // expected-note 2{{'MapperRefreshDpc' declared as a KDEFERRED_ROUTINE here}}
VOID MapperApplyConfig(PMAPPER_EXTENSION ext);

/* Only the IOCTL path was meant to call this, at PASSIVE_LEVEL. */
#pragma alloc_text(PAGE, MapperApplyConfig)

static NTSTATUS MapperComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

/* BUG (irql-not-restored): a lock wrapper pair without the SAL that says so
 * (_IRQL_raises_ and _Acquires_lock_, _Releases_lock_): MapperLock returns at
 * DISPATCH_LEVEL, and MapperUnlock lowers to a value it did not save. */
static VOID MapperLock(PMAPPER_EXTENSION ext)
{
	KeAcquireSpinLock(&ext->lock, &ext->lock_irql); // expected-warning{{'MapperLock' returns at DISPATCH_LEVEL, not at the IRQL it was entered at: spin lock acquired at line 51 (KeAcquireSpinLock) [irql-not-restored]}} expected-note{{spin lock acquired here, IRQL DISPATCH_LEVEL}}
}

static VOID MapperUnlock(PMAPPER_EXTENSION ext)
{
	KeReleaseSpinLock(&ext->lock, ext->lock_irql); // expected-warning{{'MapperUnlock' lowers the IRQL with 'ext->lock_irql', which it did not save, and returns at that IRQL without being annotated _IRQL_restores_ [irql-not-restored]}}
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
	PVOID va;

	/* BUG (obsolete-ddi, missing-seh-guard): MmMapLockedPages is obsolete,
	 * and a UserMode mapping raises when it fails, so it needs a
	 * __try/__except.
	 * BUG (missing-release): when the output buffer is too small, the user
	 * mapping is not undone with MmUnmapLockedPages. Check first, map last. */
	va = MmMapLockedPages(ext->shared_mdl, UserMode); // expected-warning{{'MmMapLockedPages' is obsolete; use 'MmMapLockedPagesSpecifyCache' instead [obsolete-ddi]}} expected-error{{'MmMapLockedPages' can raise an exception outside a __try/__except block (AccessMode is UserMode) [missing-seh-guard]}} expected-warning{{mapping 'va' from 'MmMapLockedPages' is not released on this path (MmUnmapLockedPages) [missing-release]}} expected-note{{acquired here}}
	if (out_length < sizeof(MAPPER_VIEW)) // expected-note{{taking the true branch}}
		return STATUS_BUFFER_TOO_SMALL; // expected-note{{leaks when the function returns here}}

	MapperLock(ext);
	ext->user_view = va;
	MapperUnlock(ext);
	view->address = va;
	view->length = MAPPER_SHARED_SIZE;
	return STATUS_SUCCESS;
}

/* Fill the shared buffer as the configuration says. Pageable (see the
 * alloc_text above). */
VOID MapperApplyConfig(PMAPPER_EXTENSION ext)
{
	PAGED_CODE(); // expected-error{{'MapperApplyConfig' is pageable (PAGED_CODE()) but runs at DISPATCH_LEVEL: 'MapperApplyConfig' is called at DISPATCH_LEVEL from 'MapperRefreshDpc' at line 113 [irql-too-high]}} expected-note{{'MapperApplyConfig' is pageable (PAGED_CODE())}}

	RtlFillMemory(ext->shared, MAPPER_SHARED_SIZE, (UCHAR)ext->config.fill_byte);
}

/* The refresh timer's DPC, at DISPATCH_LEVEL. */
VOID MapperRefreshDpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
	PMAPPER_EXTENSION ext = DeferredContext;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(SystemArgument1);
	UNREFERENCED_PARAMETER(SystemArgument2);
	/* BUG (irql-too-high): MapperApplyConfig is pageable, and a DPC runs at
	 * DISPATCH_LEVEL, where a page fault bug-checks. Queue a work item. */
	MapperApplyConfig(ext); // expected-error{{'MapperApplyConfig' requires IRQL <= APC_LEVEL (it is pageable: PAGED_CODE()) but is called at DISPATCH_LEVEL: 'MapperRefreshDpc' runs at DISPATCH_LEVEL as a KDEFERRED_ROUTINE (declared at line 32) [irql-too-high]}} expected-note{{'MapperApplyConfig' called at DISPATCH_LEVEL here}}
}

/* IOCTL_MAPPER_SET_CONFIG (METHOD_NEITHER): the input is a raw user pointer. */
static NTSTATUS MapperSetConfig(PMAPPER_EXTENSION ext, PIO_STACK_LOCATION stack, KPROCESSOR_MODE mode)
{
	PMAPPER_CONFIG user = stack->Parameters.DeviceIoControl.Type3InputBuffer;
	MAPPER_CONFIG config;
	LARGE_INTEGER due;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(MAPPER_CONFIG))
		return STATUS_BUFFER_TOO_SMALL;
	if (mode == UserMode) {
		/* BUG (missing-seh-guard): ProbeForRead raises on a bad user
		 * pointer, and so does the copy below; neither is inside a
		 * __try/__except. */
		ProbeForRead(user, sizeof(MAPPER_CONFIG), TYPE_ALIGNMENT(MAPPER_CONFIG)); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block [missing-seh-guard]}}
	}
	config = *user;

	MapperLock(ext);
	ext->config = config;
	MapperUnlock(ext);
	MapperApplyConfig(ext);
	if (config.flags & MAPPER_CONFIG_REFRESH) {
		due.QuadPart = -10 * 1000 * 1000;  /* one second, relative */
		KeSetTimerEx(&ext->refresh_timer, due, 1000, &ext->refresh_dpc);
	} else {
		KeCancelTimer(&ext->refresh_timer);
	}
	return STATUS_SUCCESS;
}

/* IOCTL_MAPPER_READ_SHARED (METHOD_OUT_DIRECT): Irp->MdlAddress describes the
 * caller's output buffer, already probed and locked by the I/O manager. */
static NTSTATUS MapperReadShared(PMAPPER_EXTENSION ext, PIRP Irp, ULONG out_length, PULONG_PTR information)
{
	PVOID out;

	if (Irp->MdlAddress == NULL || out_length < MAPPER_SHARED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	/* BUG (obsolete-ddi): MmGetSystemAddressForMdl bug-checks when the
	 * system runs out of mapping space instead of returning NULL. */
	out = MmGetSystemAddressForMdl(Irp->MdlAddress); // expected-warning{{'MmGetSystemAddressForMdl' is obsolete; use 'MmGetSystemAddressForMdlSafe' instead [obsolete-ddi]}}
	RtlCopyMemory(out, ext->shared, MAPPER_SHARED_SIZE);
	*information = MAPPER_SHARED_SIZE;
	return STATUS_SUCCESS;
}

/* IOCTL_MAPPER_WRITE_SHARED (METHOD_IN_DIRECT): Irp->MdlAddress describes the
 * caller's input buffer, probed and locked by the I/O manager. The driver maps
 * it into system space itself for the copy and unmaps it after. */
static NTSTATUS MapperWriteShared(PMAPPER_EXTENSION ext, PIRP Irp, ULONG in_length)
{
	NTSTATUS status = STATUS_SUCCESS;
	PVOID in;

	if (Irp->MdlAddress == NULL || in_length < MAPPER_SHARED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	in = MmMapLockedPagesSpecifyCache(Irp->MdlAddress, KernelMode, MmCached, NULL, FALSE, // expected-note{{'MmMapLockedPagesSpecifyCache' can fail here}}
					  NormalPagePriority);
	if (in == NULL) // expected-note{{taking the true branch}}
		status = STATUS_INSUFFICIENT_RESOURCES;
	else
		RtlCopyMemory(ext->shared, in, MAPPER_SHARED_SIZE);
	/* BUG (unmatched-release): when the mapping failed, this unmaps NULL,
	 * which bug-checks. Unmap only what was mapped. */
	MmUnmapLockedPages(in, Irp->MdlAddress); // expected-error{{'MmUnmapLockedPages' of a mapping that is not held on this path [unmatched-release]}} expected-note{{released here}}
	return status;
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
	case IOCTL_MAPPER_WRITE_SHARED:
		/* For METHOD_IN_DIRECT the input buffer is the "output" one. */
		status = MapperWriteShared(ext, Irp, out_length);
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

	KeCancelTimer(&ext->refresh_timer);
	KeFlushQueuedDpcs();
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
	PMDL mdl;
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
	KeInitializeTimer(&ext->refresh_timer);
	KeInitializeDpc(&ext->refresh_dpc, MapperRefreshDpc, ext);

	/* BUG (obsolete-ddi): ExAllocatePool2 zeroes the buffer and takes
	 * POOL_FLAG_* flags. */
	ext->shared = ExAllocatePoolWithTag(NonPagedPoolNx, MAPPER_SHARED_SIZE, MAPPER_TAG); // expected-warning{{'ExAllocatePoolWithTag' is obsolete; use 'ExAllocatePool2' instead [obsolete-ddi]}}
	if (ext->shared == NULL) {
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	mdl = IoAllocateMdl(ext->shared, MAPPER_SHARED_SIZE, FALSE, FALSE, NULL); // expected-note{{'IoAllocateMdl' returns NULL when it fails}}
	/* BUG (unchecked-result): IoAllocateMdl returns NULL when it fails. */
	MmBuildMdlForNonPagedPool(mdl); // expected-warning{{'mdl' from 'IoAllocateMdl' may be NULL and is passed to 'MmBuildMdlForNonPagedPool' here [unchecked-result]}} expected-note{{used here without a NULL check}}
	ext->shared_mdl = mdl;

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
