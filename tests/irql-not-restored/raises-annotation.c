/* irql-not-restored: _IRQL_raises_(X) says the function returns at X. One
 * that lowers again (or uses KeRaiseIrql to go down) returns at another
 * level (CodeQL IrqlLoweredImproperly's example). Raising past X is
 * irql-too-high's (tests/irql-too-high/sal-bounds.c). */
#include <wdm.h>

_IRQL_raises_(DISPATCH_LEVEL)
VOID bad_raise_then_drop(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeRaiseIrql(PASSIVE_LEVEL, &old); // expected-warning{{'bad_raise_then_drop' returns at PASSIVE_LEVEL, not at DISPATCH_LEVEL as annotated (_IRQL_raises_(DISPATCH_LEVEL))}} expected-error{{a raise must not lower the IRQL}}
}

_IRQL_raises_(DISPATCH_LEVEL)
VOID good_raise(_Out_ PKIRQL old)
{
	KeRaiseIrql(DISPATCH_LEVEL, old);
}
// ddilint-rules: irql-too-high
