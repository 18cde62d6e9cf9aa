/* irql-too-high: pageable code must run below DISPATCH_LEVEL, where a page
 * fault can be served ("Making drivers pageable"). Code is pageable when it
 * says PAGED_CODE(), when #pragma alloc_text(PAGE, ...) or a
 * #pragma code_seg("PAGE") region puts it there. Reported: a pageable
 * function that raises the IRQL, one registered as a DPC, a call of a
 * pageable helper from a DPC (at both ends), and KeSetEvent with Wait TRUE,
 * which returns at DISPATCH_LEVEL until the next wait (nf-wdm-kesetevent). */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	KDPC Dpc;
	KEVENT Event;
	ULONG Count;
} EXT, *PEXT;

VOID PagedDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2);
VOID PagedHelper(PEXT e);
VOID PagedSignal(PEXT e);

#pragma alloc_text(PAGE, PagedDpc)
#pragma alloc_text(PAGE, PagedHelper)
#pragma alloc_text(PAGE, PagedSignal)

VOID bad_lock_in_paged_code(PEXT e)
{
	KIRQL old;

	PAGED_CODE();
	KeAcquireSpinLock(&e->Lock, &old); // expected-error{{pageable code of 'bad_lock_in_paged_code' runs at DISPATCH_LEVEL: spin lock acquired at line 30 (KeAcquireSpinLock), but 'bad_lock_in_paged_code' is pageable (PAGED_CODE())}}
	e->Count++;
	KeReleaseSpinLock(&e->Lock, old);
}

VOID PagedDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2) // expected-error{{'PagedDpc' is pageable (#pragma alloc_text(PAGE) at line 21) but runs at DISPATCH_LEVEL: 'PagedDpc' runs at DISPATCH_LEVEL as a KDEFERRED_ROUTINE (registered by KeInitializeDpc at line 64)}}
{
	((PEXT)Context)->Count++;
}

VOID PagedHelper(PEXT e) // expected-error{{'PagedHelper' is pageable (#pragma alloc_text(PAGE) at line 22) but runs at DISPATCH_LEVEL: 'PagedHelper' is called at DISPATCH_LEVEL from 'HelperDpc' at line 53}}
{
	e->Count = 0;
}

VOID PagedSignal(PEXT e)
{
	KeSetEvent(&e->Event, IO_NO_INCREMENT, TRUE); // expected-error{{'KeSetEvent' (Wait != FALSE) returns at DISPATCH_LEVEL until the next wait, but 'PagedSignal' is pageable (#pragma alloc_text(PAGE) at line 23) and may fault there}}
	KeWaitForSingleObject(&e->Event, Executive, KernelMode, FALSE, NULL);
}

static VOID HelperDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PagedHelper(Context); // expected-error{{'PagedHelper' requires IRQL <= APC_LEVEL (it is pageable: #pragma alloc_text(PAGE) at line 22) but is called at DISPATCH_LEVEL: 'HelperDpc' runs at DISPATCH_LEVEL as a KDEFERRED_ROUTINE}}
}

VOID good_paged_at_passive(PEXT e)
{
	PAGED_CODE();
	KeSetEvent(&e->Event, IO_NO_INCREMENT, FALSE);
}

VOID Setup(PEXT e, KDPC *other)
{
	KeInitializeDpc(&e->Dpc, PagedDpc, e);
	KeInitializeDpc(other, HelperDpc, e);
}
