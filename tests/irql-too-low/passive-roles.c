/* irql-too-low: the AtDpcLevel spin-lock routines require DISPATCH_LEVEL
 * (wdm/nf-wdm-keacquirespinlockatdpclevel, nf-wdm-kereleasespinlockfromdpclevel,
 * nf-wdm-keacquireinstackqueuedspinlockatdpclevel). Routines that run at
 * PASSIVE_LEVEL are reported: a DRIVER_DISPATCH (by its declaration), a work
 * item (by its declaration, or registered with IoQueueWorkItem only), DriverEntry, and a
 * function annotated _IRQL_requires_(PASSIVE_LEVEL). Routines that run at
 * DISPATCH_LEVEL are not: a KDEFERRED_ROUTINE declared with the typedef and
 * registered with KeInitializeDpc, and functions annotated
 * _IRQL_requires_min_(DISPATCH_LEVEL) or _IRQL_requires_(DISPATCH_LEVEL).
 * A function with no annotation, no role and no caller has an unknown entry
 * IRQL, and nothing is guessed about it. */
#include <wdm.h>

typedef struct _DEV_EXT {
	KSPIN_LOCK Lock;
	KDPC Dpc;
	PIO_WORKITEM Work;
	ULONG Pending;
} DEV_EXT, *PDEV_EXT;

DRIVER_DISPATCH BadDispatchCreate;
IO_WORKITEM_ROUTINE BadWorkRoutine;
KDEFERRED_ROUTINE GoodDpc;

NTSTATUS BadDispatchCreate(PDEVICE_OBJECT Device, PIRP Irp)
{
	PDEV_EXT e = Device->DeviceExtension;
	KLOCK_QUEUE_HANDLE h;

	KeAcquireInStackQueuedSpinLockAtDpcLevel(&e->Lock, &h); // expected-error{{'KeAcquireInStackQueuedSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'BadDispatchCreate' runs at PASSIVE_LEVEL as a DRIVER_DISPATCH (declared at line 21) [irql-too-low]}}
	e->Pending++;
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&h); // expected-error{{'KeReleaseInStackQueuedSpinLockFromDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

VOID BadWorkRoutine(PDEVICE_OBJECT Device, PVOID Context)
{
	PDEV_EXT e = Context;

	UNREFERENCED_PARAMETER(Device);
	KeAcquireSpinLockAtDpcLevel(&e->Lock); // expected-error{{'BadWorkRoutine' runs at PASSIVE_LEVEL as an IO_WORKITEM_ROUTINE (declared at line 22)}}
	e->Pending--;
	KeReleaseSpinLockFromDpcLevel(&e->Lock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
}

static VOID BadQueuedWork(PDEVICE_OBJECT Device, PVOID Context)
{
	PDEV_EXT e = Context;

	UNREFERENCED_PARAMETER(Device);
	KeAcquireSpinLockAtDpcLevel(&e->Lock); // expected-error{{is called at PASSIVE_LEVEL: 'BadQueuedWork' runs at PASSIVE_LEVEL as an IO_WORKITEM_ROUTINE (registered by IoQueueWorkItem at line 64)}}
	e->Pending = 0;
	KeReleaseSpinLockFromDpcLevel(&e->Lock); // expected-error{{requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_annotated_passive(PDEV_EXT e)
{
	KeAcquireSpinLockAtDpcLevel(&e->Lock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'bad_annotated_passive' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	e->Pending++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock); // expected-error{{'bad_annotated_passive' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	IoQueueWorkItem(e->Work, BadQueuedWork, DelayedWorkQueue, e);
}

VOID GoodDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PDEV_EXT e = Context;
	KLOCK_QUEUE_HANDLE h;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&e->Lock, &h);
	e->Pending++;
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);
}

_IRQL_requires_min_(DISPATCH_LEVEL)
VOID good_annotated_min_dispatch(PDEV_EXT e)
{
	KeAcquireSpinLockAtDpcLevel(&e->Lock);
	e->Pending++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock);
}

_IRQL_requires_(DISPATCH_LEVEL)
VOID good_annotated_dispatch(PDEV_EXT e)
{
	KeAcquireSpinLockAtDpcLevel(&e->Lock);
	e->Pending++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock);
}

VOID good_unknown_entry(PDEV_EXT e)
{
	/* No annotation, no role, no caller in the file: it may well be called
	 * from a DPC in another file. */
	KeAcquireSpinLockAtDpcLevel(&e->Lock);
	e->Pending++;
	KeReleaseSpinLockFromDpcLevel(&e->Lock);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
	static DEV_EXT g;

	UNREFERENCED_PARAMETER(Path);
	KeInitializeSpinLock(&g.Lock);
	KeAcquireSpinLockAtDpcLevel(&g.Lock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'DriverEntry' runs at PASSIVE_LEVEL as a DRIVER_INITIALIZE}}
	g.Pending = 0;
	KeReleaseSpinLockFromDpcLevel(&g.Lock); // expected-error{{'DriverEntry' runs at PASSIVE_LEVEL as a DRIVER_INITIALIZE}}
	KeInitializeDpc(&g.Dpc, GoodDpc, &g);
	Driver->MajorFunction[IRP_MJ_CREATE] = BadDispatchCreate;
	return STATUS_SUCCESS;
}
