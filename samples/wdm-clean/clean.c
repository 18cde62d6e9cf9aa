/* clean.c - wdm-clean: the wdm-mapper driver written the way the DDI contracts
 * ask. It is the false-positive canary of the test suite: ddilint must report
 * nothing here, so every construct in it is one a correct driver uses.
 *
 * - The user mapping uses MmMapLockedPagesSpecifyCache inside __try/__except,
 *   under a fast mutex (APC_LEVEL, which a UserMode mapping allows), and is
 *   undone with MmUnmapLockedPages in IRP_MJ_CLEANUP, in the process that
 *   owns it. Everything that can fail is checked before it is made.
 * - The METHOD_NEITHER input is probed and copied inside __try/__except.
 * - The METHOD_OUT_DIRECT buffer is mapped with MmGetSystemAddressForMdlSafe,
 *   and NULL is handled. The METHOD_IN_DIRECT buffer is mapped with
 *   MmMapLockedPagesSpecifyCache, and unmapped only when the mapping worked.
 * - The shared buffer comes from ExAllocatePool2 (zeroed, nonpaged), and every
 *   allocation is checked for NULL before use.
 * - The refresh timer's DPC does only what DISPATCH_LEVEL allows (a spin lock
 *   taken with the AtDpcLevel forms, an event, queueing a work item). The
 *   refill itself is pageable and runs in the work item, at PASSIVE_LEVEL.
 * - The refresh lock's wrappers carry the SAL that says they raise and lower
 *   the IRQL on purpose. */
#include <ntddk.h>

#include "clean.h"

// expected-no-findings

#define CLEAN_TAG 'lCdW'

typedef struct _CLEAN_EXTENSION {
	PDEVICE_OBJECT device;
	UNICODE_STRING link;
	FAST_MUTEX state_lock; /* guards user_view, view_owner and config */
	PVOID shared;          /* nonpaged, CLEAN_SHARED_SIZE bytes */
	PMDL shared_mdl;       /* describes SHARED (built for nonpaged pool) */
	PVOID user_view;       /* SHARED mapped into VIEW_OWNER, or NULL */
	PEPROCESS view_owner;
	CLEAN_CONFIG config;
	KTIMER refresh_timer;  /* periodic, while config.flags has CLEAN_CONFIG_REFRESH */
	KDPC refresh_dpc;
	PIO_WORKITEM refresh_item;
	KSPIN_LOCK refresh_lock; /* guards refresh_queued and refresh_idle */
	KIRQL refresh_irql;    /* the IRQL from before CleanLockRefresh */
	BOOLEAN refresh_queued; /* REFRESH_ITEM is queued or running */
	KEVENT refresh_idle;   /* signalled while REFRESH_QUEUED is FALSE */
} CLEAN_EXTENSION, *PCLEAN_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CleanUnload;

_Dispatch_type_(IRP_MJ_CREATE)
_Dispatch_type_(IRP_MJ_CLOSE)
DRIVER_DISPATCH CleanCreateClose;

_Dispatch_type_(IRP_MJ_CLEANUP)
DRIVER_DISPATCH CleanCleanup;

_Dispatch_type_(IRP_MJ_DEVICE_CONTROL)
DRIVER_DISPATCH CleanDeviceControl;

KDEFERRED_ROUTINE CleanRefreshDpc;
IO_WORKITEM_ROUTINE CleanRefreshWorker;

_IRQL_requires_max_(PASSIVE_LEVEL)
VOID CleanApplyConfig(_Inout_ PCLEAN_EXTENSION ext);

/* Pageable: only the IOCTL path and the work item call it, at PASSIVE_LEVEL. */
#pragma alloc_text(PAGE, CleanApplyConfig)

_IRQL_requires_max_(DISPATCH_LEVEL)
static NTSTATUS CleanComplete(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

/* The refresh lock, from code that may run below DISPATCH_LEVEL. The SAL says
 * that the first returns raised and the second lowers again, so the callers
 * are checked at DISPATCH_LEVEL in between. */
_IRQL_raises_(DISPATCH_LEVEL) _Acquires_lock_(ext->refresh_lock)
static VOID CleanLockRefresh(_Inout_ PCLEAN_EXTENSION ext)
{
	KeAcquireSpinLock(&ext->refresh_lock, &ext->refresh_irql);
}

_IRQL_requires_(DISPATCH_LEVEL) _Releases_lock_(ext->refresh_lock)
static VOID CleanUnlockRefresh(_Inout_ PCLEAN_EXTENSION ext)
{
	KeReleaseSpinLock(&ext->refresh_lock, ext->refresh_irql);
}

_Use_decl_annotations_
NTSTATUS CleanCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	return CleanComplete(Irp, STATUS_SUCCESS, 0);
}

/* Undo the user mapping if the current process owns it. Cleanup runs in the
 * context of the process that closes its last handle, which is what
 * MmUnmapLockedPages needs for a user address. */
_Use_decl_annotations_
NTSTATUS CleanCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PCLEAN_EXTENSION ext = DeviceObject->DeviceExtension;

	ExAcquireFastMutex(&ext->state_lock);
	if (ext->user_view != NULL && ext->view_owner == PsGetCurrentProcess()) {
		MmUnmapLockedPages(ext->user_view, ext->shared_mdl);
		ext->user_view = NULL;
		ext->view_owner = NULL;
	}
	ExReleaseFastMutex(&ext->state_lock);
	return CleanComplete(Irp, STATUS_SUCCESS, 0);
}

/* IOCTL_CLEAN_MAP_SHARED: map the shared buffer into the calling process. */
_IRQL_requires_max_(PASSIVE_LEVEL)
static NTSTATUS CleanMapShared(_Inout_ PCLEAN_EXTENSION ext, _Inout_ PIRP Irp, _In_ ULONG out_length)
{
	PCLEAN_VIEW view = Irp->AssociatedIrp.SystemBuffer;
	NTSTATUS status = STATUS_SUCCESS;
	PVOID va = NULL;

	/* Check everything that can fail before mapping, so that no error path
	 * has a mapping to undo. */
	if (out_length < sizeof(CLEAN_VIEW))
		return STATUS_BUFFER_TOO_SMALL;

	ExAcquireFastMutex(&ext->state_lock);
	if (ext->user_view != NULL) {
		ExReleaseFastMutex(&ext->state_lock);
		return STATUS_DEVICE_BUSY;
	}
	__try {
		/* A UserMode mapping raises when it fails. */
		va = MmMapLockedPagesSpecifyCache(ext->shared_mdl, UserMode, MmCached, NULL, FALSE,
						  NormalPagePriority);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		va = NULL;
		status = GetExceptionCode();
	}
	if (va != NULL) {
		ext->user_view = va;
		ext->view_owner = PsGetCurrentProcess();
	} else if (NT_SUCCESS(status)) {
		status = STATUS_INSUFFICIENT_RESOURCES;
	}
	ExReleaseFastMutex(&ext->state_lock);

	if (NT_SUCCESS(status)) {
		view->address = va;
		view->length = CLEAN_SHARED_SIZE;
	}
	return status;
}

/* Fill the shared buffer as the configuration says. Pageable (see the
 * alloc_text above): a fast mutex holds APC_LEVEL, where paging still works. */
_Use_decl_annotations_
VOID CleanApplyConfig(PCLEAN_EXTENSION ext)
{
	UCHAR fill;

	PAGED_CODE();

	ExAcquireFastMutex(&ext->state_lock);
	fill = (UCHAR)ext->config.fill_byte;
	ExReleaseFastMutex(&ext->state_lock);
	RtlFillMemory(ext->shared, CLEAN_SHARED_SIZE, fill);
}

/* The refresh work item, at PASSIVE_LEVEL: the pageable work the DPC cannot do. */
_Use_decl_annotations_
VOID CleanRefreshWorker(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	PCLEAN_EXTENSION ext = Context;

	UNREFERENCED_PARAMETER(DeviceObject);
	CleanApplyConfig(ext);

	CleanLockRefresh(ext);
	ext->refresh_queued = FALSE;
	KeSetEvent(&ext->refresh_idle, IO_NO_INCREMENT, FALSE);
	CleanUnlockRefresh(ext);
}

/* The refresh timer's DPC, at DISPATCH_LEVEL: it only queues the work item,
 * once at a time. */
_Use_decl_annotations_
VOID CleanRefreshDpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
	PCLEAN_EXTENSION ext = DeferredContext;
	BOOLEAN queue;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(SystemArgument1);
	UNREFERENCED_PARAMETER(SystemArgument2);

	KeAcquireSpinLockAtDpcLevel(&ext->refresh_lock);
	queue = !ext->refresh_queued;
	if (queue) {
		ext->refresh_queued = TRUE;
		KeClearEvent(&ext->refresh_idle);
	}
	KeReleaseSpinLockFromDpcLevel(&ext->refresh_lock);
	if (queue)
		IoQueueWorkItem(ext->refresh_item, CleanRefreshWorker, DelayedWorkQueue, ext);
}

/* IOCTL_CLEAN_SET_CONFIG (METHOD_NEITHER): the input is a raw user pointer,
 * so both the probe and the copy run inside __try/__except. */
_IRQL_requires_max_(PASSIVE_LEVEL)
static NTSTATUS CleanSetConfig(_Inout_ PCLEAN_EXTENSION ext, _In_ PIO_STACK_LOCATION stack, _In_ KPROCESSOR_MODE mode)
{
	PCLEAN_CONFIG user = stack->Parameters.DeviceIoControl.Type3InputBuffer;
	CLEAN_CONFIG config;
	LARGE_INTEGER due;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(CLEAN_CONFIG))
		return STATUS_BUFFER_TOO_SMALL;
	__try {
		if (mode == UserMode)
			ProbeForRead(user, sizeof(CLEAN_CONFIG), TYPE_ALIGNMENT(CLEAN_CONFIG));
		config = *user;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return GetExceptionCode();
	}

	ExAcquireFastMutex(&ext->state_lock);
	ext->config = config;
	ExReleaseFastMutex(&ext->state_lock);
	CleanApplyConfig(ext);
	if (config.flags & CLEAN_CONFIG_REFRESH) {
		due.QuadPart = -10 * 1000 * 1000;  /* one second, relative */
		KeSetTimerEx(&ext->refresh_timer, due, 1000, &ext->refresh_dpc);
	} else {
		KeCancelTimer(&ext->refresh_timer);
	}
	return STATUS_SUCCESS;
}

/* IOCTL_CLEAN_READ_SHARED (METHOD_OUT_DIRECT): Irp->MdlAddress describes the
 * caller's output buffer, probed and locked by the I/O manager; its system
 * mapping is released with the MDL, so there is nothing to unmap here. */
_IRQL_requires_max_(DISPATCH_LEVEL)
static NTSTATUS CleanReadShared(_In_ PCLEAN_EXTENSION ext, _In_ PIRP Irp, _In_ ULONG out_length,
				_Out_ PULONG_PTR information)
{
	PVOID out;

	*information = 0;
	if (Irp->MdlAddress == NULL || out_length < CLEAN_SHARED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	out = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
	if (out == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlCopyMemory(out, ext->shared, CLEAN_SHARED_SIZE);
	*information = CLEAN_SHARED_SIZE;
	return STATUS_SUCCESS;
}

/* IOCTL_CLEAN_WRITE_SHARED (METHOD_IN_DIRECT): Irp->MdlAddress describes the
 * caller's input buffer, probed and locked by the I/O manager. It is mapped
 * into system space for the copy and unmapped after, on the one path where the
 * mapping exists. */
_IRQL_requires_max_(DISPATCH_LEVEL)
static NTSTATUS CleanWriteShared(_Inout_ PCLEAN_EXTENSION ext, _In_ PIRP Irp, _In_ ULONG in_length)
{
	PVOID in;

	if (Irp->MdlAddress == NULL || in_length < CLEAN_SHARED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	in = MmMapLockedPagesSpecifyCache(Irp->MdlAddress, KernelMode, MmCached, NULL, FALSE,
					  NormalPagePriority);
	if (in == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlCopyMemory(ext->shared, in, CLEAN_SHARED_SIZE);
	MmUnmapLockedPages(in, Irp->MdlAddress);
	return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS CleanDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PCLEAN_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG out_length = stack->Parameters.DeviceIoControl.OutputBufferLength;
	ULONG_PTR information = 0;
	NTSTATUS status;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_CLEAN_MAP_SHARED:
		status = CleanMapShared(ext, Irp, out_length);
		if (NT_SUCCESS(status))
			information = sizeof(CLEAN_VIEW);
		break;
	case IOCTL_CLEAN_SET_CONFIG:
		status = CleanSetConfig(ext, stack, Irp->RequestorMode);
		break;
	case IOCTL_CLEAN_READ_SHARED:
		status = CleanReadShared(ext, Irp, out_length, &information);
		break;
	case IOCTL_CLEAN_WRITE_SHARED:
		/* For METHOD_IN_DIRECT the input buffer is the "output" one. */
		status = CleanWriteShared(ext, Irp, out_length);
		break;
	default:
		status = STATUS_INVALID_DEVICE_REQUEST;
		break;
	}
	return CleanComplete(Irp, status, information);
}

_Use_decl_annotations_
VOID CleanUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT device = DriverObject->DeviceObject;
	PCLEAN_EXTENSION ext = device->DeviceExtension;

	PAGED_CODE();

	/* Stop the refresh: no timer, no DPC in flight, and then no work item
	 * queued or running, before what they use goes away. */
	KeCancelTimer(&ext->refresh_timer);
	KeFlushQueuedDpcs();
	KeWaitForSingleObject(&ext->refresh_idle, Executive, KernelMode, FALSE, NULL);
	IoFreeWorkItem(ext->refresh_item);

	/* No handle is open any more, so IRP_MJ_CLEANUP has undone the user mapping. */
	IoDeleteSymbolicLink(&ext->link);
	IoFreeMdl(ext->shared_mdl);
	ExFreePoolWithTag(ext->shared, CLEAN_TAG);
	IoDeleteDevice(device);
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name;
	PDEVICE_OBJECT device;
	PCLEAN_EXTENSION ext;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);

	RtlInitUnicodeString(&name, CLEAN_DEVICE_NAME);
	status = IoCreateDevice(DriverObject, sizeof(CLEAN_EXTENSION), &name, FILE_DEVICE_UNKNOWN,
				FILE_DEVICE_SECURE_OPEN, FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	ext = device->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	ext->device = device;
	ExInitializeFastMutex(&ext->state_lock);
	KeInitializeSpinLock(&ext->refresh_lock);
	KeInitializeEvent(&ext->refresh_idle, NotificationEvent, TRUE);
	KeInitializeTimer(&ext->refresh_timer);
	KeInitializeDpc(&ext->refresh_dpc, CleanRefreshDpc, ext);

	ext->refresh_item = IoAllocateWorkItem(device);
	if (ext->refresh_item == NULL) {
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	ext->shared = ExAllocatePool2(POOL_FLAG_NON_PAGED, CLEAN_SHARED_SIZE, CLEAN_TAG);
	if (ext->shared == NULL) {
		IoFreeWorkItem(ext->refresh_item);
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	ext->shared_mdl = IoAllocateMdl(ext->shared, CLEAN_SHARED_SIZE, FALSE, FALSE, NULL);
	if (ext->shared_mdl == NULL) {
		ExFreePoolWithTag(ext->shared, CLEAN_TAG);
		IoFreeWorkItem(ext->refresh_item);
		IoDeleteDevice(device);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	MmBuildMdlForNonPagedPool(ext->shared_mdl);

	RtlInitUnicodeString(&ext->link, CLEAN_LINK_NAME);
	status = IoCreateSymbolicLink(&ext->link, &name);
	if (!NT_SUCCESS(status)) {
		IoFreeMdl(ext->shared_mdl);
		ExFreePoolWithTag(ext->shared, CLEAN_TAG);
		IoFreeWorkItem(ext->refresh_item);
		IoDeleteDevice(device);
		return status;
	}

	DriverObject->MajorFunction[IRP_MJ_CREATE] = CleanCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = CleanCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = CleanCleanup;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = CleanDeviceControl;
	DriverObject->DriverUnload = CleanUnload;
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
