/* storport_prohibited_ddi.c - WDM DDIs that a Storport miniport must not call.
 *
 * The list is the SDV rule HwStorPortProhibitedDDIs, kept in the knowledge
 * base, plus the WDM DDIs the Storport interface replaces that SDV does not
 * list (the message tells the two apart). A file counts as a miniport when the engine says so (it includes a
 * Storport header or calls the Storport initialisation routine); elsewhere
 * the same calls are fine and this rule is silent.
 */
#include "rule.h"

static void check_call(struct rule_ctx *ctx, const struct eng_call *call)
{
	const struct kb_ddi *d = call->ddi;
	const char *why;

	if (!ctx->tu->storport_miniport || !d->storport_prohibited)
		return;
	why = d->storport_sdv_listed ? "HwStorPortProhibitedDDIs" : "the Storport interface replaces it";
	if (d->storport_replacement)
		rule_report(ctx, &call->loc, call->function,
			    "'%s' must not be called by a Storport miniport (%s); use '%s' instead", call->written, why,
			    d->storport_replacement);
	else
		rule_report(ctx, &call->loc, call->function, "'%s' must not be called by a Storport miniport (%s)",
			    call->written, why);
}

const struct rule rule_storport_prohibited_ddi = {
	.id = "storport-prohibited-ddi",
	.name = "StorportProhibitedDdi",
	.summary = "Call of a WDM DDI that a Storport miniport must not call.",
	.description = "A physical Storport miniport may only use the StorPort* interface: Storport owns the "
		       "locks, memory, DPCs, timers and IRP completion, and calling the WDM routines behind "
		       "its back breaks its synchronisation and fails the HwStorPortProhibitedDDIs "
		       "compliance rule. The finding names the StorPort equivalent where there is one.",
	.severity = SEV_ERROR,
	.tags = "correctness,storport,wdk",
	.prefast = NULL,
	.codeql = NULL,
	.alias = "DDI1002",
	.on_call = check_call,
};
