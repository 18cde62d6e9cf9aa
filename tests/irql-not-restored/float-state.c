/* irql-not-restored: floating-point state must be restored at the IRQL it
 * was saved at (nf-wdm-kesavefloatingpointstate; CodeQL
 * IrqlFloatStateMismatch). The engine remembers the IRQL of the save in the
 * KFLOATING_SAVE, through helpers too. */
#include <wdm.h>

_IRQL_requires_(PASSIVE_LEVEL)
VOID bad_restore_after_lowering(VOID)
{
	KIRQL old;
	KFLOATING_SAVE fs;

	KeRaiseIrql(APC_LEVEL, &old);
	if (NT_SUCCESS(KeSaveFloatingPointState(&fs))) {
		KeLowerIrql(old);
		KeRestoreFloatingPointState(&fs); // expected-warning{{'KeRestoreFloatingPointState' is called at PASSIVE_LEVEL, but the state it restores was saved at APC_LEVEL (KeSaveFloatingPointState, at line 14)}}
		return;
	}
	KeLowerIrql(old);
}

_IRQL_requires_(PASSIVE_LEVEL)
VOID good_restore_at_same_level(VOID)
{
	KIRQL old;
	KFLOATING_SAVE fs;

	KeRaiseIrql(APC_LEVEL, &old);
	if (NT_SUCCESS(KeSaveFloatingPointState(&fs)))
		KeRestoreFloatingPointState(&fs);
	KeLowerIrql(old);
}
