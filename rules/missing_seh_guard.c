/* missing_seh_guard.c - calls that can raise an exception outside __try/__except.
 *
 * Which DDIs raise, and under which argument condition, is knowledge-base data
 * (e.g. MmMapLockedPagesSpecifyCache raises only with AccessMode == UserMode).
 * An unhandled exception in kernel mode is a bug check, and only an __except
 * handles it: the __try block of a __try/__finally is not a guard, nor is an
 * __except filter or handler, nor a __finally block. A static helper whose
 * every caller in the file guards the call is guarded through them (engine).
 * Calls touched by compiler error recovery are skipped: the __try around
 * them may be what the recovery lost.
 */
#include "rule.h"

#include <stdio.h>

static const char *const verbs_known[] = { "is", "is not", "has", "lacks" };
static const char *const verbs_unknown[] = { "may be", "may not be", "may have", "may lack" };

/* "(AccessMode is UserMode)" or "(AccessMode 'Irp->RequestorMode' may be UserMode)". */
static void describe(const struct eng_call *call, const struct kb_cond *c, char *buf, unsigned size)
{
	char param[64], text[96], val[64];
	long long v;
	bool known = eng_call_arg_value(call, c->arg, &v);

	if (!eng_call_param_name(call, c->arg, param, sizeof(param)))
		snprintf(param, sizeof(param), "argument %u", c->arg);
	if (c->value_name)
		snprintf(val, sizeof(val), "%s", c->value_name);
	else
		snprintf(val, sizeof(val), "%lld", c->value);
	if (known) {
		snprintf(buf, size, " (%s %s %s)", param, verbs_known[c->op], val);
		return;
	}
	eng_call_arg_text(call, c->arg, text, sizeof(text));
	if (text[0])
		snprintf(buf, size, " (%s '%s' %s %s)", param, text, verbs_unknown[c->op], val);
	else
		snprintf(buf, size, " (%s %s %s)", param, verbs_unknown[c->op], val);
}

static void check_call(struct rule_ctx *ctx, const struct eng_call *call)
{
	const struct kb_ddi *d = call->ddi;
	char reason[256] = "";
	struct finding *f;
	unsigned i;

	if (d->raises == KB_RAISES_NEVER || call->in_try_except || call->guarded_by_callers || !call->trusted)
		return;
	/* FIXME: file-system support routines raise by convention and the file
	 * system's top-level dispatch routine handles it; checking that needs the
	 * dispatch roots (docs/rules/missing-seh-guard.md, Limits). */
	if (d->raise_handled_by_caller)
		return;
	if (d->raises == KB_RAISES_WHEN) {
		if (eng_call_cond(call, &d->raise_cond) != KB_TRUE)
			return;
		describe(call, &d->raise_cond, reason, sizeof(reason));
	}
	f = rule_report(ctx, &call->loc, call->function,
			"'%s' can raise an exception outside a __try/__except block%s%s", call->written, reason,
			call->in_try_finally ? "; the enclosing __try/__finally does not handle it" : "");
	for (i = 0; f && i < call->n_unguarded_sites; i++)
		rule_note(ctx, f, &call->unguarded_sites[i], "call", "called outside __try/__except here");
}

const struct rule rule_missing_seh_guard = {
	.id = "missing-seh-guard",
	.name = "MissingSehGuard",
	.summary = "Call of a DDI that can raise an exception, outside a __try/__except block.",
	.description = "Some DDIs report failure by raising an exception: MmProbeAndLockPages, ProbeForRead "
		       "and ProbeForWrite always, MmMapLockedPages(SpecifyCache) with AccessMode UserMode, "
		       "pool allocations with a raise-on-failure flag. Unhandled in kernel mode, the "
		       "exception bug-checks the machine; only an enclosing __try/__except handles it.",
	.severity = SEV_ERROR,
	.tags = "correctness,reliability,wdk",
	.prefast = "C28125",
	.codeql = NULL,
	.alias = "DDI1003",
	.on_call = check_call,
};
