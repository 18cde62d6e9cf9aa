/* irql-too-low is reported per path: in a loop or after a goto, only the
 * path that reaches an AtDpcLevel call at PASSIVE_LEVEL is reported, and a
 * function where every path raised first is not. A flag tested twice (raise
 * under `if (raise)`, lock under `if (raise)`) keeps the unraised path away
 * from the lock. */
#include <wdm.h>

typedef struct _RING {
	KSPIN_LOCK HeadLock;
	KSPIN_LOCK TailLock;
	ULONG Head;
	ULONG Tail;
} RING, *PRING;

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_loop_one_branch_unraised(PRING r, ULONG n)
{
	ULONG i;
	KIRQL old;

	for (i = 0; i < n; i++) {
		if (i & 1) {
			KeRaiseIrql(DISPATCH_LEVEL, &old);
			KeAcquireSpinLockAtDpcLevel(&r->HeadLock);
			r->Head++;
			KeReleaseSpinLockFromDpcLevel(&r->HeadLock);
			KeLowerIrql(old);
		} else {
			KeAcquireSpinLockAtDpcLevel(&r->TailLock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'bad_loop_one_branch_unraised' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
			r->Tail++;
			KeReleaseSpinLockFromDpcLevel(&r->TailLock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
		}
	}
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_loop_raises_each_iteration(PRING r, ULONG n)
{
	ULONG i;
	KIRQL old;

	for (i = 0; i < n; i++) {
		KeRaiseIrql(DISPATCH_LEVEL, &old);
		KeAcquireSpinLockAtDpcLevel(&r->HeadLock);
		r->Head++;
		KeReleaseSpinLockFromDpcLevel(&r->HeadLock);
		KeLowerIrql(old);
	}
}

_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS bad_goto_skips_raise(PRING r, BOOLEAN fast)
{
	KIRQL old;

	if (fast)
		goto update;
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireSpinLockAtDpcLevel(&r->HeadLock);
	r->Head++;
	KeReleaseSpinLockFromDpcLevel(&r->HeadLock);
	KeLowerIrql(old);
	return STATUS_SUCCESS;
update:
	/* The fast path jumped over the raise. */
	KeAcquireSpinLockAtDpcLevel(&r->HeadLock); // expected-error{{'KeAcquireSpinLockAtDpcLevel' requires IRQL >= DISPATCH_LEVEL but is called at PASSIVE_LEVEL: 'bad_goto_skips_raise' is annotated _IRQL_requires_(PASSIVE_LEVEL)}}
	r->Head++;
	KeReleaseSpinLockFromDpcLevel(&r->HeadLock); // expected-error{{'KeReleaseSpinLockFromDpcLevel' requires DISPATCH_LEVEL but is called at PASSIVE_LEVEL}}
	return STATUS_SUCCESS;
}

_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS good_goto_after_raise(PRING r, BOOLEAN ready)
{
	KIRQL old;
	NTSTATUS status = STATUS_SUCCESS;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (!ready) {
		status = STATUS_DEVICE_NOT_READY;
		goto out;
	}
	KeAcquireSpinLockAtDpcLevel(&r->HeadLock);
	r->Head++;
	KeReleaseSpinLockFromDpcLevel(&r->HeadLock);
out:
	KeLowerIrql(old);
	return status;
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_same_flag_twice(PRING r, BOOLEAN raise)
{
	KIRQL old;

	if (raise)
		KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (raise) {
		KeAcquireSpinLockAtDpcLevel(&r->TailLock);
		r->Tail++;
		KeReleaseSpinLockFromDpcLevel(&r->TailLock);
	}
	if (raise)
		KeLowerIrql(old);
}
