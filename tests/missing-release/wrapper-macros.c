// Driver macros around DDIs: the call is the DDI's, with the macro's
// arguments in their places (the finding sits where the macro is used).
#include <wdm.h>

#define MAP_MDL(m) MmMapLockedPagesSpecifyCache((m), KernelMode, MmCached, NULL, FALSE, NormalPagePriority)
#define UNMAP_MDL(va, m) MmUnmapLockedPages((va), (m))
#define LOCK(e, irql) KeAcquireSpinLock(&(e)->Lock, (irql))
#define UNLOCK(e, irql) KeReleaseSpinLock(&(e)->Lock, (irql))
#define ALLOC(n) ExAllocatePool2(POOL_FLAG_NON_PAGED, (n), 'tseT')
#define FREE(p) ExFreePoolWithTag((p), 'tseT')

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG State;
} EXT, *PEXT;

NTSTATUS good_wrapped_map(PMDL mdl)
{
	PVOID va = MAP_MDL(mdl);

	if (va == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	UNMAP_MDL(va, mdl);
	return STATUS_SUCCESS;
}

NTSTATUS bad_wrapped_map(PMDL mdl, ULONG n)
{
	PVOID va = MAP_MDL(mdl); // expected-warning{{mapping 'va' from 'MmMapLockedPagesSpecifyCache' is not released on this path}}

	if (va == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (n == 0)
		return STATUS_INVALID_PARAMETER;
	UNMAP_MDL(va, mdl);
	return STATUS_SUCCESS;
}

VOID good_wrapped_lock(PEXT e)
{
	KIRQL irql;

	LOCK(e, &irql);
	e->State = 1;
	UNLOCK(e, irql);
}

VOID bad_wrapped_lock(PEXT e)
{
	KIRQL irql;

	LOCK(e, &irql); // expected-warning{{spin lock '&e->Lock' from 'KeAcquireSpinLock' is not released on this path}}
	if (e->State)
		return;
	UNLOCK(e, irql);
}

NTSTATUS bad_wrapped_alloc(ULONG n)
{
	PVOID p = ALLOC(n); // expected-warning{{pool allocation 'p' from 'ExAllocatePool2' is not released on this path}}

	if (!p)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (n < 8)
		return STATUS_BUFFER_TOO_SMALL;
	FREE(p);
	return STATUS_SUCCESS;
}
