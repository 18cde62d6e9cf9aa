// Releasing twice on one path: a double free, unlock or unmap.
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG State;
} EXT, *PEXT;

VOID bad_double_free(ULONG n)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, 'tseT');

	if (!p)
		return;
	ExFreePoolWithTag(p, 'tseT');
	if (n > 16)
		ExFreePoolWithTag(p, 'tseT'); // expected-error{{'ExFreePoolWithTag' of a pool allocation that is already released on this path}}
}

VOID bad_double_unlock(PEXT e)
{
	KIRQL irql;

	KeAcquireSpinLock(&e->Lock, &irql);
	if (e->State) {
		KeReleaseSpinLock(&e->Lock, irql);
		e->State = 0;
	}
	KeReleaseSpinLock(&e->Lock, irql); // expected-error{{'KeReleaseSpinLock' of a spin lock that is already released on this path}}
}

VOID good_free_then_null(ULONG n)
{
	PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, n, 'tseT');

	if (!p)
		return;
	ExFreePoolWithTag(p, 'tseT');
	p = NULL;
	if (p)
		ExFreePoolWithTag(p, 'tseT');
}

VOID bad_double_unlock_pages(PMDL mdl)
{
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	MmUnlockPages(mdl); // expected-error{{MDL 'mdl' is passed to 'MmUnlockPages' after 'IoFreeMdl' freed it}}
}

VOID bad_free_param_twice(PVOID p, BOOLEAN again)
{
	ExFreePoolWithTag(p, 'tseT');
	if (again)
		ExFreePoolWithTag(p, 'tseT'); // expected-error{{already released on this path}}
}
