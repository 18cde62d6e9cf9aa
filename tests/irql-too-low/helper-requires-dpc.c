/* irql-too-low: a helper that takes a spin lock with the AtDpcLevel routines
 * requires DISPATCH_LEVEL from its callers (KeAcquireSpinLockAtDpcLevel
 * does). Called from a DPC, or after raising, it is fine; called at
 * PASSIVE_LEVEL it is not. One finding at each end of the chain: the call,
 * and the acquire in the helper, which that call reaches at PASSIVE_LEVEL.
 * (A release of a raised lock where nothing raised, such as KeReleaseSpinLock
 * at PASSIVE_LEVEL, releases a lock this path does not hold:
 * unmatched-release reports that, not this rule.) */
#include <wdm.h>

typedef struct _EXT {
	KSPIN_LOCK Lock;
	ULONG Count;
	KDPC Dpc;
} EXT, *PEXT;

static VOID Drain(PEXT e)
{
	KeAcquireSpinLockAtDpcLevel(&e->Lock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'Drain' is called at PASSIVE_LEVEL from 'bad_drain_at_passive' at line 41}}
	e->Count = 0;
	KeReleaseSpinLockFromDpcLevel(&e->Lock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
}

static VOID DrainDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	Drain(Context);
}

VOID good_drain_raised(PEXT e)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	Drain(e);
	KeLowerIrql(old);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_drain_at_passive(PEXT e)
{
	Drain(e); // expected-error{{'Drain' requires DISPATCH_LEVEL (it calls 'KeAcquireSpinLockAtDpcLevel' at line 19) but is called at PASSIVE_LEVEL: 'bad_drain_at_passive' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	KeInitializeDpc(&e->Dpc, DrainDpc, e);
}
