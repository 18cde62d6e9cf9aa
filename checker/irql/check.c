/* check.c - the findings, from the solved program.
 *
 * Every function that was analysed is run once more with the final
 * summaries and entry IRQLs, visiting every sub-state before every op and
 * at the exit (state.c's replay). A check compares the concrete IRQLs a
 * sub-state may have (ENTRY replaced by the entry IRQLs) with:
 *  - the bounds of a DDI call (knowledge base, argument conditions) and of a
 *    call of a function (its SAL, else its summary's requirement), the
 *    lowering that a raise must not do, KeSetEvent(Wait TRUE) in pageable
 *    code: irql-too-high and irql-too-low;
 *  - the function's own promises: pageable code never above APC_LEVEL,
 *    _IRQL_always_function_max_/min_, _IRQL_raises_: reported where the IRQL
 *    was set (the op whose provenance it is);
 *  - the exit: the entry IRQL unless it says otherwise (_IRQL_raises_, the
 *    _IRQL_saves_/_restores_ parameters, a Cancel routine's CancelIrql),
 *    restores from the right saved value, floating-point state restored at
 *    the IRQL it was saved at: irql-not-restored.
 * Only concrete levels count: an unknown entry, an IRQL restored from a
 * caller's variable or returned by an unknown function prove nothing.
 * Every message says why the IRQL is what it is (the provenance: the call
 * that set it, or the role, SAL or caller that gave the entry), with the
 * chain through callers and callees as notes.
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct offense {
	int level;                  /* -1 = none */
	int prov;                   /* op + 1, 0 = the entry */
};

struct chk {
	struct irql_program *p;
	struct irql_fn *fn;
	struct offense *high, *low, *lowering; /* per op */
	bool *wait_paged;           /* per op: KeSetEvent(TRUE) in pageable code */
	ibits *paged, *above, *below; /* per provenance (0 = entry, op + 1) */
	ibits *callee_above, *callee_below; /* per provenance: a callee returned past its own bound */
	int *const_restore;         /* per op: the written slot (op + 1 of its save) a constant restore ignores */
	int *cancel_restore;        /* per op: a Cancel routine restores something else than CancelIrql */
	struct { int saved, at, save_op; } *mismatch; /* per op: remembered vs current level */
	ibits exit_bits;
	uint16_t exit_prov[IRQL_NLEVELS];
	ibits *slot_exit;
	bool reached_exit;
	int cancel_slot;            /* the slot a Cancel routine must restore from, -1 */
};



static int best_level(ibits b, bool high)
{
	int l;

	if (high) {
		for (l = IRQL_NLEVELS - 1; l >= 0; l--)
			if (b & (1u << l))
				return l;
	} else {
		for (l = 0; l < IRQL_NLEVELS; l++)
			if (b & (1u << l))
				return l;
	}
	return -1;
}


static void offer(struct offense *o, ibits bad, const int src[IRQL_NLEVELS], bool high)
{
	int l;

	for (l = 0; l < IRQL_NLEVELS; l++) {
		bool better;

		if (!(bad & (1u << l)))
			continue;
		if (o->level < 0)
			better = true;
		else if ((src[l] > 0) != (o->prov > 0))
			better = src[l] > 0; /* set here beats inherited */
		else
			better = high ? l > o->level : l < o->level;
		if (better) {
			o->level = l;
			o->prov = src[l];
		}
	}
}

/* --- findings ---------------------------------------------------------------------------- */




/* --- why a function runs at a level ------------------------------------------------------ */






/* --- the replay: checks per sub-state ---------------------------------------------------- */
/* Checks on the IRQL at a point, reported where it was set: pageable code
 * at DISPATCH_LEVEL or above; above the function's _IRQL_always_function_max_
 * or _IRQL_raises_ level, below its _IRQL_always_function_min_; a callee
 * that returns past its own such annotation. */
static void site_checks(struct chk *c, const struct irql_fn *fn, ibits lv, const int src[IRQL_NLEVELS])
{
	int l;

	if (fn->pageable)
		for (l = KB_IRQL_DISPATCH; l < IRQL_NLEVELS; l++)
			if (lv & (1u << l))
				c->paged[src[l]] |= 1u << l;
	for (l = 0; l < IRQL_NLEVELS; l++) {
		const struct irql_op *op;

		if (!(lv & (1u << l)) || src[l] <= 0)
			continue;
		if ((fn->decl.always_max >= 0 && l > fn->decl.always_max) || (fn->decl.raises >= 0 && l > fn->decl.raises))
			c->above[src[l]] |= 1u << l;
		if (fn->decl.always_min >= 0 && l < fn->decl.always_min)
			c->below[src[l]] |= 1u << l;
		op = &fn->ops[src[l] - 1];
		if (op->kind == OP_CALL && op->callee >= 0) {
			const struct irql_decl *cd = &c->p->fns[op->callee]->decl;

			if (cd->always_min >= 0 && l < cd->always_min)
				c->callee_below[src[l]] |= 1u << l;
			if (cd->always_max >= 0 && l > cd->always_max)
				c->callee_above[src[l]] |= 1u << l;
		}
	}
}

static void on_op(void *user, const struct irql_fn *fn, unsigned i, const struct irql_sub *s)
{
	struct chk *c = user;
	const struct irql_op *op = &fn->ops[i];
	const struct irql_slotval *sv = irql_sub_slots(s);
	int src[IRQL_NLEVELS], max = -1, min = -1, l;
	ibits lv = irql_levels_of(fn, &s->cur, src), bad;
	bool computed;

	site_checks(c, fn, lv, src);
	if (op->kind == OP_DDI) {
		max = op->max;
		/* A release's minimum says the lock is held, which unmatched-release
		 * checks; below it the lock was taken elsewhere (a recursive lock)
		 * or never, and the IRQL says nothing about which. */
		min = op->ddi->irql_change && op->ddi->irql_change->restore.kind != KB_SLOT_NONE ? -1 : op->min;
		if ((op->flags & OPF_RAISE_ONLY) && op->to >= 0) {
			bad = 0;
			for (l = op->to + 1; l < IRQL_NLEVELS; l++)
				bad |= lv & (1u << l);
			offer(&c->lowering[i], bad, src, true);
		}
		if ((op->flags & OPF_UNTIL_WAIT) && fn->pageable)
			c->wait_paged[i] = true;
		/* a restore */
		if (op->restore_const >= 0) {
			unsigned k;

			if (c->cancel_slot >= 0) {
				c->cancel_restore[i] = c->cancel_slot + 1;
			} else {
				for (k = 0; k < fn->n_slots; k++) {
					ibits saved = irql_concrete(fn, sv[k].v.bits);

					if (!sv[k].save_op || fn->ops[sv[k].save_op - 1].kind != OP_DDI ||
					    (fn->ops[sv[k].save_op - 1].flags & OPF_RECORD))
						continue;
					if (sv[k].v.bits & (IB_UNK | IB_INITS))
						continue;
					/* The saved value is not the constant: it is another
					 * level, or the entry IRQL, which is not known to be
					 * exactly that constant. */
					if (((saved && (saved & ~(1u << op->restore_const))) ||
					     ((sv[k].v.bits & IB_ENTRY) && (fn->entry.unknown || !fn->entry.levels))) &&
					    !c->const_restore[i])
						c->const_restore[i] = sv[k].save_op;
				}
			}
		} else if (op->restore >= 0 && c->cancel_slot >= 0 && op->restore != c->cancel_slot &&
			   (sv[op->restore].v.bits & ~IB_INIT(c->cancel_slot)) && !(sv[op->restore].v.bits & IB_UNK)) {
			c->cancel_restore[i] = c->cancel_slot + 1;
		}
		/* floating-point state restored at another IRQL than saved */
		if (op->match >= 0 && sv[op->match].save_op) {
			int ss[IRQL_NLEVELS];
			ibits saved = irql_levels_of(fn, &sv[op->match].v, ss);

			if (!(sv[op->match].v.bits & (IB_UNK | IB_INITS)) && !(s->cur.bits & (IB_UNK | IB_INITS)) &&
			    saved && lv && !(saved & lv) && __builtin_popcount(saved) == 1 && __builtin_popcount(lv) == 1) {
				c->mismatch[i].saved = best_level(saved, true);
				c->mismatch[i].at = best_level(lv, true);
				c->mismatch[i].save_op = sv[op->match].save_op;
			}
		}
	} else if (op->kind == OP_CALL) {
		irql_call_bounds(c->p, op, &max, &min, &computed);
		/* the callee's remembered-IRQL checks happen at the call, in our terms */
		if (op->callee >= 0 && fn->eff && fn->eff[i].kind == EFF_SUMMARY) {
			const struct irql_fn *callee = c->p->fns[op->callee];
			unsigned m;

			for (m = 0; m < callee->sum.n_matches; m++) {
				unsigned k = callee->sum.matches[m];
				int ms = k < fn->eff[i].n_map ? fn->eff[i].map[k] : -1, ss[IRQL_NLEVELS];
				ibits saved;

				if (ms < 0 || !sv[ms].save_op || (sv[ms].v.bits & (IB_UNK | IB_INITS)) ||
				    (s->cur.bits & (IB_UNK | IB_INITS)))
					continue;
				saved = irql_levels_of(fn, &sv[ms].v, ss);
				if (saved && lv && !(saved & lv) && __builtin_popcount(saved) == 1 &&
				    __builtin_popcount(lv) == 1) {
					c->mismatch[i].saved = best_level(saved, true);
					c->mismatch[i].at = best_level(lv, true);
					c->mismatch[i].save_op = sv[ms].save_op;
				}
			}
		}
	}
	if (max >= 0) {
		bad = 0;
		for (l = max + 1; l < IRQL_NLEVELS; l++)
			bad |= lv & (1u << l);
		offer(&c->high[i], bad, src, true);
	}
	if (min >= 0) {
		bad = 0;
		for (l = 0; l < min; l++)
			bad |= lv & (1u << l);
		offer(&c->low[i], bad, src, false);
	}
}

static void on_exit_sub(void *user, const struct irql_fn *fn, const struct irql_sub *s)
{
	struct chk *c = user;
	const struct irql_slotval *sv = irql_sub_slots(s);
	unsigned l, k;
	int src[IRQL_NLEVELS];

	site_checks(c, fn, irql_levels_of(fn, &s->cur, src), src);
	c->reached_exit = true;
	for (l = 0; l < IRQL_NLEVELS; l++)
		if ((s->cur.bits & (1u << l)) && !(c->exit_bits & (1u << l)))
			c->exit_prov[l] = s->cur.prov[l];
	c->exit_bits |= s->cur.bits;
	for (k = 0; k < fn->n_slots; k++)
		c->slot_exit[k] |= sv[k].v.bits;
}

/* --- reporting ------------------------------------------------------------------------- */
static const struct irql_op *op_at(const struct irql_fn *fn, int prov)
{
	return prov > 0 && prov <= (int)fn->n_ops ? &fn->ops[prov - 1] : NULL;
}

static void report_ops(struct chk *c)
{
	struct irql_fn *fn = c->fn;
	unsigned i;
	char why[600], req[64], extra[256];

	for (i = 0; i < fn->n_ops; i++) {
		const struct irql_op *op = &fn->ops[i];
		struct notes ns = { 0 };
		int max = -1, min = -1;
		bool computed = false;

		if (op->kind == OP_CALL)
			irql_call_bounds(c->p, op, &max, &min, &computed);
		else if (op->kind == OP_DDI) {
			max = op->max;
			min = op->min;
			if (op->ddi->irql_change && op->ddi->irql_change->restore.kind != KB_SLOT_NONE)
				min = -1; /* see on_op */
		}
		if (c->high[i].level >= 0 && max >= 0) {
			const struct offense *o = &c->high[i];
			bool inherited = o->prov == 0 && fn->entry.why[o->level].kind == ENTRY_CALLER;

			/* A call of a function whose bound comes from its own calls,
			 * made at an IRQL inherited from our callers, is reported at
			 * their call of us (the chain has one finding at each end). */
			if (!(op->kind == OP_CALL && computed && inherited)) {
				irql_why_level(c->p, fn, o->level, o->prov, op->file, why, sizeof(why), &ns, 0);
				irql_req_text(req, sizeof(req), max, min, true);
				if (op->kind == OP_DDI) {
					snprintf(extra, sizeof(extra), op->why ? " (%s)" : "%s", op->why ? op->why : "");
					irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
					     "'%s'%s requires %s but is called at %s: %s", op->name, extra, req,
					     irql_level_name(o->level), why);
				} else if (computed) {
					struct notes down = { 0 };
					char chain[300];

					irql_why_required(c->p, c->p->fns[op->callee], true, op->file, chain, sizeof(chain), &down);
					for (unsigned k = 0; k < down.n; k++)
						irql_note(&ns, down.v[k].loc.file, down.v[k].loc.line, down.v[k].loc.col,
						     down.v[k].kind, "%s", down.v[k].message);
					irql_notes_free(&down);
					irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
					     "'%s' requires %s (%s) but is called at %s: %s", op->name, req, chain,
					     irql_level_name(o->level), why);
				} else {
					const struct irql_decl *d = op->callee >= 0 ? &c->p->fns[op->callee]->decl : op->cdecl;
					const char *sal = d && d->sal ? d->sal : d ? d->always_sal : NULL;

					irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
					     "'%s' requires %s%s%s%s but is called at %s: %s", op->name, req,
					     sal ? " (" : "", sal ? sal : "", sal ? ")" : "", irql_level_name(o->level), why);
				}
			}
			irql_notes_free(&ns);
		}
		if (c->low[i].level >= 0 && min >= 0) {
			const struct offense *o = &c->low[i];
			bool inherited = o->prov == 0 && fn->entry.why[o->level].kind == ENTRY_CALLER;

			if (!(op->kind == OP_CALL && computed && inherited)) {
				irql_why_level(c->p, fn, o->level, o->prov, op->file, why, sizeof(why), &ns, 0);
				irql_req_text(req, sizeof(req), max, min, false);
				if (op->kind == OP_CALL && computed) {
					struct notes down = { 0 };
					char chain[300];

					irql_why_required(c->p, c->p->fns[op->callee], false, op->file, chain, sizeof(chain), &down);
					for (unsigned k = 0; k < down.n; k++)
						irql_note(&ns, down.v[k].loc.file, down.v[k].loc.line, down.v[k].loc.col,
						     down.v[k].kind, "%s", down.v[k].message);
					irql_notes_free(&down);
					irql_emit(c->p, c->fn, IRQL_TOO_LOW, op->file, op->line, op->col, &ns,
					     "'%s' requires %s (%s) but is called at %s: %s", op->name, req, chain,
					     irql_level_name(o->level), why);
				} else {
					irql_emit(c->p, c->fn, IRQL_TOO_LOW, op->file, op->line, op->col, &ns,
					     "'%s' requires %s but is called at %s: %s", op->name, req,
					     irql_level_name(o->level), why);
				}
			}
			irql_notes_free(&ns);
		}
		if (c->lowering[i].level >= 0) {
			const struct offense *o = &c->lowering[i];

			irql_why_level(c->p, fn, o->level, o->prov, op->file, why, sizeof(why), &ns, 0);
			irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
			     "'%s' to %s is called at %s, and a raise must not lower the IRQL: %s", op->name,
			     irql_level_name(op->to), irql_level_name(o->level), why);
			irql_notes_free(&ns);
		}
		if (c->wait_paged[i]) {
			irql_note(&ns, fn->paged_file, fn->paged_line, fn->paged_col, "entry", "'%s' is pageable (%s)",
			     fn->name, fn->paged_how);
			irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
			     "'%s'%s%s%s returns at %s until the next wait, but '%s' is pageable (%s) and may fault there",
			     op->name, op->why ? " (" : "", op->why ? op->why : "", op->why ? ")" : "",
			     irql_level_name(op->to >= 0 ? op->to : KB_IRQL_DISPATCH), fn->name, fn->paged_how);
			irql_notes_free(&ns);
		}
		if (c->const_restore[i]) {
			const struct irql_op *sop = op_at(fn, c->const_restore[i]);
			char at[128];

			irql_lineref(at, sizeof(at), op->file, sop->file, sop->line);
			irql_note(&ns, sop->file, sop->line, sop->col, "acquire", "IRQL saved here");
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
			     "'%s' lowers the IRQL to the constant %s instead of restoring the value '%s' saved at %s (%s)",
			     op->name, irql_level_name(op->restore_const), fn->name, at, sop->name);
			irql_notes_free(&ns);
		}
		if (c->cancel_restore[i]) {
			const char *key = fn->slots[c->cancel_restore[i] - 1].key;
			char shown[128];

			snprintf(shown, sizeof(shown), "%s", key);
			if (key[0] == '$' && fn->params) {
				int pidx = atoi(key + 1);

				if (pidx >= 1 && (unsigned)pidx <= fn->n_params && fn->params[pidx - 1])
					snprintf(shown, sizeof(shown), "%s%s", fn->params[pidx - 1], key + 1 + (pidx >= 10 ? 2 : 1));
			}
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
			     "'%s' restores %s, but a Cancel routine must restore the IRQL saved in '%s'", op->name,
			     op->restore_const >= 0 ? irql_level_name(op->restore_const) : "another saved IRQL", shown);
			irql_notes_free(&ns);
		}
		if (c->mismatch[i].save_op) {
			const struct irql_op *sop = op_at(fn, c->mismatch[i].save_op);
			char at[128];

			irql_lineref(at, sizeof(at), op->file, sop->file, sop->line);
			irql_note(&ns, sop->file, sop->line, sop->col, "acquire", "saved here at %s",
			     irql_level_name(c->mismatch[i].saved));
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
			     "'%s' is called at %s, but the state it restores was saved at %s (%s, at %s)", op->name,
			     irql_level_name(c->mismatch[i].at), irql_level_name(c->mismatch[i].saved), sop->name, at);
			irql_notes_free(&ns);
		}
	}
}

/* Findings reported where the IRQL was set: pageable code, the function's own bounds. */
static void report_sites(struct chk *c)
{
	struct irql_fn *fn = c->fn;
	unsigned s;
	char why[600];

	for (s = 0; s <= fn->n_ops; s++) {
		const struct irql_op *op = op_at(fn, (int)s);
		struct notes ns = { 0 };
		int l;

		if (c->paged[s]) {
			l = best_level(c->paged[s], true);
			if (s == 0) {
				if (fn->entry.why[l].kind != ENTRY_NONE) {
					irql_why_entry(c->p, fn, l, fn->paged_file, why, sizeof(why), &ns, 0);
					irql_emit(c->p, c->fn, IRQL_TOO_HIGH, fn->paged_file, fn->paged_line, fn->paged_col, &ns,
					     "'%s' is pageable (%s) but runs at %s: %s", fn->name, fn->paged_how,
					     irql_level_name(l), why);
				}
			} else if (op) {
				irql_why_level(c->p, fn, l, (int)s, op->file, why, sizeof(why), &ns, 0);
				irql_note(&ns, fn->paged_file, fn->paged_line, fn->paged_col, "entry", "'%s' is pageable (%s)",
				     fn->name, fn->paged_how);
				irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
				     "pageable code of '%s' runs at %s: %s, but '%s' is pageable (%s)", fn->name,
				     irql_level_name(l), why, fn->name, fn->paged_how);
			}
			irql_notes_free(&ns);
		}
		if (c->above[s] && op) {
			l = best_level(c->above[s], true);
			irql_why_level(c->p, fn, l, (int)s, op->file, why, sizeof(why), &ns, 0);
			if (fn->decl.always_max >= 0 && l > fn->decl.always_max)
				irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
				     "'%s' raises the IRQL to %s, above %s, the most '%s' may run at (%s): %s", op->name,
				     irql_level_name(l), irql_level_name(fn->decl.always_max), fn->name,
				     fn->decl.always_sal ? fn->decl.always_sal : "_IRQL_always_function_max_", why);
			else
				irql_emit(c->p, c->fn, IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
				     "'%s' raises the IRQL to %s, above %s, the level '%s' is annotated to raise to (%s): %s",
				     op->name, irql_level_name(l), irql_level_name(fn->decl.raises), fn->name,
				     fn->decl.raises_sal ? fn->decl.raises_sal : "_IRQL_raises_", why);
			irql_notes_free(&ns);
		}
		if ((c->callee_below[s] || c->callee_above[s]) && op && op->kind == OP_CALL) {
			const struct irql_decl *cd = &c->p->fns[op->callee]->decl;
			bool below = c->callee_below[s] != 0;

			l = below ? best_level(c->callee_below[s], false) : best_level(c->callee_above[s], true);
			irql_why_level(c->p, fn, l, (int)s, op->file, why, sizeof(why), &ns, 0);
			irql_emit(c->p, c->fn, below ? IRQL_TOO_LOW : IRQL_TOO_HIGH, op->file, op->line, op->col, &ns,
			     "'%s' %s the IRQL to %s, %s %s, the %s it may run at (%s): %s", op->name,
			     below ? "lowers" : "raises", irql_level_name(l), below ? "below" : "above",
			     irql_level_name(below ? cd->always_min : cd->always_max), below ? "least" : "most",
			     cd->always_sal ? cd->always_sal : "_IRQL_always_function_", why);
			irql_notes_free(&ns);
		}
		if (c->below[s] && op) {
			l = best_level(c->below[s], false);
			irql_why_level(c->p, fn, l, (int)s, op->file, why, sizeof(why), &ns, 0);
			irql_emit(c->p, c->fn, IRQL_TOO_LOW, op->file, op->line, op->col, &ns,
			     "'%s' lowers the IRQL to %s, below %s, the least '%s' may run at (%s): %s", op->name,
			     irql_level_name(l), irql_level_name(fn->decl.always_min), fn->name,
			     fn->decl.always_sal ? fn->decl.always_sal : "_IRQL_always_function_min_", why);
			irql_notes_free(&ns);
		}
	}
}

/* The name of the parameter (1-based) or "parameter N". */
static const char *param_name(const struct irql_fn *fn, unsigned p, char *buf, size_t size)
{
	if (p >= 1 && p <= fn->n_params && fn->params[p - 1] && fn->params[p - 1][0])
		return fn->params[p - 1];
	snprintf(buf, size, "parameter %u", p);
	return buf;
}

static bool slot_of_param(const struct irql_fn *fn, unsigned k, unsigned p)
{
	return fn->slots[k].scope == SCOPE_PARAM && fn->slots[k].param == p;
}

static void report_exit(struct chk *c)
{
	struct irql_fn *fn = c->fn;
	const struct irql_decl *d = &fn->decl;
	ibits ex = c->exit_bits, conc = ex & IB_CONC;
	bool some = (ex & IB_ENTRY) != 0 || __builtin_popcount(conc) > 1;
	unsigned p, k, l;
	char why[600], pb[32];
	struct notes ns = { 0 };
	bool restores_param = d->restores != 0 || d->restores_global || c->cancel_slot >= 0;

	if (!c->reached_exit)
		return;
	/* _IRQL_saves_ parameters: the IRQL must be saved into them on every path */
	for (p = 1; p <= 32; p++) {
		bool any = false, all = true;

		if (!((d->saves >> (p - 1)) & 1))
			continue;
		for (k = 0; k < fn->n_slots; k++)
			if (slot_of_param(fn, k, p)) {
				any = true;
				if (c->slot_exit[k] & IB_INIT(k))
					all = false;
				else
					all = all && true;
			}
		if (!any || !all) {
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, fn->file, fn->line, fn->col, &ns,
			     "'%s' is annotated _IRQL_saves_ on '%s' but does not save the IRQL into it%s", fn->name,
			     param_name(fn, p, pb, sizeof(pb)), any ? " on every path" : "");
		}
	}
	if (ex & IB_UNK)
		return; /* some path returns at an IRQL nobody can tell */
	/* _IRQL_restores_ parameters and Cancel routines: the IRQL at return comes from them */
	if (restores_param) {
		if (ex & IB_ENTRY) {
			if (c->cancel_slot >= 0 && !d->restores)
				irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, fn->file, fn->line, fn->col, &ns,
				     "'%s' returns%s without releasing the cancel spin lock: a Cancel routine is entered "
				     "holding it and must call IoReleaseCancelSpinLock(Irp->CancelIrql)", fn->name,
				     (ex & ~IB_ENTRY) ? " on some paths" : "");
			else if (d->restores) {
				for (p = 1; p <= 32 && !((d->restores >> (p - 1)) & 1); p++)
					;
				irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, fn->file, fn->line, fn->col, &ns,
				     "'%s' is annotated _IRQL_restores_ on '%s' but returns%s without restoring the IRQL from it",
				     fn->name, param_name(fn, p, pb, sizeof(pb)), (ex & ~IB_ENTRY) ? " on some paths" : "");
			}
		}
		return;
	}
	/* _IRQL_raises_(X): it returns at X */
	if (d->raises >= 0) {
		for (l = 0; l < (unsigned)d->raises; l++) {
			const struct irql_op *op;

			if (!(conc & (1u << l)) || !(op = op_at(fn, c->exit_prov[l])))
				continue;
			irql_why_level(c->p, fn, (int)l, c->exit_prov[l], op->file, why, sizeof(why), &ns, 0);
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
			     "'%s' returns at %s, not at %s as annotated (%s): %s", fn->name, irql_level_name((int)l),
			     irql_level_name(d->raises), d->raises_sal ? d->raises_sal : "_IRQL_raises_", why);
			irql_notes_free(&ns);
		}
		return;
	}
	if (d->says_change && !d->same)
		return; /* a lock or IRQL wrapper, annotated as one */
	/* Otherwise it returns at the IRQL it was entered at. */
	for (l = 0; l < IRQL_NLEVELS; l++) {
		const struct irql_op *op;

		if (!(conc & (1u << l)) || !(op = op_at(fn, c->exit_prov[l])))
			continue;
		if (fn->entry.declared && fn->entry.levels == (1u << l) && !(ex & IB_ENTRY))
			continue; /* entered at exactly that level */
		irql_why_level(c->p, fn, (int)l, c->exit_prov[l], op->file, why, sizeof(why), &ns, 0);
		irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
		     "'%s' returns at %s%s, not at the IRQL it was entered at%s: %s", fn->name, irql_level_name((int)l),
		     some ? " on some paths" : "", d->same ? " (_IRQL_requires_same_)" : "", why);
		irql_notes_free(&ns);
	}
	/* lowered with a value it did not save (a caller's or a global) */
	for (k = 0; k < fn->n_slots; k++) {
		unsigned i;

		if (!(ex & IB_INIT(k)))
			continue;
		for (i = 0; i < fn->n_ops; i++)
			if (fn->ops[i].kind == OP_DDI && fn->ops[i].restore == (int16_t)k)
				break;
		if (i == fn->n_ops)
			continue;
		{
			const struct irql_op *op = &fn->ops[i];
			const char *key = fn->slots[k].key;
			char shown[160];

			snprintf(shown, sizeof(shown), "%s", key);
			if (key[0] == '$' || (key[0] == '*' && key[1] == '$')) {
				const char *dollar = strchr(key, '$');
				unsigned pidx = (unsigned)atoi(dollar + 1);
				const char *rest = dollar + 1;

				while (*rest >= '0' && *rest <= '9')
					rest++;
				snprintf(shown, sizeof(shown), "%.*s%s%s", (int)(dollar - key), key,
					 param_name(fn, pidx, pb, sizeof(pb)), rest);
			}
			irql_emit(c->p, c->fn, IRQL_NOT_RESTORED, op->file, op->line, op->col, &ns,
			     "'%s' lowers the IRQL with '%s', which it did not save, and returns%s at that IRQL without "
			     "being annotated _IRQL_restores_", fn->name, shown, (ex & ~IB_INIT(k) & ~IB_UNK) ? " on some paths" : "");
		}
	}
}

static enum ddl_status check_fn(struct irql_program *p, struct irql_fn *fn)
{
	struct chk c;
	struct irql_solve_ctx ctx;
	bool conv = false;
	enum ddl_status st;
	unsigned n = fn->n_ops + 1, i;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.fn = fn;
	c.cancel_slot = -1;
	for (i = 0; i < fn->n_roles; i++)
		if (fn->roles[i].role->exit_restores.kind == KB_SLOT_ARG) {
			const struct kb_slot *sl = &fn->roles[i].role->exit_restores;
			char dollar[16], *key;

			snprintf(dollar, sizeof(dollar), "$%u", sl->arg);
			key = irql_key_member(&fn->ar, dollar, sl->deref, sl->field);
			if (key)
				c.cancel_slot = irql_fn_intern_key(fn, key);
			if (c.cancel_slot < 0)
				c.cancel_slot = -1;
		}
	c.high = malloc(n * sizeof(*c.high));
	c.low = malloc(n * sizeof(*c.low));
	c.lowering = malloc(n * sizeof(*c.lowering));
	c.wait_paged = calloc(n, sizeof(*c.wait_paged));
	c.paged = calloc(n, sizeof(*c.paged));
	c.above = calloc(n, sizeof(*c.above));
	c.below = calloc(n, sizeof(*c.below));
	c.callee_above = calloc(n, sizeof(*c.callee_above));
	c.callee_below = calloc(n, sizeof(*c.callee_below));
	c.const_restore = calloc(n, sizeof(*c.const_restore));
	c.cancel_restore = calloc(n, sizeof(*c.cancel_restore));
	c.mismatch = calloc(n, sizeof(*c.mismatch));
	c.slot_exit = calloc(IRQL_MAX_SLOTS + 1, sizeof(*c.slot_exit));
	st = DDL_ERR_NOMEM;
	if (!c.high || !c.low || !c.lowering || !c.wait_paged || !c.paged || !c.above || !c.below ||
	    !c.callee_above || !c.callee_below ||
	    !c.const_restore || !c.cancel_restore || !c.mismatch || !c.slot_exit)
		goto out;
	for (i = 0; i < n; i++)
		c.high[i].level = c.low[i].level = c.lowering[i].level = -1;
	/* the slot table may have grown (the Cancel slot): effects again */
	memset(&ctx, 0, sizeof(ctx));
	ctx.p = p;
	ctx.fn = fn;
	ctx.on_op = on_op;
	ctx.on_exit = on_exit_sub;
	ctx.user = &c;
	st = irql_solve_fn(&ctx, true, &conv, NULL, NULL);
	if (st != DDL_OK || !conv)
		goto out;
	report_ops(&c);
	report_sites(&c);
	report_exit(&c);
	st = p->nomem ? DDL_ERR_NOMEM : DDL_OK;
out:
	free(c.high);
	free(c.low);
	free(c.lowering);
	free(c.wait_paged);
	free(c.paged);
	free(c.above);
	free(c.below);
	free(c.callee_above);
	free(c.callee_below);
	free(c.const_restore);
	free(c.cancel_restore);
	free(c.mismatch);
	free(c.slot_exit);
	return st;
}

enum ddl_status irql_check(struct irql_program *p)
{
	unsigned i;

	for (i = 0; i < p->n_fns; i++) {
		struct irql_fn *fn = p->fns[i];
		enum ddl_status st;

		if (!fn->ok || !fn->op_in)
			continue;
		st = check_fn(p, fn);
		if (st != DDL_OK)
			return st;
	}
	return DDL_OK;
}

void irql_findings_free(struct irql_program *p)
{
	unsigned i, j;

	for (i = 0; i < p->n_findings; i++) {
		free(p->findings[i].message);
		for (j = 0; j < p->findings[i].n_notes; j++) {
			free(p->findings[i].notes[j].loc.file);
			free(p->findings[i].notes[j].message);
		}
		free(p->findings[i].notes);
	}
	free(p->findings);
	p->findings = NULL;
	p->n_findings = p->cap_findings = 0;
}
