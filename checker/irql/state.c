/* state.c - the abstract IRQL state and the dataflow client.
 *
 * At a program point the state is a small set of sub-states (path
 * sensitivity in the style of property simulation: paths with the same IRQL
 * facts share a sub-state, paths that differ are kept apart up to
 * IRQL_MAX_SUBS). A sub-state holds:
 *  - CUR: the set of IRQLs the code may run at, relative to the function's
 *    entry (ENTRY), with the op that set each concrete level (provenance:
 *    "spin lock acquired at line 12");
 *  - one value per slot: the IRQL saved in an old-IRQL variable, a lock
 *    handle, a FAST_MUTEX, *OldIrql..., and the op that saved it;
 *  - facts about local scalars (x == 3, flag != 0, the text of a condition
 *    on one variable held or not), from constant assignments and branches,
 *    which make correlated branches infeasible: after
 *    `if (f) acquire; ...; if (f) release;` the path that skips the acquire
 *    cannot take the release, so no false "restored an IRQL never saved".
 * Joins merge sub-states whose IRQL part is equal (their facts intersect);
 * over the bound, the extra paths merge into the last sub-state. Widening
 * merges everything into one sub-state.
 * This file applies ops (extract.c's model) to sub-states; the effects of
 * calls come from the callee summaries summary.c prepared in fn->eff.
 */
#include "irql_impl.h"
#include "../dataflow/df.h"

#include <stdlib.h>
#include <string.h>

struct hdr {
	uint8_t n;                  /* sub-states in use; 0 = not reached (bottom) */
	uint8_t pad[15];
};

struct client {
	struct irql_solve_ctx *ctx;
	struct irql_fn *fn;
	size_t sub_size;
};

struct irql_slotval *irql_sub_slots(const struct irql_sub *s)
{
	return (struct irql_slotval *)(void *)((char *)s + sizeof(struct irql_sub));
}

static struct irql_sub *sub_at(const struct client *cl, const void *st, unsigned i)
{
	return (struct irql_sub *)(void *)((char *)st + sizeof(struct hdr) + i * cl->sub_size);
}

static unsigned n_subs(const void *st)
{
	return ((const struct hdr *)st)->n;
}

ibits irql_concrete(const struct irql_fn *fn, ibits v)
{
	ibits c = v & IB_CONC;

	if (v & IB_ENTRY)
		c |= fn->entry.levels;
	return c;
}

/* --- values --------------------------------------------------------------------- */
static void val_set(struct ival *v, int level, uint16_t prov)
{
	memset(v, 0, sizeof(*v));
	v->bits = 1u << level;
	v->prov[level] = prov;
}

/* V |= W; provenance of levels V did not have comes from W. */
static bool val_join(struct ival *v, const struct ival *w)
{
	ibits add = w->bits & ~v->bits;
	unsigned l;

	if (!add)
		return false;
	for (l = 0; l < IRQL_NLEVELS; l++)
		if (add & (1u << l))
			v->prov[l] = w->prov[l];
	v->bits |= add;
	return true;
}

/* Concrete levels of W get PROV (the op that brought them here). */
static void val_reprov(struct ival *w, uint16_t prov)
{
	unsigned l;

	for (l = 0; l < IRQL_NLEVELS; l++)
		if (w->bits & (1u << l))
			w->prov[l] = prov;
}

/* --- facts ---------------------------------------------------------------------- */
static void fact_drop(struct irql_sub *s, uint16_t var, bool text_only, long long hash)
{
	unsigned i, o = 0;

	for (i = 0; i < s->n_fact; i++) {
		bool drop = s->fact[i].var == var &&
			    (!text_only || ((s->fact[i].kind == T_TXT_TRUE || s->fact[i].kind == T_TXT_FALSE) &&
					    s->fact[i].value == hash));

		if (!drop)
			s->fact[o++] = s->fact[i];
	}
	s->n_fact = (uint8_t)o;
}

static void fact_add(struct irql_sub *s, uint16_t var, uint8_t kind, long long value)
{
	if (s->n_fact == IRQL_MAX_FACTS) {
		memmove(&s->fact[0], &s->fact[1], (IRQL_MAX_FACTS - 1) * sizeof(s->fact[0]));
		s->n_fact--;
	}
	s->fact[s->n_fact].var = var;
	s->fact[s->n_fact].kind = kind;
	s->fact[s->n_fact].value = value;
	s->n_fact++;
}

/* Can a path in S take an edge with test T? */
static bool feasible(const struct irql_sub *s, const struct irql_test *t)
{
	unsigned i;

	for (i = 0; i < s->n_fact; i++) {
		const struct irql_fact *f = &s->fact[i];

		if (f->var != t->var)
			continue;
		switch (t->kind) {
		case T_EQ:
			if ((f->kind == T_EQ && f->value != t->value) || (f->kind == T_NE && f->value == t->value))
				return false;
			break;
		case T_NE:
			if (f->kind == T_EQ && f->value == t->value)
				return false;
			break;
		case T_TXT_TRUE:
			if (f->kind == T_TXT_FALSE && f->value == t->value)
				return false;
			break;
		case T_TXT_FALSE:
			if (f->kind == T_TXT_TRUE && f->value == t->value)
				return false;
			break;
		default:
			break;
		}
	}
	return true;
}

static void learn(struct irql_sub *s, const struct irql_test *t)
{
	unsigned i;

	switch (t->kind) {
	case T_EQ:
		/* value facts about VAR are now implied */
		for (i = 0; i < s->n_fact;) {
			if (s->fact[i].var == t->var && (s->fact[i].kind == T_EQ || s->fact[i].kind == T_NE)) {
				s->fact[i] = s->fact[--s->n_fact];
				continue;
			}
			i++;
		}
		fact_add(s, t->var, T_EQ, t->value);
		break;
	case T_NE:
		for (i = 0; i < s->n_fact; i++)
			if (s->fact[i].var == t->var && s->fact[i].kind == T_EQ)
				return; /* already known exactly */
		fact_add(s, t->var, T_NE, t->value);
		break;
	case T_TXT_TRUE:
	case T_TXT_FALSE:
		fact_drop(s, t->var, true, t->value);
		fact_add(s, t->var, t->kind, t->value);
		break;
	default:
		break;
	}
}

/* Keep the facts of S that T has too. Returns true if S lost one. */
static bool facts_meet(struct irql_sub *s, const struct irql_sub *t)
{
	unsigned i, j, o = 0;
	bool changed = false;

	for (i = 0; i < s->n_fact; i++) {
		bool keep = false;

		for (j = 0; j < t->n_fact && !keep; j++)
			keep = s->fact[i].var == t->fact[j].var && s->fact[i].kind == t->fact[j].kind &&
			       s->fact[i].value == t->fact[j].value;
		if (keep)
			s->fact[o++] = s->fact[i];
		else
			changed = true;
	}
	s->n_fact = (uint8_t)o;
	return changed;
}

/* --- sub-states ------------------------------------------------------------------- */
static bool same_irql(const struct client *cl, const struct irql_sub *a, const struct irql_sub *b)
{
	const struct irql_slotval *sa = irql_sub_slots(a), *sb = irql_sub_slots(b);
	unsigned k;

	if (a->cur.bits != b->cur.bits)
		return false;
	for (k = 0; k < cl->fn->n_slots; k++)
		if (sa[k].v.bits != sb[k].v.bits)
			return false;
	return true;
}

/* A |= B (IRQL parts), facts intersect. */
static bool sub_merge(const struct client *cl, struct irql_sub *a, const struct irql_sub *b)
{
	struct irql_slotval *sa = irql_sub_slots(a);
	const struct irql_slotval *sb = irql_sub_slots(b);
	bool changed = val_join(&a->cur, &b->cur);
	unsigned k;

	for (k = 0; k < cl->fn->n_slots; k++) {
		if (val_join(&sa[k].v, &sb[k].v))
			changed = true;
		if (!sa[k].save_op)
			sa[k].save_op = sb[k].save_op;
	}
	if (facts_meet(a, b))
		changed = true;
	return changed;
}

static void st_init(void *user, void *st)
{
	struct client *cl = user;
	struct irql_sub *s;
	struct irql_slotval *sv;
	unsigned k;

	memset(st, 0, sizeof(struct hdr) + IRQL_MAX_SUBS * cl->sub_size);
	((struct hdr *)st)->n = 1;
	s = sub_at(cl, st, 0);
	s->cur.bits = IB_ENTRY;
	sv = irql_sub_slots(s);
	for (k = 0; k < cl->fn->n_slots; k++)
		sv[k].v.bits = cl->fn->slots[k].scope == SCOPE_LOCAL ? IB_UNK : IB_INIT(k);
}

static void st_bottom(void *user, void *st)
{
	struct client *cl = user;

	memset(st, 0, sizeof(struct hdr) + IRQL_MAX_SUBS * cl->sub_size);
}

static bool st_join(void *user, void *dst, const void *src)
{
	struct client *cl = user;
	struct hdr *h = dst;
	unsigned i, j;
	bool changed = false;

	for (i = 0; i < n_subs(src); i++) {
		const struct irql_sub *t = sub_at(cl, src, i);

		for (j = 0; j < h->n; j++)
			if (same_irql(cl, sub_at(cl, dst, j), t))
				break;
		if (j < h->n) {
			if (facts_meet(sub_at(cl, dst, j), t))
				changed = true;
		} else if (h->n < IRQL_MAX_SUBS) {
			memcpy(sub_at(cl, dst, h->n), t, cl->sub_size);
			h->n++;
			changed = true;
		} else if (sub_merge(cl, sub_at(cl, dst, h->n - 1), t)) {
			changed = true;
		}
	}
	return changed;
}

static void st_widen(void *user, void *st)
{
	struct client *cl = user;
	struct hdr *h = st;
	unsigned i;

	for (i = 1; i < h->n; i++)
		sub_merge(cl, sub_at(cl, st, 0), sub_at(cl, st, i));
	if (h->n)
		h->n = 1;
}

/* --- ops ------------------------------------------------------------------------- */
/* The caller's value for V, a value in the callee's terms (ENTRY: the caller's
 * IRQL at the call; INIT(k): what the caller's slot mapped from k holds). */
static void subst(const struct irql_sub *s, const struct irql_calleff *eff, ibits v, uint16_t prov, struct ival *out)
{
	const struct irql_slotval *sv = irql_sub_slots(s);
	unsigned l, k;

	memset(out, 0, sizeof(*out));
	for (l = 0; l < IRQL_NLEVELS; l++)
		if (v & (1u << l)) {
			out->bits |= 1u << l;
			out->prov[l] = prov;
		}
	if (v & IB_ENTRY)
		val_join(out, &s->cur);
	if (v & IB_UNK)
		out->bits |= IB_UNK;
	for (k = 0; k < IRQL_MAX_SLOTS; k++) {
		if (!(v & IB_INIT(k)))
			continue;
		if (eff && k < eff->n_map && eff->konst && eff->konst[k] >= 0) {
			struct ival w;

			val_set(&w, eff->konst[k], prov);
			val_join(out, &w);
		} else if (eff && k < eff->n_map && eff->map[k] >= 0) {
			struct ival w = sv[eff->map[k]].v;

			val_reprov(&w, prov);
			val_join(out, &w);
		} else {
			out->bits |= IB_UNK;
		}
	}
}

static void apply_call(const struct client *cl, struct irql_sub *s, unsigned i)
{
	const struct irql_op *op = &cl->fn->ops[i];
	const struct irql_calleff *eff = cl->fn->eff ? &cl->fn->eff[i] : NULL;
	struct irql_slotval *sv = irql_sub_slots(s);
	uint16_t prov = (uint16_t)(i + 1);

	if (!eff || eff->kind == EFF_NONE)
		return; /* a function nobody knows anything about: no effect */
	if (eff->kind == EFF_UNKNOWN) {
		/* defined in the program but not analysable: it may change anything */
		s->cur.bits = IB_UNK;
		return;
	}
	if (eff->kind == EFF_SAL) {
		if (eff->save >= 0) {
			sv[eff->save].v = s->cur;
			sv[eff->save].save_op = prov;
		}
		if (eff->to >= 0)
			val_set(&s->cur, eff->to, prov);
		else if (eff->restore_const >= 0)
			val_set(&s->cur, eff->restore_const, prov);
		else if (eff->restore >= 0) {
			struct ival w = sv[eff->restore].v;

			val_reprov(&w, prov);
			s->cur = w;
		} else if (eff->restore == SLOT_UNTRACKED) {
			s->cur.bits = IB_UNK;
		}
		return;
	}
	{
		const struct irql_fn *callee = cl->ctx->p->fns[op->callee];
		const struct irql_sum *sum = &callee->sum;
		struct ival newcur, vals[IRQL_MAX_SLOTS];
		int16_t dst[IRQL_MAX_SLOTS];
		bool maybe[IRQL_MAX_SLOTS];
		unsigned k, n = 0;

		/* everything is computed from the state before the call */
		subst(s, eff, sum->exit, prov, &newcur);
		for (k = 0; k < callee->n_slots && k < eff->n_map; k++) {
			ibits v = sum->slot_exit ? sum->slot_exit[k] : IB_INIT(k);

			if (eff->map[k] < 0 || callee->slots[k].scope == SCOPE_LOCAL || v == IB_INIT(k))
				continue;
			subst(s, eff, v & ~IB_INIT(k), prov, &vals[n]);
			maybe[n] = (v & IB_INIT(k)) != 0;
			dst[n++] = eff->map[k];
		}
		for (k = 0; k < n; k++) {
			if (maybe[k]) {
				val_join(&sv[dst[k]].v, &vals[k]);
			} else {
				sv[dst[k]].v = vals[k];
			}
			sv[dst[k]].save_op = prov;
		}
		/* A callee that returns at one known IRQL (its entry, a level, a
		 * restored value) sets it; one that returns at different IRQLs on
		 * different paths does so for reasons its caller cannot see (a
		 * recursive lock, a try-acquire's result), so the IRQL after the
		 * call is unknown rather than "maybe raised". */
		if (__builtin_popcount(sum->exit) == 1)
			s->cur = newcur;
		else if (sum->exit) {
			memset(&s->cur, 0, sizeof(s->cur));
			s->cur.bits = IB_UNK;
		}
	}
}

static void apply_op(const struct client *cl, struct irql_sub *s, unsigned i)
{
	const struct irql_op *op = &cl->fn->ops[i];
	struct irql_slotval *sv = irql_sub_slots(s);
	uint16_t prov = (uint16_t)(i + 1);

	switch (op->kind) {
	case OP_SET:
		fact_drop(s, op->var, false, 0);
		fact_add(s, op->var, T_EQ, op->value);
		break;
	case OP_KILL:
		fact_drop(s, op->var, false, 0);
		break;
	case OP_CALL:
		apply_call(cl, s, i);
		break;
	case OP_DDI:
		if (op->flags & OPF_UNTIL_WAIT)
			break; /* lasts until the wait that must follow; pageable code only (check.c) */
		if (op->save >= 0) {
			sv[op->save].v = s->cur;
			sv[op->save].save_op = prov;
		}
		if (op->to >= 0) {
			val_set(&s->cur, op->to, prov);
		} else if (op->to == TO_UNKNOWN) {
			memset(&s->cur, 0, sizeof(s->cur));
			s->cur.bits = IB_UNK;
		} else if (op->restore_const >= 0) {
			val_set(&s->cur, op->restore_const, prov);
		} else if (op->restore >= 0) {
			struct ival w = sv[op->restore].v;

			val_reprov(&w, prov);
			s->cur = w;
		} else if (op->restore == SLOT_UNTRACKED) {
			memset(&s->cur, 0, sizeof(s->cur));
			s->cur.bits = IB_UNK;
		}
		break;
	}
}

/* Apply op I to every sub-state of ST. A try-acquire splits each sub-state
 * into "returned nonzero: changed" and "returned zero: unchanged", told
 * apart by a fact on its result; with no room left they merge. */
static void apply_all(const struct client *cl, void *st, unsigned i)
{
	const struct irql_op *op = &cl->fn->ops[i];
	struct hdr *h = st;
	unsigned j, n = h->n;

	if (!(op->flags & OPF_IF_TRUE)) {
		for (j = 0; j < n; j++)
			apply_op(cl, sub_at(cl, st, j), i);
		return;
	}
	for (j = 0; j < n; j++) {
		struct irql_sub *s = sub_at(cl, st, j);

		fact_drop(s, op->var, false, 0);
		if (h->n < IRQL_MAX_SUBS) {
			struct irql_sub *t = sub_at(cl, st, h->n++);

			memcpy(t, s, cl->sub_size);
			apply_op(cl, t, i);
			fact_add(t, op->var, T_NE, 0);
			fact_add(s, op->var, T_EQ, 0);
		} else {
			char tmp[sizeof(struct irql_sub) + IRQL_MAX_SLOTS * sizeof(struct irql_slotval) + 16];
			struct irql_sub *t = (struct irql_sub *)(void *)tmp;

			memcpy(t, s, cl->sub_size);
			apply_op(cl, t, i);
			sub_merge(cl, s, t);
		}
	}
}

static void st_transfer(void *user, void *st, const struct cfg *cfg, unsigned block, const struct cfg_elem *elem)
{
	struct client *cl = user;

	(void)cfg;
	(void)block;
	apply_all(cl, st, (unsigned)(elem - cl->fn->elems));
}

static bool st_edge(void *user, void *st, const struct cfg_edge *edge)
{
	struct client *cl = user;
	const struct irql_test *t = &cl->fn->tests[edge - cl->fn->edges];
	struct hdr *h = st;
	unsigned i, o = 0;

	if (t->kind == T_NONE || edge->kind == CFG_EDGE_EXCEPTION)
		return true;
	for (i = 0; i < h->n; i++) {
		struct irql_sub *s = sub_at(cl, st, i);

		if (!feasible(s, t))
			continue;
		learn(s, t);
		if (o != i)
			memcpy(sub_at(cl, st, o), s, cl->sub_size);
		o++;
	}
	h->n = (uint8_t)o;
	return o > 0;
}

/* --- solving ----------------------------------------------------------------------- */
enum ddl_status irql_solve_fn(struct irql_solve_ctx *ctx, bool replay, bool *converged, struct irql_sub **exit_subs,
			      unsigned *n_exit)
{
	struct irql_fn *fn = ctx->fn;
	struct client cl;
	struct df_client dc;
	struct df_result *r = NULL;
	enum ddl_status st;
	void *work;
	unsigned b, e, j;
	size_t state_size;

	cl.ctx = ctx;
	cl.fn = fn;
	cl.sub_size = (sizeof(struct irql_sub) + fn->n_slots * sizeof(struct irql_slotval) + 15) / 16 * 16;
	ctx->sub_size = cl.sub_size;
	state_size = sizeof(struct hdr) + IRQL_MAX_SUBS * cl.sub_size;
	memset(&dc, 0, sizeof(dc));
	dc.state_size = state_size;
	dc.user = &cl;
	dc.init = st_init;
	dc.bottom = st_bottom;
	dc.join = st_join;
	dc.transfer = st_transfer;
	dc.edge = st_edge;
	dc.widen = st_widen;
	*converged = false;
	if (exit_subs)
		*exit_subs = NULL;
	if (n_exit)
		*n_exit = 0;
	st = df_solve(&fn->g, &dc, &r);
	if (st != DDL_OK)
		return st;
	if (df_outcome(r) != DF_CONVERGED) {
		df_free(r);
		return DDL_OK;
	}
	*converged = true;
	free(fn->op_in);
	fn->op_in = calloc(fn->n_ops + 1, sizeof(*fn->op_in));
	work = malloc(state_size);
	if (!fn->op_in || !work) {
		free(work);
		df_free(r);
		return DDL_ERR_NOMEM;
	}
	for (b = 0; b < fn->g.n_blocks; b++) {
		const struct cfg_block *blk = &fn->g.blocks[b];

		if (!df_reachable(r, b))
			continue;
		memcpy(work, df_state_in(r, b), state_size);
		for (e = 0; e < blk->n_elems; e++) {
			unsigned i = (unsigned)(&blk->elems[e] - fn->elems);
			struct ival *rec = &fn->op_in[i];

			for (j = 0; j < n_subs(work); j++) {
				const struct irql_sub *s = sub_at(&cl, work, j);

				val_join(rec, &s->cur);
				if (replay && ctx->on_op)
					ctx->on_op(ctx->user, fn, i, s);
			}
			apply_all(&cl, work, i);
		}
	}
	if (df_reachable(r, fn->g.exit)) {
		const void *ex = df_state_in(r, fn->g.exit);

		if (replay && ctx->on_exit)
			for (j = 0; j < n_subs(ex); j++)
				ctx->on_exit(ctx->user, fn, sub_at(&cl, ex, j));
		if (exit_subs && n_subs(ex)) {
			*exit_subs = malloc(n_subs(ex) * cl.sub_size);
			if (!*exit_subs) {
				free(work);
				df_free(r);
				return DDL_ERR_NOMEM;
			}
			for (j = 0; j < n_subs(ex); j++)
				memcpy((char *)*exit_subs + j * cl.sub_size, sub_at(&cl, ex, j), cl.sub_size);
			*n_exit = n_subs(ex);
		}
	}
	free(work);
	df_free(r);
	return DDL_OK;
}
