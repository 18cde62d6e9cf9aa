/* summary.c - the program's functions, solved together.
 *
 * irql_solve:
 *  1. links the program (program.c);
 *  2. bottom-up, callees before callers (strongly connected components in
 *     Tarjan's order, iterated to a fixpoint, or given up on), runs each
 *     function's dataflow with its callees' summaries and summarises it: the
 *     IRQL it returns at relative to its entry, what it leaves in its callers'
 *     slots, the IRQL its entry must respect for its calls (the maximum its
 *     callees require when called at the entry IRQL: a helper that calls
 *     ZwClose requires PASSIVE_LEVEL; a pageable one APC_LEVEL at most);
 *  3. top-down, the entry IRQLs: what SAL or roles declare, else the IRQLs
 *     its callers call it at (a union, grown to a fixpoint); a function that
 *     may also be called from elsewhere (external, address taken, no known
 *     caller) also has an unknown entry.
 * check.c then reports on the solved program.
 */
#include "irql_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- bounds of a call ------------------------------------------------------------------ */
static void decl_bounds(const struct irql_decl *d, int *max, int *min)
{
	*max = d->req_max >= 0 ? d->req_max : d->always_max;
	*min = d->req_min >= 0 ? d->req_min : d->always_min;
}

void irql_call_bounds(const struct irql_program *p, const struct irql_op *op, int *max, int *min, bool *computed)
{
	*max = *min = -1;
	*computed = false;
	if (op->callee >= 0) {
		const struct irql_fn *c = p->fns[op->callee];

		decl_bounds(&c->decl, max, min);
		if (*max >= 0 || *min >= 0)
			return;
		if (c->sum.known) {
			*max = c->sum.req_max;
			*min = c->sum.req_min;
			*computed = true;
		}
		return;
	}
	if (op->cdecl)
		decl_bounds(op->cdecl, max, min);
}

/* --- one function ------------------------------------------------------------------------ */
static int16_t intern_arg_key(struct irql_fn *fn, const struct irql_op *op, unsigned param, bool deref)
{
	const char *t;
	char *key;

	if (param < 1 || param > op->n_args || !(t = op->args[param - 1]))
		return SLOT_UNTRACKED;
	key = deref ? irql_key_deref(&fn->ar, t) : irql_key_canon(&fn->ar, t);
	return key ? irql_fn_intern_key(fn, key) : SLOT_UNTRACKED;
}

static void prepare_effects(struct irql_program *p, struct irql_fn *fn)
{
	unsigned i, k;

	if (!fn->eff) {
		fn->eff = calloc(fn->n_ops + 1, sizeof(*fn->eff));
		if (!fn->eff) {
			p->nomem = true;
			return;
		}
	}
	for (i = 0; i < fn->n_ops; i++) {
		const struct irql_op *op = &fn->ops[i];
		struct irql_calleff *e = &fn->eff[i];

		free(e->map);
		free(e->konst);
		memset(e, 0, sizeof(*e));
		e->to = -1;
		e->restore_const = -1;
		e->save = e->restore = SLOT_NONE;
		if (op->kind != OP_CALL)
			continue;
		if (op->callee >= 0) {
			const struct irql_fn *c = p->fns[op->callee];

			if (!c->sum.known) {
				e->kind = EFF_UNKNOWN;
				continue;
			}
			e->kind = EFF_SUMMARY;
			e->map = malloc((c->n_slots + 1) * sizeof(*e->map));
			e->konst = malloc((c->n_slots + 1) * sizeof(*e->konst));
			if (!e->map || !e->konst) {
				p->nomem = true;
				e->kind = EFF_UNKNOWN;
				continue;
			}
			e->n_map = c->n_slots;
			for (k = 0; k < c->n_slots; k++) {
				const struct irql_slotdef *sd = &c->slots[k];
				int16_t m = SLOT_NONE;

				e->konst[k] = -1;
				/* the parameter itself ($N, a KIRQL passed by value) and a constant argument */
				if (sd->scope == SCOPE_PARAM && sd->key[0] == '$' &&
				    strspn(sd->key + 1, "0123456789") == strlen(sd->key + 1) && sd->param <= 32 &&
				    sd->param <= op->n_args && ((op->argknown >> (sd->param - 1)) & 1))
					e->konst[k] = (int8_t)irql_level_of_value(op->argval[sd->param - 1]);

				if (sd->scope == SCOPE_PARAM && sd->param <= op->n_args && op->args[sd->param - 1]) {
					char *key = irql_key_rebase(&fn->ar, sd->key, op->args[sd->param - 1]);

					m = key ? irql_fn_intern_key(fn, key) : SLOT_NONE;
				} else if (sd->scope == SCOPE_GLOBAL) {
					m = irql_fn_intern_key(fn, sd->key);
				}
				e->map[k] = m >= 0 ? m : SLOT_NONE;
			}
			continue;
		}
		if (op->cdecl && (op->cdecl->raises >= 0 || op->cdecl->saves || op->cdecl->restores)) {
			const struct irql_decl *d = op->cdecl;

			e->kind = EFF_SAL;
			e->to = d->raises;
			for (k = 0; k < 32; k++) {
				if ((d->saves >> k) & 1)
					e->save = intern_arg_key(fn, op, k + 1, true);
				if ((d->restores >> k) & 1) {
					if (k < op->n_args && ((op->argknown >> k) & 1))
						e->restore_const = (int8_t)irql_level_of_value(op->argval[k]);
					else
						e->restore = intern_arg_key(fn, op, k + 1, false);
				}
			}
		}
	}
}

static void tighten(int8_t *max, int *max_op, int8_t *min, int *min_op, int omax, int omin, int op)
{
	if (omax >= 0 && (*max < 0 || omax < *max)) {
		*max = (int8_t)omax;
		*max_op = op;
	}
	if (omin >= 0 && omin > *min) {
		*min = (int8_t)omin;
		*min_op = op;
	}
}

/* Summarise FN from its exit sub-states and the IRQL at its ops. */
static void summarise(struct irql_program *p, struct irql_fn *fn, const struct irql_sub *exits, unsigned n_exit,
		      size_t sub_size, struct irql_sum *s)
{
	unsigned i, j, l;

	memset(s, 0, sizeof(*s));
	s->known = true;
	s->req_max = s->req_min = -1;
	s->req_max_op = s->req_min_op = -1;
	s->slot_exit = calloc(fn->n_slots + 1, sizeof(*s->slot_exit));
	if (!s->slot_exit) {
		p->nomem = true;
		s->known = false;
		return;
	}
	for (j = 0; j < n_exit; j++) {
		const struct irql_sub *e = (const void *)((const char *)exits + j * sub_size);
		const struct irql_slotval *sv = irql_sub_slots(e);

		for (l = 0; l < IRQL_NLEVELS; l++)
			if ((e->cur.bits & (1u << l)) && !(s->exit & (1u << l)))
				s->exit_prov[l] = e->cur.prov[l];
		s->exit |= e->cur.bits;
		for (i = 0; i < fn->n_slots; i++)
			s->slot_exit[i] |= sv[i].v.bits;
	}
	for (i = 0; i < fn->n_ops; i++) {
		const struct irql_op *op = &fn->ops[i];
		int omax = -1, omin = -1;
		bool computed;

		if (!fn->op_in || !(fn->op_in[i].bits & IB_ENTRY))
			continue;
		if (op->kind == OP_DDI) {
			omax = op->max;
			/* a release's minimum is about the lock, not the IRQL (check.c) */
			omin = op->ddi->irql_change && op->ddi->irql_change->restore.kind != KB_SLOT_NONE ? -1 : op->min;
			if ((op->flags & OPF_RAISE_ONLY) && op->to >= 0 && (omax < 0 || op->to < omax))
				omax = op->to;
		} else if (op->kind == OP_CALL) {
			irql_call_bounds(p, op, &omax, &omin, &computed);
		}
		tighten(&s->req_max, &s->req_max_op, &s->req_min, &s->req_min_op, omax, omin, (int)i);
		if (op->match >= 0 && fn->op_in[i].bits == IB_ENTRY && fn->slots[op->match].scope != SCOPE_LOCAL) {
			uint16_t *nm = realloc(s->matches, (s->n_matches + 1) * sizeof(*nm));

			if (nm) {
				s->matches = nm;
				nm[s->n_matches++] = (uint16_t)op->match;
			}
		}
	}
	if (fn->pageable && (s->req_max < 0 || s->req_max > KB_IRQL_APC)) {
		s->req_max = KB_IRQL_APC;
		s->req_max_op = -1;
	}
}

static bool sum_equal(const struct irql_sum *a, const struct irql_sum *b, unsigned n_slots_a, unsigned n_slots_b)
{
	if (a->known != b->known || a->exit != b->exit || a->req_max != b->req_max || a->req_min != b->req_min ||
	    a->n_matches != b->n_matches || n_slots_a != n_slots_b)
		return false;
	if (a->slot_exit && b->slot_exit && memcmp(a->slot_exit, b->slot_exit, n_slots_a * sizeof(ibits)) != 0)
		return false;
	return true;
}

static void sum_clear(struct irql_sum *s)
{
	free(s->slot_exit);
	free(s->matches);
	memset(s, 0, sizeof(*s));
	s->req_max = s->req_min = -1;
}

/* Analyse FN with its callees' current summaries; *CHANGED when its summary changed. */
static enum ddl_status analyse(struct irql_program *p, struct irql_fn *fn, bool *changed)
{
	struct irql_solve_ctx ctx;
	struct irql_sub *exits = NULL;
	unsigned n_exit = 0, old_slots = fn->n_slots;
	bool conv = false;
	struct irql_sum ns;
	enum ddl_status st;

	*changed = false;
	if (!fn->ok) {
		if (fn->sum.known) {
			sum_clear(&fn->sum);
			*changed = true;
		}
		return DDL_OK;
	}
	prepare_effects(p, fn);
	if (p->nomem)
		return DDL_ERR_NOMEM;
	memset(&ctx, 0, sizeof(ctx));
	ctx.p = p;
	ctx.fn = fn;
	st = irql_solve_fn(&ctx, false, &conv, &exits, &n_exit);
	if (st != DDL_OK)
		return st;
	if (!conv) {
		/* the dataflow gave up: nothing is known, nothing is reported */
		free(exits);
		if (fn->sum.known)
			*changed = true;
		sum_clear(&fn->sum);
		fn->ok = false;
		free(fn->op_in);
		fn->op_in = NULL;
		return DDL_OK;
	}
	summarise(p, fn, exits, n_exit, ctx.sub_size, &ns);
	free(exits);
	*changed = !sum_equal(&ns, &fn->sum, fn->n_slots, old_slots);
	sum_clear(&fn->sum);
	fn->sum = ns;
	return p->nomem ? DDL_ERR_NOMEM : DDL_OK;
}

/* --- strongly connected components (Tarjan), callees first --------------------------------- */
struct tarjan {
	struct irql_program *p;
	unsigned *stack, sp;
	int index;
	enum ddl_status st;
};

static enum ddl_status solve_scc(struct irql_program *p, unsigned *members, unsigned n);

static void strongconnect(struct tarjan *t, unsigned v)
{
	struct irql_fn *fn = t->p->fns[v];
	unsigned j;

	fn->idx = fn->low = t->index++;
	t->stack[t->sp++] = v;
	fn->on_stack = true;
	for (j = 0; j < fn->n_ops; j++) {
		int w = fn->ops[j].kind == OP_CALL ? fn->ops[j].callee : -1;
		struct irql_fn *c;

		if (w < 0)
			continue;
		c = t->p->fns[w];
		if (c->idx < 0) {
			strongconnect(t, (unsigned)w);
			if (c->low < fn->low)
				fn->low = c->low;
		} else if (c->on_stack && c->idx < fn->low) {
			fn->low = c->idx;
		}
	}
	if (fn->low == fn->idx) {
		unsigned start = t->sp;

		do {
			start--;
			t->p->fns[t->stack[start]]->on_stack = false;
		} while (t->stack[start] != v);
		if (t->st == DDL_OK)
			t->st = solve_scc(t->p, &t->stack[start], t->sp - start);
		t->sp = start;
	}
}

static bool self_recursive(const struct irql_program *p, unsigned v)
{
	const struct irql_fn *fn = p->fns[v];
	unsigned j;

	for (j = 0; j < fn->n_ops; j++)
		if (fn->ops[j].kind == OP_CALL && fn->ops[j].callee == (int)v)
			return true;
	return false;
}

static enum ddl_status solve_scc(struct irql_program *p, unsigned *members, unsigned n)
{
	unsigned i, round;
	bool changed = true, recursive = n > 1 || self_recursive(p, members[0]);

	if (recursive) {
		/* optimistic start: a recursive call changes nothing and requires nothing */
		for (i = 0; i < n; i++) {
			struct irql_fn *fn = p->fns[members[i]];

			sum_clear(&fn->sum);
			fn->sum.known = fn->ok;
			fn->sum.exit = IB_ENTRY;
			fn->sum.req_max_op = fn->sum.req_min_op = -1;
		}
	}
	for (round = 0; changed && round < (recursive ? 8u : 1u); round++) {
		changed = false;
		for (i = 0; i < n; i++) {
			bool c;
			enum ddl_status st = analyse(p, p->fns[members[i]], &c);

			if (st != DDL_OK)
				return st;
			changed |= c;
		}
	}
	if (recursive && changed) {
		/* no fixpoint: trust nothing about these functions */
		for (i = 0; i < n; i++) {
			sum_clear(&p->fns[members[i]]->sum);
			p->fns[members[i]]->ok = false;
		}
	}
	return DDL_OK;
}

/* --- entry IRQLs -------------------------------------------------------------------------- */
static ibits range(int lo, int hi)
{
	ibits b = 0;
	int l;

	for (l = lo; l <= hi && l < IRQL_NLEVELS; l++)
		b |= 1u << l;
	return b;
}

static void declared_entry(struct irql_fn *fn)
{
	struct irql_entry *e = &fn->entry;
	const struct irql_decl *d = &fn->decl;
	int hi = -1, lo = -1, l;
	unsigned i;

	memset(e, 0, sizeof(*e));
	if (d->req_max >= 0)
		hi = d->req_max;
	if (d->always_max >= 0 && (hi < 0 || d->always_max < hi))
		hi = d->always_max;
	if (d->req_min >= 0)
		lo = d->req_min;
	if (d->always_min > lo)
		lo = d->always_min;
	if (hi >= 0 || lo >= 0) {
		/* a maximum alone: any level up to it; a minimum alone: that level
		 * (the code says nothing about running above it) */
		if (lo < 0)
			lo = 0;
		if (hi < 0)
			hi = lo;
		if (lo <= hi) {
			e->levels = range(lo, hi);
			e->declared = true;
			for (l = 0; l < IRQL_NLEVELS; l++)
				e->why[l].kind = ENTRY_SAL;
			return;
		}
	}
	for (i = 0; i < fn->n_roles; i++) {
		int rl = fn->roles[i].role->irql;

		if (rl < 0 || rl >= IRQL_NLEVELS)
			continue;
		if (!(e->levels & (1u << rl))) {
			e->why[rl].kind = ENTRY_ROLE;
			e->why[rl].idx = (int)i;
		}
		e->levels |= 1u << rl;
		e->declared = true;
	}
	if (!e->declared)
		e->unknown = !fn->is_static || fn->address_taken;
}

static void compute_entries(struct irql_program *p)
{
	unsigned i, j, l, rounds = 0;
	bool changed = true;
	bool *called = calloc(p->n_fns + 1, sizeof(*called));

	for (i = 0; i < p->n_fns; i++)
		declared_entry(p->fns[i]);
	while (changed && rounds++ < 64) {
		changed = false;
		for (i = 0; i < p->n_fns; i++) {
			const struct irql_fn *g = p->fns[i];

			if (!g->ok || !g->op_in)
				continue;
			for (j = 0; j < g->n_ops; j++) {
				const struct irql_op *op = &g->ops[j];
				ibits b = g->op_in[j].bits, conc;
				struct irql_fn *f;

				if (op->kind != OP_CALL || op->callee < 0 || !b)
					continue;
				f = p->fns[op->callee];
				if (called)
					called[op->callee] = true;
				if (f->entry.declared)
					continue;
				conc = irql_concrete(g, b);
				for (l = 0; l < IRQL_NLEVELS; l++)
					if ((conc & (1u << l)) && !(f->entry.levels & (1u << l))) {
						f->entry.levels |= 1u << l;
						f->entry.why[l].kind = ENTRY_CALLER;
						f->entry.why[l].idx = (int)i;
						f->entry.why[l].op = (int)j;
						changed = true;
					}
				if (!f->entry.unknown &&
				    ((b & (IB_UNK | IB_INITS)) || ((b & IB_ENTRY) && g->entry.unknown))) {
					f->entry.unknown = true;
					changed = true;
				}
			}
		}
	}
	for (i = 0; i < p->n_fns; i++)
		if (!p->fns[i]->entry.declared && called && !called[i])
			p->fns[i]->entry.unknown = true;
	free(called);
}

enum ddl_status irql_solve(struct irql_program *p)
{
	struct tarjan t;
	unsigned i;

	if (irql_link(p) != DDL_OK)
		return DDL_ERR_NOMEM;
	memset(&t, 0, sizeof(t));
	t.p = p;
	t.st = DDL_OK;
	t.stack = malloc((p->n_fns + 1) * sizeof(*t.stack));
	if (!t.stack)
		return DDL_ERR_NOMEM;
	for (i = 0; i < p->n_fns; i++) {
		p->fns[i]->idx = -1;
		p->fns[i]->on_stack = false;
	}
	for (i = 0; i < p->n_fns && t.st == DDL_OK; i++)
		if (p->fns[i]->idx < 0)
			strongconnect(&t, i);
	free(t.stack);
	if (t.st != DDL_OK)
		return t.st;
	compute_entries(p);
	return p->nomem ? DDL_ERR_NOMEM : DDL_OK;
}
