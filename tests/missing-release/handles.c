// Handles from Zw opens are closed with ZwClose, object references from
// ObReferenceObjectByHandle are dropped with ObDereferenceObject
// (ddi-contracts.md §e). Nothing is held when the status is a failure.
#include <ntddk.h>

NTSTATUS bad_key_handle(PUNICODE_STRING path)
{
	OBJECT_ATTRIBUTES oa;
	HANDLE key;
	NTSTATUS status;

	InitializeObjectAttributes(&oa, path, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
	status = ZwOpenKey(&key, KEY_READ, &oa); // expected-warning{{handle 'key' from 'ZwOpenKey' is not released on this path (ZwClose)}}
	if (!NT_SUCCESS(status))
		return status;
	status = ZwFlushKey(key);
	if (!NT_SUCCESS(status))
		return status; /* leaks the handle */
	ZwClose(key);
	return STATUS_SUCCESS;
}

NTSTATUS good_key_handle(PUNICODE_STRING path)
{
	OBJECT_ATTRIBUTES oa;
	HANDLE key;
	NTSTATUS status;

	InitializeObjectAttributes(&oa, path, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
	status = ZwOpenKey(&key, KEY_READ, &oa);
	if (status != STATUS_SUCCESS)
		return status;
	status = ZwFlushKey(key);
	ZwClose(key);
	return status;
}

NTSTATUS good_status_in_condition(PUNICODE_STRING path)
{
	OBJECT_ATTRIBUTES oa;
	HANDLE key;

	InitializeObjectAttributes(&oa, path, OBJ_KERNEL_HANDLE, NULL, NULL);
	if (NT_SUCCESS(ZwOpenKey(&key, KEY_READ, &oa)))
		ZwClose(key);
	return STATUS_SUCCESS;
}

NTSTATUS bad_reference(HANDLE h)
{
	PVOID obj;
	NTSTATUS status = ObReferenceObjectByHandle(h, SYNCHRONIZE, *ExEventObjectType, KernelMode, &obj, NULL); // expected-warning{{object reference 'obj' from 'ObReferenceObjectByHandle' is not released on this path (ObDereferenceObject)}}

	if (!NT_SUCCESS(status))
		return status;
	status = KeWaitForSingleObject(obj, Executive, KernelMode, FALSE, NULL);
	if (status != STATUS_SUCCESS)
		return status; /* leaks the reference */
	ObDereferenceObject(obj);
	return STATUS_SUCCESS;
}

typedef struct _WORKER {
	PVOID Thread;
} WORKER, *PWORKER;

KSTART_ROUTINE worker_main;

NTSTATUS good_thread_handle(PWORKER w)
{
	HANDLE th;
	NTSTATUS status = PsCreateSystemThread(&th, THREAD_ALL_ACCESS, NULL, NULL, NULL, worker_main, w);

	if (!NT_SUCCESS(status))
		return status;
	status = ObReferenceObjectByHandle(th, THREAD_ALL_ACCESS, NULL, KernelMode, &w->Thread, NULL);
	ZwClose(th);
	return status;
}
