/* irql-not-restored: the _IRQL_saves_ and _IRQL_restores_ parameter
 * annotations are contracts: a function that says it saves the IRQL into a
 * parameter must do so on every path, and one that says it restores the
 * IRQL from a parameter must (Code Analysis C28158, C28157; CodeQL
 * IrqlNotSaved, IrqlNotUsed). */
#include <wdm.h>

_IRQL_raises_(DISPATCH_LEVEL)
VOID good_saves(PKSPIN_LOCK Lock, _Out_ _IRQL_saves_ PKIRQL Old)
{
	KeAcquireSpinLock(Lock, Old);
}

_IRQL_raises_(DISPATCH_LEVEL)
VOID bad_saves_on_one_path(PKSPIN_LOCK Lock, _Out_ _IRQL_saves_ PKIRQL Old, BOOLEAN fast) // expected-warning{{'bad_saves_on_one_path' is annotated _IRQL_saves_ on 'Old' but does not save the IRQL into it on every path}}
{
	if (fast)
		KeAcquireSpinLockAtDpcLevel(Lock);
	else
		KeAcquireSpinLock(Lock, Old);
}

_IRQL_requires_(DISPATCH_LEVEL)
VOID good_restores(PKSPIN_LOCK Lock, _IRQL_restores_ KIRQL Old)
{
	KeReleaseSpinLock(Lock, Old);
}

_IRQL_requires_(DISPATCH_LEVEL)
VOID bad_restores_nothing(PKSPIN_LOCK Lock, _IRQL_restores_ KIRQL Old) // expected-warning{{'bad_restores_nothing' is annotated _IRQL_restores_ on 'Old' but returns without restoring the IRQL from it}}
{
	KeReleaseSpinLockFromDpcLevel(Lock);
}
