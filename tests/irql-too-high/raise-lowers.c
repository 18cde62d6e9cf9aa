/* irql-too-high: KeRaiseIrql must not be used to lower the IRQL; a new
 * level below the current one bug-checks (IRQL_NOT_GREATER_OR_EQUAL,
 * nf-wdm-keraiseirql). The check is the call's own bound: its argument. */
#include <wdm.h>

VOID bad_raise_to_lower(VOID)
{
	KIRQL old, older;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeRaiseIrql(APC_LEVEL, &older); // expected-error{{'KeRaiseIrql' to APC_LEVEL is called at DISPATCH_LEVEL, and a raise must not lower the IRQL: IRQL raised at line 10 (KeRaiseIrql)}}
	KeLowerIrql(older);
	KeLowerIrql(old);
}

VOID good_raise_then_lower(VOID)
{
	KIRQL old, older;

	KeRaiseIrql(APC_LEVEL, &old);
	KeRaiseIrql(DISPATCH_LEVEL, &older);
	KeLowerIrql(older);
	KeLowerIrql(old);
}
