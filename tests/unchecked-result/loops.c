// unchecked-result: an allocation made once per loop iteration needs its
// test inside the loop. A `break` or `continue` on NULL guards the rest of
// the iteration; `while ((p = Alloc()) != NULL)` guards the body. Without a
// test, the first use in the body is reported.
#include <wdm.h>

typedef struct _NODE {
	struct _NODE *Next;
	ULONG Index;
} NODE, *PNODE;

#define NODE_TAG 'edoN'

NTSTATUS bad_alloc_per_iteration(PNODE *head, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++) {
		PNODE e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), NODE_TAG);

		e->Index = i; // expected-warning{{'e' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
		e->Next = *head;
		*head = e;
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_break_on_null(PNODE *head, ULONG n)
{
	ULONG i;
	NTSTATUS status = STATUS_SUCCESS;

	for (i = 0; i < n; i++) {
		PNODE e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), NODE_TAG);

		if (e == NULL) {
			status = STATUS_INSUFFICIENT_RESOURCES;
			break;
		}
		e->Index = i;
		e->Next = *head;
		*head = e;
	}
	return status;
}

NTSTATUS good_continue_on_null(PNODE *head, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++) {
		PNODE e = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*e), NODE_TAG);

		if (!e)
			continue;
		e->Index = i;
		e->Next = *head;
		*head = e;
	}
	return STATUS_SUCCESS;
}

NTSTATUS good_while_assign(PNODE *head, ULONG limit)
{
	PNODE e;
	ULONG i = 0;

	while (i < limit && (e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), NODE_TAG)) != NULL) {
		e->Index = i++;
		e->Next = *head;
		*head = e;
	}
	return STATUS_SUCCESS;
}

NTSTATUS bad_test_guards_first_iteration_only(PNODE *head, ULONG n)
{
	PNODE e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), NODE_TAG);
	ULONG i;

	if (e == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	for (i = 0; i < n; i++) {
		e->Index = i; // expected-warning{{'e' from 'ExAllocatePool2' may be NULL and is dereferenced here}}
		e->Next = *head;
		*head = e;
		/* The next element is not tested before the loop uses it. */
		e = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*e), NODE_TAG);
	}
	if (e != NULL)
		ExFreePoolWithTag(e, NODE_TAG);
	return STATUS_SUCCESS;
}
