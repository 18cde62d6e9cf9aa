/* irql-too-low: inside a region that raised to DISPATCH_LEVEL the AtDpcLevel
 * forms are right, whatever the function's entry IRQL: after
 * KeRaiseIrql(DISPATCH_LEVEL), and inside a KeAcquireSpinLock or
 * KeAcquireInStackQueuedSpinLock region (both raise,
 * wdm/nf-wdm-keacquirespinlock, nf-wdm-keacquireinstackqueuedspinlock).
 * Once KeLowerIrql or the outer release has brought a PASSIVE_LEVEL function
 * back down, they are wrong again. */
#include <wdm.h>

typedef struct _QUEUE {
	KSPIN_LOCK OuterLock;
	KSPIN_LOCK InnerLock;
	ULONG Depth;
} QUEUE, *PQUEUE;

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_after_raise(PQUEUE q)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireSpinLockAtDpcLevel(&q->InnerLock);
	q->Depth++;
	KeReleaseSpinLockFromDpcLevel(&q->InnerLock);
	KeLowerIrql(old);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_nested_in_spin_lock(PQUEUE q)
{
	KIRQL old;

	KeAcquireSpinLock(&q->OuterLock, &old);
	KeAcquireSpinLockAtDpcLevel(&q->InnerLock);
	q->Depth++;
	KeReleaseSpinLockFromDpcLevel(&q->InnerLock);
	KeReleaseSpinLock(&q->OuterLock, old);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_nested_in_queued_lock(PQUEUE q)
{
	KLOCK_QUEUE_HANDLE outer, inner;

	KeAcquireInStackQueuedSpinLock(&q->OuterLock, &outer);
	KeAcquireInStackQueuedSpinLockAtDpcLevel(&q->InnerLock, &inner);
	q->Depth++;
	KeReleaseInStackQueuedSpinLockFromDpcLevel(&inner);
	KeReleaseInStackQueuedSpinLock(&outer);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_after_lower(PQUEUE q)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	q->Depth++;
	KeLowerIrql(old);
	KeAcquireSpinLockAtDpcLevel(&q->InnerLock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'bad_after_lower' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	q->Depth--;
	KeReleaseSpinLockFromDpcLevel(&q->InnerLock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_after_outer_release(PQUEUE q)
{
	KIRQL old;

	KeAcquireSpinLock(&q->OuterLock, &old);
	q->Depth++;
	KeReleaseSpinLock(&q->OuterLock, old);
	KeAcquireSpinLockAtDpcLevel(&q->InnerLock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'bad_after_outer_release' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	q->Depth--;
	KeReleaseSpinLockFromDpcLevel(&q->InnerLock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
}

VOID good_unknown_entry_after_lower(PQUEUE q)
{
	KIRQL old;

	/* KeLowerIrql(old) returns to the entry IRQL, which nothing here tells:
	 * it may be DISPATCH_LEVEL. */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	q->Depth++;
	KeLowerIrql(old);
	KeAcquireSpinLockAtDpcLevel(&q->InnerLock);
	q->Depth--;
	KeReleaseSpinLockFromDpcLevel(&q->InnerLock);
}
