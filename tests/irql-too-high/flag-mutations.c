/* irql-too-high: a flag that looks constant is only trusted while nothing
 * else writes it. A compound assignment, an increment, a write through its
 * address or a global changed elsewhere all make the guarded call
 * reachable again (the situations of CodeQL IrqlTooHigh's adversarial
 * cases, written anew). A flag that stays FALSE does keep its branch dead. */
#include <wdm.h>

_IRQL_requires_(PASSIVE_LEVEL)
VOID PassiveOnly(VOID);

static BOOLEAN g_enabled = FALSE;

static VOID SetFlag(PBOOLEAN flag)
{
	*flag = TRUE;
}

VOID Enable(VOID)
{
	g_enabled = TRUE;
}

VOID bad_compound_assignment(VOID)
{
	KIRQL old;
	BOOLEAN on = FALSE;

	on |= 1;
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (on)
		PassiveOnly(); // expected-error{{'PassiveOnly' requires PASSIVE_LEVEL (_IRQL_requires_(PASSIVE_LEVEL)) but is called at DISPATCH_LEVEL: IRQL raised at line 29 (KeRaiseIrql)}}
	KeLowerIrql(old);
}

VOID bad_increment(VOID)
{
	KIRQL old;
	BOOLEAN on = FALSE;

	on++;
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (on)
		PassiveOnly(); // expected-error{{IRQL raised at line 41 (KeRaiseIrql)}}
	KeLowerIrql(old);
}

VOID bad_by_reference(VOID)
{
	KIRQL old;
	BOOLEAN on = FALSE;

	SetFlag(&on);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (on)
		PassiveOnly(); // expected-error{{IRQL raised at line 53 (KeRaiseIrql)}}
	KeLowerIrql(old);
}

VOID bad_global(VOID)
{
	KIRQL old;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (g_enabled)
		PassiveOnly(); // expected-error{{IRQL raised at line 63 (KeRaiseIrql)}}
	KeLowerIrql(old);
}

VOID good_flag_stays_false(VOID)
{
	KIRQL old;
	BOOLEAN on = FALSE;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	if (on)
		PassiveOnly(); /* dead: on is FALSE here */
	KeLowerIrql(old);
}
