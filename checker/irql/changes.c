/* changes.c - what one DDI call does to the IRQL, from the knowledge base.
 *
 * The KB gives the DDI's bounds (with tighter bounds under argument
 * conditions: KeSetEvent with Wait TRUE, KeWaitForSingleObject with a NULL
 * timeout, a paged pool type) and its IRQL change: the level it sets (fixed,
 * or an argument: KeRaiseIrql), where the previous level goes (*OldIrql, a
 * lock handle, the result), and where the level it restores comes from. This
 * file turns those facts and the call's arguments (as written: texts and
 * constant values, extract.c provides them) into one op of the model.
 * A DDI the KB does not know never gets here: no bound, no change.
 */
#include "irql_impl.h"

#include <stdio.h>
#include <string.h>

enum kb_tri irql_cond(const struct kb_cond *c, const struct irql_argsrc *args)
{
	long long v = 0;
	bool known;

	if (!c->arg)
		return KB_TRUE;
	if (c->arg > args->n)
		return KB_UNKNOWN;
	known = args->value(args->user, c->arg, &v);
	return kb_cond_eval(c, known, v);
}

/* "Wait != FALSE", "Timeout == NULL", "PoolType has PagedPool". */
static const char *describe(struct irql_arena *a, const struct kb_cond *c, const struct irql_argsrc *args)
{
	static const char *const ops[] = { "==", "!=", "has", "lacks" };
	char pbuf[64], vbuf[32];
	const char *param = args->param_name ? args->param_name(args->user, c->arg, pbuf, sizeof(pbuf)) : NULL;
	const char *val = c->value_name;

	if (!val) {
		snprintf(vbuf, sizeof(vbuf), "%lld", c->value);
		val = vbuf;
	}
	if (param)
		return irql_ar_printf(a, "%s %s %s", param, ops[c->op], val);
	return irql_ar_printf(a, "argument %u %s %s", c->arg, ops[c->op], val);
}

/* The slot named by S (argument text, dereferenced, a member of it), through ARGS->slot. */
static int16_t slot_of(struct irql_arena *a, const struct kb_slot *s, const struct irql_argsrc *args)
{
	const char *text, *key;

	if (s->kind != KB_SLOT_ARG || s->arg > args->n || !args->text[s->arg - 1])
		return SLOT_UNTRACKED;
	text = args->text[s->arg - 1];
	key = irql_key_member(a, text, s->deref, s->field);
	return key ? args->slot(args->user, key) : SLOT_UNTRACKED;
}

void irql_ddi_op(struct irql_arena *a, const struct kb_ddi *d, const struct irql_argsrc *args, struct irql_op *op)
{
	const struct kb_irql_change *c = d->irql_change;
	unsigned i;

	op->kind = OP_DDI;
	op->ddi = d;
	op->max = (int8_t)d->irql_max;
	op->min = (int8_t)d->irql_min;
	op->to = -1;
	op->restore_const = -1;
	op->save = op->restore = op->match = SLOT_NONE;
	for (i = 0; i < d->n_irql_when; i++) {
		const struct kb_irql_when *w = &d->irql_when[i];

		if (irql_cond(&w->cond, args) == KB_TRUE && (op->max < 0 || (int)w->max < op->max)) {
			op->max = (int8_t)w->max;
			op->why = describe(a, &w->cond, args);
		}
	}
	if (!c)
		return;
	if (c->cond.arg && irql_cond(&c->cond, args) != KB_TRUE)
		return; /* the change happens only when the condition holds (Wait TRUE) */
	op->holds = c->holds;
	if (c->until_wait) {
		/* KeSetEvent(..., TRUE): the IRQL stays raised only until the
		 * wait that must follow; only pageable code is hurt by it. */
		op->flags |= OPF_UNTIL_WAIT;
		op->to = (int8_t)c->to;
		if (c->cond.arg && !op->why)
			op->why = describe(a, &c->cond, args);
		return;
	}
	if (c->raise_only)
		op->flags |= OPF_RAISE_ONLY;
	if (c->if_true)
		op->flags |= OPF_IF_TRUE;
	if (c->to_arg) {
		long long v;

		if (c->to_arg <= args->n && args->value(args->user, c->to_arg, &v) && irql_level_of_value(v) >= 0)
			op->to = (int8_t)irql_level_of_value(v);
		else
			op->to = TO_UNKNOWN;
	} else if (c->to != KB_IRQL_NONE) {
		op->to = (int8_t)c->to;
	}
	for (i = 0; i < c->n_to_when; i++)
		if (irql_cond(&c->to_when[i].cond, args) == KB_TRUE) {
			op->to = (int8_t)c->to_when[i].to;
			break;
		}
	if (c->restore.kind == KB_SLOT_ARG) {
		long long v;

		if (!c->restore.deref && !c->restore.field && c->restore.arg <= args->n &&
		    args->value(args->user, c->restore.arg, &v) && irql_level_of_value(v) >= 0)
			op->restore_const = (int8_t)irql_level_of_value(v);
		else
			op->restore = slot_of(a, &c->restore, args);
	}
	if (c->save.kind == KB_SLOT_ARG)
		op->save = slot_of(a, &c->save, args);
	else if (c->save.kind == KB_SLOT_RETURN)
		op->flags |= OPF_PENDING; /* extract.c gives it the result's destination */
	if (c->record.kind == KB_SLOT_ARG) {
		op->save = slot_of(a, &c->record, args);
		op->flags |= OPF_RECORD;
	}
	if (c->match.kind == KB_SLOT_ARG)
		op->match = slot_of(a, &c->match, args);
}
