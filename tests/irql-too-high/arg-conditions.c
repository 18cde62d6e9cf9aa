/* irql-too-high: bounds that depend on constant arguments (the knowledge
 * base's "when" clauses): a user-mode mapping needs APC_LEVEL or below, a
 * kernel-mode one DISPATCH_LEVEL (nf-wdm-mmmaplockedpagesspecifycache); a
 * paged pool allocation needs APC_LEVEL or below (nf-wdm-exallocatepoolwithtag);
 * a wait with a NULL timeout needs APC_LEVEL or below, a zero timeout is
 * allowed at DISPATCH_LEVEL. A DPC runs at DISPATCH_LEVEL. */
#include <wdm.h>

typedef struct _EXT {
	PMDL Mdl;
	KEVENT Event;
	LARGE_INTEGER Zero;
	PVOID Buffer;
} EXT, *PEXT;

KDEFERRED_ROUTINE MapDpc;

VOID MapDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PEXT e = Context;

	e->Buffer = MmMapLockedPagesSpecifyCache(e->Mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
	__try {
		e->Buffer = MmMapLockedPagesSpecifyCache(e->Mdl, UserMode, MmCached, NULL, FALSE, NormalPagePriority); // expected-error{{'MmMapLockedPagesSpecifyCache' (AccessMode == UserMode) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL: 'MapDpc' runs at DISPATCH_LEVEL as a KDEFERRED_ROUTINE}}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		e->Buffer = NULL;
	}
	e->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, 64, 'tset'); // expected-warning{{obsolete}}
	e->Buffer = ExAllocatePoolWithTag(PagedPool, 64, 'tset'); // expected-error{{'ExAllocatePoolWithTag' (PoolType has PagedPool) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL}} expected-warning{{obsolete}}
	KeWaitForSingleObject(&e->Event, Executive, KernelMode, FALSE, &e->Zero);
	KeWaitForSingleObject(&e->Event, Executive, KernelMode, FALSE, NULL); // expected-error{{'KeWaitForSingleObject' (Timeout == NULL) requires IRQL <= APC_LEVEL but is called at DISPATCH_LEVEL}}
}
// ddilint-rules: obsolete-ddi
