/* irql-too-high: the entry IRQL of callbacks from how the driver registers
 * them (ddi-contracts.md section f): KeInitializeDpc (DPC: DISPATCH_LEVEL),
 * IoInitializeTimer (DISPATCH_LEVEL), DriverObject->DriverStartIo
 * (DISPATCH_LEVEL), a MajorFunction store made in a helper that gets the
 * routine as a parameter (dispatch routines: PASSIVE_LEVEL, so no finding),
 * KeSynchronizeExecution (the routine runs at the interrupt's DIRQL). */
#include <wdm.h>

typedef struct _EXT {
	KDPC Dpc;
	PKINTERRUPT Interrupt;
	HANDLE Key;
	KEVENT Event;
} EXT, *PEXT;

static VOID TimerTick(PDEVICE_OBJECT Device, PVOID Context)
{
	ZwClose(((PEXT)Context)->Key); // expected-error{{'TimerTick' runs at DISPATCH_LEVEL as an IO_TIMER_ROUTINE (registered by IoInitializeTimer at line 53)}}
}

static VOID StartIo(PDEVICE_OBJECT Device, PIRP Irp)
{
	PEXT e = Device->DeviceExtension;

	KeWaitForSingleObject(&e->Event, Executive, KernelMode, FALSE, NULL); // expected-error{{'StartIo' runs at DISPATCH_LEVEL as a DRIVER_STARTIO (stored into DriverStartIo at line 51)}}
}

static NTSTATUS Create(PDEVICE_OBJECT Device, PIRP Irp)
{
	PEXT e = Device->DeviceExtension;

	ZwClose(e->Key); /* a dispatch routine runs at PASSIVE_LEVEL */
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static BOOLEAN SyncRoutine(PVOID Context)
{
	KeSetEvent(&((PEXT)Context)->Event, IO_NO_INCREMENT, FALSE); // expected-error{{'KeSetEvent' requires IRQL <= DISPATCH_LEVEL but is called at DIRQL: 'SyncRoutine' runs at DIRQL as a KSYNCHRONIZE_ROUTINE (registered by KeSynchronizeExecution at line 58)}}
	return TRUE;
}

static VOID SetDispatch(PDRIVER_OBJECT Driver, UCHAR Major, PDRIVER_DISPATCH Routine)
{
	Driver->MajorFunction[Major] = Routine;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
	Driver->DriverStartIo = StartIo;
	SetDispatch(Driver, IRP_MJ_CREATE, Create);
	return IoInitializeTimer(Driver->DeviceObject, TimerTick, NULL);
}

VOID Poke(PEXT e)
{
	KeSynchronizeExecution(e->Interrupt, SyncRoutine, e);
}
