/* irql_too_high.c - a call made above the highest IRQL it allows.
 *
 * The IRQL engine (checker/irql/) finds the IRQLs every call may run at on a
 * feasible path, from spin locks, raises, fast mutexes, the roles and SAL of
 * functions and their callers, across files. This rule reports its
 * IRQL_TOO_HIGH events: a DDI above its knowledge-base bound (with the
 * argument conditions: KeSetEvent with Wait TRUE, KeWaitForSingleObject with
 * a NULL timeout, a paged pool type, Zw* at PASSIVE_LEVEL), a helper called
 * above the bound its own calls need, pageable code above APC_LEVEL, a raise
 * that would lower, and a function raising past its own annotation. The
 * message says what set the IRQL; the notes give the chain.
 */
#include "rule.h"

static void check_irql(struct rule_ctx *ctx, const struct irql_event *ev)
{
	struct finding *f;
	unsigned i;

	if (ev->kind != IRQL_TOO_HIGH)
		return;
	f = rule_report(ctx, &ev->loc, ev->function, "%s", ev->message);
	for (i = 0; f && i < ev->n_steps; i++)
		rule_note(ctx, f, &ev->steps[i].loc, ev->steps[i].kind, "%s", ev->steps[i].message);
}

const struct rule rule_irql_too_high = {
	.id = "irql-too-high",
	.name = "IrqlTooHigh",
	.summary = "Call made at an IRQL above the highest its callee allows.",
	.description = "A DDI or a driver function is called on a feasible path at an IRQL above its maximum: "
		       "after a spin lock or fast mutex is acquired or the IRQL is raised, or in a routine the "
		       "system runs at DISPATCH_LEVEL or a device IRQL (DPC, completion, ISR, StartIo ...). The "
		       "bounds come from the knowledge base, including argument-dependent ones (KeSetEvent with "
		       "Wait TRUE, KeWaitForSingleObject with a NULL timeout, paged pool, user-mode mappings), and "
		       "from the helpers' own calls across files. Pageable code running at DISPATCH_LEVEL or above, "
		       "a raise that would lower the IRQL, and a function raising past its "
		       "_IRQL_always_function_max_ or _IRQL_raises_ annotation are reported too.",
	.severity = SEV_ERROR,
	.tags = "correctness,irql,wdk",
	.prefast = "C28121,C28123,C28118,C28150",
	.codeql = "cpp/drivers/irql-too-high",
	.alias = "DDI1007",
	.on_irql = check_irql,
};
