/* irql-not-restored: _IRQL_requires_same_ (and, for an unannotated
 * function, the default) means returning at the entry IRQL. Raising and
 * not lowering, or calling a function that returns raised, breaks it;
 * lowering with the saved value keeps it (the situations of CodeQL
 * IrqlSetTooHigh's requires-same cases, written anew). */
#include <wdm.h>

_IRQL_raises_(DISPATCH_LEVEL)
VOID RaiseToDpc(_Out_ _IRQL_saves_ PKIRQL old)
{
	KeRaiseIrql(DISPATCH_LEVEL, old);
}

_IRQL_requires_same_
VOID bad_raise_only(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old); // expected-warning{{'bad_raise_only' returns at DISPATCH_LEVEL, not at the IRQL it was entered at (_IRQL_requires_same_): IRQL raised at line 19 (KeRaiseIrql)}}
}

_IRQL_requires_same_
VOID bad_callee_raises(VOID)
{
	KIRQL old;

	RaiseToDpc(&old); // expected-warning{{'bad_callee_raises' returns at DISPATCH_LEVEL, not at the IRQL it was entered at (_IRQL_requires_same_): IRQL set to DISPATCH_LEVEL by 'RaiseToDpc' at line 27}}
}

_IRQL_requires_same_
VOID good_raise_and_lower(VOID)
{
	KIRQL old;

	RaiseToDpc(&old);
	KeLowerIrql(old);
}

_IRQL_requires_same_
VOID bad_lower_only(_In_ KIRQL old)
{
	KeLowerIrql(old); // expected-warning{{'bad_lower_only' lowers the IRQL with 'old', which it did not save, and returns at that IRQL without being annotated _IRQL_restores_}}
}
