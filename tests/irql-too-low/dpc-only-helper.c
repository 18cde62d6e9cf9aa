/* irql-too-low: a static helper that uses the AtDpcLevel forms takes its
 * entry IRQL from its callers. Called only from DPCs (registered with
 * KeInitializeDpc), it runs at DISPATCH_LEVEL and is fine. Called also from a
 * dispatch routine, it is reached at PASSIVE_LEVEL: one finding at the call
 * in the dispatch routine, one at each AtDpcLevel call in the helper. */
#include <wdm.h>

typedef struct _PORT {
	KSPIN_LOCK Lock;
	KDPC RxDpc;
	KDPC TxDpc;
	ULONG Rx;
	ULONG Tx;
} PORT, *PPORT;

static VOID CountRx(PPORT p)
{
	KeAcquireSpinLockAtDpcLevel(&p->Lock);
	p->Rx++;
	KeReleaseSpinLockFromDpcLevel(&p->Lock);
}

static VOID CountTx(PPORT p)
{
	KeAcquireSpinLockAtDpcLevel(&p->Lock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'CountTx' is called at PASSIVE_LEVEL from 'PortWrite' at line 52}}
	p->Tx++;
	KeReleaseSpinLockFromDpcLevel(&p->Lock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'CountTx' is called at PASSIVE_LEVEL from 'PortWrite' at line 52}}
}

static VOID RxDpcRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	CountRx(Context);
}

static VOID TxDpcRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	CountTx(Context);
	CountRx(Context);
}

static NTSTATUS PortWrite(PDEVICE_OBJECT Device, PIRP Irp)
{
	PPORT p = Device->DeviceExtension;

	/* The same bookkeeping as the DPC, but at PASSIVE_LEVEL. */
	CountTx(p); // expected-error{{'CountTx' requires DISPATCH_LEVEL (it calls 'KeAcquireSpinLockAtDpcLevel' at line 25) but is called at PASSIVE_LEVEL: 'PortWrite' runs at PASSIVE_LEVEL as a DRIVER_DISPATCH (stored into MajorFunction at line 68)}}
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
	PDEVICE_OBJECT dev = NULL;
	NTSTATUS status;
	PPORT p;

	UNREFERENCED_PARAMETER(Path);
	status = IoCreateDevice(Driver, sizeof(PORT), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
	if (!NT_SUCCESS(status))
		return status;
	Driver->MajorFunction[IRP_MJ_WRITE] = PortWrite;
	p = dev->DeviceExtension;
	KeInitializeSpinLock(&p->Lock);
	KeInitializeDpc(&p->RxDpc, RxDpcRoutine, p);
	KeInitializeDpc(&p->TxDpc, TxDpcRoutine, p);
	return STATUS_SUCCESS;
}
