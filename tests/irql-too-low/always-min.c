/* irql-too-low: _IRQL_always_function_min_ is the lowest IRQL a function may
 * lower to. Lowering below it with a constant, or calling a helper that
 * restores an IRQL below it, breaks the annotation. */
#include <wdm.h>

_IRQL_always_function_min_(DISPATCH_LEVEL)
VOID bad_lower_below_min(VOID)
{
	KeLowerIrql(PASSIVE_LEVEL); // expected-error{{'KeLowerIrql' lowers the IRQL to PASSIVE_LEVEL, below DISPATCH_LEVEL, the least 'bad_lower_below_min' may run at (_IRQL_always_function_min_(DISPATCH_LEVEL))}}
} // expected-warning@-1{{'bad_lower_below_min' returns at PASSIVE_LEVEL, not at the IRQL it was entered at}}

_IRQL_always_function_min_(APC_LEVEL) _IRQL_restores_
VOID RestoreTo(_IRQL_restores_ KIRQL old)
{
	KeLowerIrql(old);
}

VOID bad_helper_lowers_below_its_min(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	RestoreTo(PASSIVE_LEVEL); // expected-error{{'RestoreTo' lowers the IRQL to PASSIVE_LEVEL, below APC_LEVEL, the least it may run at}} expected-warning{{returns at PASSIVE_LEVEL}}
}

_IRQL_always_function_min_(APC_LEVEL)
VOID good_stays_above_min(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeLowerIrql(old);
}
// ddilint-rules: irql-not-restored
