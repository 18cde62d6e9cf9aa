// unchecked-result: the C runtime's memcpy, memmove and memset written
// directly (C11 7.24.1p2: their pointers must be valid even for a length of 0),
// like RtlCopyMemory and RtlZeroMemory; a work item from IoAllocateWorkItem
// (NULL when resources are short) passed to IoQueueWorkItem or IoFreeWorkItem.
#include <wdm.h>

#define TAG 'ypcM'

NTSTATUS bad_memcpy(PVOID src, SIZE_T n)
{
	PVOID dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	memcpy(dst, src, n); // expected-warning{{'dst' from 'ExAllocatePool2' may be NULL and is passed to 'memcpy' here}}
	ExFreePoolWithTag(dst, TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_memcpy_source(PVOID out, SIZE_T n)
{
	PVOID src = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	memcpy(out, src, n); // expected-warning{{'src' from 'ExAllocatePool2' may be NULL and is passed to 'memcpy' here}}
	ExFreePoolWithTag(src, TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_memmove(PVOID src, SIZE_T n)
{
	PVOID dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	memmove(dst, src, n); // expected-warning{{'dst' from 'ExAllocatePool2' may be NULL and is passed to 'memmove' here}}
	ExFreePoolWithTag(dst, TAG);
	return STATUS_SUCCESS;
}

NTSTATUS bad_memset(SIZE_T n)
{
	PVOID dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	memset(dst, 0, n); // expected-warning{{'dst' from 'ExAllocatePool2' may be NULL and is passed to 'memset' here}}
	ExFreePoolWithTag(dst, TAG);
	return STATUS_SUCCESS;
}

NTSTATUS good_memcpy(PVOID src, SIZE_T n)
{
	PVOID dst = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, TAG);

	if (dst == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	memcpy(dst, src, n);
	memset(dst, 0, n);
	ExFreePoolWithTag(dst, TAG);
	return STATUS_SUCCESS;
}

IO_WORKITEM_ROUTINE WorkRoutine;

VOID WorkRoutine(PDEVICE_OBJECT d, PVOID c)
{
	UNREFERENCED_PARAMETER(d);
	IoFreeWorkItem((PIO_WORKITEM)c);
}

NTSTATUS bad_queue(PDEVICE_OBJECT dev)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	IoQueueWorkItem(w, WorkRoutine, DelayedWorkQueue, w); // expected-warning{{'w' from 'IoAllocateWorkItem' may be NULL and is passed to 'IoQueueWorkItem' here}}
	return STATUS_SUCCESS;
}

NTSTATUS bad_free(PDEVICE_OBJECT dev)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	IoFreeWorkItem(w); // expected-warning{{'w' from 'IoAllocateWorkItem' may be NULL and is passed to 'IoFreeWorkItem' here}}
	return STATUS_SUCCESS;
}

NTSTATUS good_queue(PDEVICE_OBJECT dev)
{
	PIO_WORKITEM w = IoAllocateWorkItem(dev);

	if (w == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	IoQueueWorkItem(w, WorkRoutine, DelayedWorkQueue, w);
	return STATUS_SUCCESS;
}
