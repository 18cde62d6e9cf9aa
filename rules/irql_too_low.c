/* irql_too_low.c - a call made below the lowest IRQL it allows.
 *
 * Reports the IRQL engine's IRQL_TOO_LOW events: a DDI that requires
 * DISPATCH_LEVEL (KeAcquireSpinLockAtDpcLevel, KeReleaseSpinLockFromDpcLevel,
 * the releases of raised locks ...) called where the IRQL may be lower, a
 * helper called below the level its own calls need, and a function lowering
 * past its _IRQL_always_function_min_ annotation.
 */
#include "rule.h"

static void check_irql(struct rule_ctx *ctx, const struct irql_event *ev)
{
	struct finding *f;
	unsigned i;

	if (ev->kind != IRQL_TOO_LOW)
		return;
	f = rule_report(ctx, &ev->loc, ev->function, "%s", ev->message);
	for (i = 0; f && i < ev->n_steps; i++)
		rule_note(ctx, f, &ev->steps[i].loc, ev->steps[i].kind, "%s", ev->steps[i].message);
}

const struct rule rule_irql_too_low = {
	.id = "irql-too-low",
	.name = "IrqlTooLow",
	.summary = "Call made at an IRQL below the lowest its callee allows.",
	.description = "A DDI or a driver function that requires a minimum IRQL is called on a feasible path "
		       "where the IRQL may be lower: a DPC-level spin lock taken in a dispatch routine at "
		       "PASSIVE_LEVEL, a spin lock released that this path never raised for, a helper called below "
		       "the IRQL its calls need. A function that lowers the IRQL below its "
		       "_IRQL_always_function_min_ annotation is reported too.",
	.severity = SEV_ERROR,
	.tags = "correctness,irql,wdk",
	.prefast = "C28120,C28122,C28124",
	.codeql = "cpp/drivers/irql-too-low",
	.alias = "DDI1008",
	.on_irql = check_irql,
};
