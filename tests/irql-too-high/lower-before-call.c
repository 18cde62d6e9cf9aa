/* irql-too-high: KeRaiseIrql sets the level its first argument names
 * (a mingw macro over KfRaiseIrql) and KeLowerIrql goes back to the saved
 * value; a call made after the lowering runs at the old IRQL again. */
#include <wdm.h>

VOID bad_call_before_lower(HANDLE h)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	ZwClose(h); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at DISPATCH_LEVEL: IRQL raised at line 10 (KeRaiseIrql)}}
	KeLowerIrql(old);
}

VOID good_call_after_lower(HANDLE h)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeLowerIrql(old);
	ZwClose(h);
}

VOID bad_raise_to_apc(HANDLE h)
{
	KIRQL old;

	KeRaiseIrql(APC_LEVEL, &old);
	ZwClose(h); // expected-error{{'ZwClose' requires PASSIVE_LEVEL but is called at APC_LEVEL}}
	KeLowerIrql(old);
}
