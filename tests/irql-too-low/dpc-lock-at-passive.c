/* irql-too-low: KeAcquireSpinLockAtDpcLevel and its release require
 * DISPATCH_LEVEL (nf-wdm-keacquirespinlockatdpclevel: at least; Driver
 * Verifier bug-checks below it). A dispatch routine runs at PASSIVE_LEVEL
 * (DriverObject->MajorFunction makes it one); a DPC runs at DISPATCH_LEVEL. */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	KDPC Dpc;
	ULONG Count;
} EXT, *PEXT;

static NTSTATUS DispatchIoctl(PDEVICE_OBJECT Device, PIRP Irp)
{
	PEXT e = Device->DeviceExtension;

	KeAcquireSpinLockAtDpcLevel(&e->Lock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'DispatchIoctl' runs at PASSIVE_LEVEL as a DRIVER_DISPATCH (stored into MajorFunction at line 51) [irql-too-low]}}
	e->Count++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static NTSTATUS DispatchRead(PDEVICE_OBJECT Device, PIRP Irp)
{
	PEXT e = Device->DeviceExtension;
	KIRQL old;

	KeAcquireSpinLock(&e->Lock, &old);
	e->Count++;
	KeReleaseSpinLock(&e->Lock, old);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static VOID CountDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PEXT e = Context;

	KeAcquireSpinLockAtDpcLevel(&e->Lock);
	e->Count++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
	PEXT e = NULL;

	Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchIoctl;
	Driver->MajorFunction[IRP_MJ_READ] = DispatchRead;
	if (e)
		KeInitializeDpc(&e->Dpc, CountDpc, e);
	return STATUS_SUCCESS;
}
