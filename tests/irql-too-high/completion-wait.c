/* irql-too-high: an I/O completion routine may run at DISPATCH_LEVEL
 * (nc-wdm-io_completion_routine; modelled at DISPATCH_LEVEL, the worst case,
 * ddi-contracts.md a.1), so it must not wait: KeWaitForSingleObject with a
 * NULL timeout requires APC_LEVEL or below. A zero timeout is allowed at
 * DISPATCH_LEVEL; the knowledge base only tightens the bound for a literal
 * NULL. The routine gets its role from IoSetCompletionRoutine. */
#include <wdm.h>

typedef struct _CTX {
	KEVENT Done;
	LARGE_INTEGER Zero;
} CTX, *PCTX;

static NTSTATUS BadCompletion(PDEVICE_OBJECT Device, PIRP Irp, PVOID Context)
{
	PCTX c = Context;

	KeWaitForSingleObject(&c->Done, Executive, KernelMode, FALSE, NULL); // expected-error{{'KeWaitForSingleObject' (Timeout == NULL) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL: 'BadCompletion' runs at DISPATCH_LEVEL as an IO_COMPLETION_ROUTINE (registered by IoSetCompletionRoutine at line 38)}}
	return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS GoodCompletion(PDEVICE_OBJECT Device, PIRP Irp, PVOID Context)
{
	PCTX c = Context;

	/* poll with a zero timeout: allowed at DISPATCH_LEVEL */
	KeWaitForSingleObject(&c->Done, Executive, KernelMode, FALSE, &c->Zero);
	KeSetEvent(&c->Done, IO_NO_INCREMENT, FALSE);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS Forward(PDEVICE_OBJECT Lower, PIRP Irp, PCTX c, BOOLEAN poll)
{
	IoCopyCurrentIrpStackLocationToNext(Irp);
	if (poll)
		IoSetCompletionRoutine(Irp, GoodCompletion, c, TRUE, TRUE, TRUE);
	else
		IoSetCompletionRoutine(Irp, BadCompletion, c, TRUE, TRUE, TRUE);
	return IoCallDriver(Lower, Irp);
}
