/* obsolete_ddi.c - calls of DDIs their documentation calls obsolete or deprecated.
 *
 * The facts (obsolete or not, the replacement, the Storport replacement) are
 * the knowledge base's; this rule only picks the advice that fits the driver
 * model. In a Storport miniport the advice is the StorPort routine, never
 * another DDI the miniport may not call; and a DDI that is also prohibited
 * there is left to storport-prohibited-ddi, so one call gives one finding.
 * Where the KB has a mechanical fix (obsolete.fix) and the WDM replacement
 * is the advice, the finding carries it (checker/fixit/).
 */
#include "rule.h"
#include "../checker/fixit/fixit.h"

static void check_call(struct rule_ctx *ctx, const struct eng_call *call)
{
	const struct kb_ddi *d = call->ddi;
	const char *use = d->replacement;

	if (!d->obsolete)
		return;
	if (ctx->tu->storport_miniport) {
		const struct kb_ddi *r = use ? kb_lookup(ctx->kb, use) : NULL;

		if (d->storport_prohibited)
			return; /* storport-prohibited-ddi reports it, with the StorPort advice */
		if (d->storport_replacement)
			use = d->storport_replacement;
		else if (r && r->storport_prohibited)
			use = NULL;
	}
	if (use) {
		struct finding *f = rule_report(ctx, &call->loc, call->function, "'%s' is obsolete; use '%s' instead",
						call->written, use);

		/* The KB's mechanical fix is a WDM call: only where the WDM
		 * replacement is the advice, never in a Storport miniport. */
		if (f && !ctx->tu->storport_miniport && use == d->replacement && d->fix_call)
			f->fix = fixit_call(&call->loc, call->written, d->fix_call, d->fix_note);
	} else {
		rule_report(ctx, &call->loc, call->function, "'%s' is obsolete", call->written);
	}
}

const struct rule rule_obsolete_ddi = {
	.id = "obsolete-ddi",
	.name = "ObsoleteDdi",
	.summary = "Call of a DDI that its documentation calls obsolete or deprecated.",
	.description = "The DDI's documentation says not to use it any more, usually because its replacement "
		       "reports failure instead of bug-checking the machine (MmMapLockedPages, "
		       "MmGetSystemAddressForMdl) or zeroes and checks what it allocates (ExAllocatePool2). "
		       "The finding names the replacement; in a Storport miniport it names the StorPort routine.",
	.severity = SEV_WARNING,
	.tags = "correctness,maintainability,wdk",
	.prefast = "C28159,C28751",
	.codeql = "cpp/windows/wdk/deprecated-api",
	.alias = "DDI1001",
	.on_call = check_call,
};
