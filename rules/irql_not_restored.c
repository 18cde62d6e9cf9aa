/* irql_not_restored.c - a function returns at another IRQL than it should.
 *
 * Reports the IRQL engine's IRQL_NOT_RESTORED events: a function returns at
 * an IRQL other than its entry IRQL without saying so (_IRQL_raises_,
 * _IRQL_saves_/_IRQL_restores_, a lock annotation), or lowers it with a value
 * it did not save; it restores a constant instead of the saved IRQL; it
 * breaks its own _IRQL_saves_/_IRQL_restores_/_IRQL_raises_ contract; a
 * Cancel routine does not release the cancel spin lock with
 * Irp->CancelIrql; floating-point state is restored at another IRQL than it
 * was saved at. A warning: the code may be a wrapper that lacks its
 * annotation rather than a bug, but its callers are then checked wrongly.
 */
#include "rule.h"

static void check_irql(struct rule_ctx *ctx, const struct irql_event *ev)
{
	struct finding *f;
	unsigned i;

	if (ev->kind != IRQL_NOT_RESTORED)
		return;
	f = rule_report(ctx, &ev->loc, ev->function, "%s", ev->message);
	for (i = 0; f && i < ev->n_steps; i++)
		rule_note(ctx, f, &ev->steps[i].loc, ev->steps[i].kind, "%s", ev->steps[i].message);
}

const struct rule rule_irql_not_restored = {
	.id = "irql-not-restored",
	.name = "IrqlNotRestored",
	.summary = "Function returns at another IRQL than it was entered at, or restores the wrong saved IRQL.",
	.description = "A function must return at the IRQL it was entered at unless it says otherwise "
		       "(_IRQL_raises_, _IRQL_saves_/_IRQL_restores_ parameters, _IRQL_saves_global_, lock "
		       "annotations). Reported: a spin lock or raise not undone on some path, a lowering with a "
		       "value the function did not save, a constant restored instead of the saved IRQL, a broken "
		       "_IRQL_saves_/_IRQL_restores_/_IRQL_raises_ contract, a Cancel routine that does not release "
		       "the cancel spin lock with Irp->CancelIrql, and floating-point state restored at another IRQL "
		       "than it was saved at.",
	.severity = SEV_WARNING,
	.tags = "correctness,irql,wdk",
	.prefast = "C28166,C28156,C28167,C28157,C28158,C28141,C28144,C28111",
	.codeql = "cpp/drivers/irql-inconsistent-with-required",
	.alias = "DDI1009",
	.on_irql = check_irql,
};
