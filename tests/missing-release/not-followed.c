// What the engine cannot follow is handed on, never a leak: a lock whose
// owner is passed to a routine defined elsewhere (it may release it), a
// buffer kept by RtlInitUnicodeString's string, a dispatch routine's switch
// that has no default (other values never arrive), the cleanup a __finally
// does only when AbnormalTermination() says an exception is leaving.
#include <wdm.h>

typedef struct _DEV {
	KSPIN_LOCK Lock;
	IO_REMOVE_LOCK RemoveLock;
	ULONG State;
} DEV, *PDEV;

VOID finish_elsewhere(PDEV d);
NTSTATUS pass_down(PDEVICE_OBJECT dev, PIRP irp);

VOID good_unknown_releases(PDEV d)
{
	KIRQL irql;

	KeAcquireSpinLock(&d->Lock, &irql);
	d->State = 1;
	finish_elsewhere(d); /* defined in another file: it may drop the lock */
	if (d->State)
		return;
	KeReleaseSpinLock(&d->Lock, irql);
}

NTSTATUS good_string_keeps_buffer(PUNICODE_STRING name, USHORT len)
{
	PWCH buf = ExAllocatePool2(POOL_FLAG_PAGED, len, 'tseT');

	if (!buf)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlZeroMemory(buf, len);
	RtlInitUnicodeString(name, buf); /* the caller frees name->Buffer */
	return STATUS_SUCCESS;
}

NTSTATUS good_dispatch_switch(PDEVICE_OBJECT dev, PIRP irp)
{
	PDEV d = dev->DeviceExtension;
	PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
	NTSTATUS status = IoAcquireRemoveLock(&d->RemoveLock, irp);

	if (!NT_SUCCESS(status))
		return status;
	switch (sp->MajorFunction) {
	case IRP_MJ_CREATE:
	case IRP_MJ_CLOSE:
		irp->IoStatus.Status = STATUS_SUCCESS;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		IoReleaseRemoveLock(&d->RemoveLock, irp);
		break;
	}
	return status;
}

NTSTATUS good_remove_lock_handed_down(PDEVICE_OBJECT dev, PIRP irp)
{
	PDEV d = dev->DeviceExtension;
	NTSTATUS status = IoAcquireRemoveLock(&d->RemoveLock, irp);

	if (!NT_SUCCESS(status))
		return status;
	return pass_down(dev, irp); /* releases the lock tagged with irp */
}

NTSTATUS good_abnormal_cleanup(PVOID va, ULONG len, PIRP irp)
{
	PMDL mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);

	if (!mdl)
		return STATUS_INSUFFICIENT_RESOURCES;
	__try {
		MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess); // expected-error{{can raise an exception}}
	} __finally {
		if (AbnormalTermination())
			IoFreeMdl(mdl);
	}
	irp->MdlAddress = mdl;
	return STATUS_SUCCESS;
}

// ddilint-rules: missing-seh-guard
