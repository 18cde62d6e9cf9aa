// missing-release: a work item from IoAllocateWorkItem is freed with
// IoFreeWorkItem after its routine ran (ddi/wdm/nf-wdm-ioallocateworkitem).
// Queueing it hands it on: the system keeps it until the routine has run, and
// the routine frees it, reached through its context (the item itself, or a
// structure holding it). Only an item that is never queued nor freed, nor
// stored anywhere, leaks.
#include <wdm.h>

typedef struct _WORK_CTX {
	PIO_WORKITEM Item;
	ULONG Value;
} WORK_CTX, *PWORK_CTX;

#define TAG 'krow'

IO_WORKITEM_ROUTINE ItemRoutine;
IO_WORKITEM_ROUTINE CtxRoutine;

VOID ItemRoutine(PDEVICE_OBJECT d, PVOID c)
{
	UNREFERENCED_PARAMETER(d);
	IoFreeWorkItem((PIO_WORKITEM)c);
}

VOID CtxRoutine(PDEVICE_OBJECT d, PVOID c)
{
	PWORK_CTX ctx = c;

	UNREFERENCED_PARAMETER(d);
	IoFreeWorkItem(ctx->Item);
	ExFreePoolWithTag(ctx, TAG);
}

NTSTATUS good_item_as_context(PDEVICE_OBJECT dev)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	if (w == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	IoQueueWorkItem(w, ItemRoutine, DelayedWorkQueue, w);
	return STATUS_SUCCESS;
}

NTSTATUS good_item_in_context(PDEVICE_OBJECT dev)
{
	PWORK_CTX ctx = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*ctx), TAG);
	PIO_WORKITEM w;

	if (ctx == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	w = IoAllocateWorkItem(dev);
	if (w == NULL) {
		ExFreePoolWithTag(ctx, TAG);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	ctx->Item = w;
	IoQueueWorkItem(w, CtxRoutine, DelayedWorkQueue, ctx);
	return STATUS_SUCCESS;
}

NTSTATUS good_queued_without_context(PDEVICE_OBJECT dev, PIO_WORKITEM *slot)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	if (w == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	*slot = w;
	IoQueueWorkItem(w, ItemRoutine, DelayedWorkQueue, NULL);
	return STATUS_SUCCESS;
}

NTSTATUS good_freed_on_error(PDEVICE_OBJECT dev, BOOLEAN stopping)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	if (w == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (stopping) {
		IoFreeWorkItem(w);
		return STATUS_DEVICE_NOT_READY;
	}
	IoQueueWorkItem(w, ItemRoutine, DelayedWorkQueue, w);
	return STATUS_SUCCESS;
}

NTSTATUS bad_not_queued_on_error(PDEVICE_OBJECT dev, BOOLEAN stopping)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev); // expected-warning{{work item 'w' from 'IoAllocateWorkItem' is not released on this path (IoFreeWorkItem)}}

	if (w == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (stopping)
		return STATUS_DEVICE_NOT_READY;
	IoQueueWorkItem(w, ItemRoutine, DelayedWorkQueue, w);
	return STATUS_SUCCESS;
}
