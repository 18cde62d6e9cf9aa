/* irql-not-restored: a Cancel routine is entered at DISPATCH_LEVEL holding
 * the cancel spin lock and must release it with IoReleaseCancelSpinLock(
 * Irp->CancelIrql) (nc-wdm-driver_cancel; Code Analysis C28144, CodeQL
 * IrqlCancelRoutine). Releasing with a constant restores the wrong IRQL;
 * not releasing returns with the lock held. IoSetCancelRoutine registers
 * the routine. */
#include <wdm.h>

static VOID BadCancel(PDEVICE_OBJECT Device, PIRP Irp)
{
	IoReleaseCancelSpinLock(PASSIVE_LEVEL); // expected-warning{{'IoReleaseCancelSpinLock' restores PASSIVE_LEVEL, but a Cancel routine must restore the IRQL saved in 'Irp->CancelIrql'}}
	Irp->IoStatus.Status = STATUS_CANCELLED;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

static VOID LeakCancel(PDEVICE_OBJECT Device, PIRP Irp) // expected-warning{{'LeakCancel' returns without releasing the cancel spin lock}}
{
	Irp->IoStatus.Status = STATUS_CANCELLED;
}

static VOID GoodCancel(PDEVICE_OBJECT Device, PIRP Irp)
{
	IoReleaseCancelSpinLock(Irp->CancelIrql);
	Irp->IoStatus.Status = STATUS_CANCELLED;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

VOID Queue(PIRP a, PIRP b, PIRP c)
{
	IoSetCancelRoutine(a, BadCancel);
	IoSetCancelRoutine(b, LeakCancel);
	IoSetCancelRoutine(c, GoodCancel);
}
