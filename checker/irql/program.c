/* program.c - the program: the functions of every analysed unit, linked.
 *
 * irql_program_add takes one unit's extraction (under the program's lock:
 * phase 1 may run on several threads). irql_link, before solving, links each
 * call to the function it calls (a static function within its unit; an
 * external one by name, preferring the caller's unit when two files define
 * the same name, and none when the name stays ambiguous), gives registered
 * routines their roles (a registration in dpc.c gives MyDpc in isr.c its
 * role; a helper that stores its parameter into MajorFunction passes the
 * role on to its callers' arguments), and marks the functions whose address
 * is taken. Slots (the places that hold a saved IRQL) are interned here too.
 */
#include "irql_impl.h"
#include "extract.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int16_t irql_fn_slot(struct irql_fn *fn, const char *key, uint8_t scope, uint8_t param)
{
	unsigned k;

	for (k = 0; k < fn->n_slots; k++)
		if (strcmp(fn->slots[k].key, key) == 0)
			return (int16_t)k;
	if (fn->n_slots >= IRQL_MAX_SLOTS)
		return SLOT_UNTRACKED;
	if (fn->n_slots == fn->cap_slots) {
		unsigned ncap = fn->cap_slots ? fn->cap_slots * 2 : 4;
		struct irql_slotdef *ns = realloc(fn->slots, ncap * sizeof(*ns));

		if (!ns)
			return SLOT_UNTRACKED;
		fn->slots = ns;
		fn->cap_slots = ncap;
	}
	fn->slots[fn->n_slots].key = irql_ar_strdup(&fn->ar, key);
	if (!fn->slots[fn->n_slots].key)
		return SLOT_UNTRACKED;
	fn->slots[fn->n_slots].scope = scope;
	fn->slots[fn->n_slots].param = param;
	return (int16_t)fn->n_slots++;
}

int16_t irql_fn_intern_key(struct irql_fn *fn, const char *key)
{
	char base[128];
	unsigned i;

	if (!key || !irql_key_base(key, base, sizeof(base)))
		return SLOT_UNTRACKED;
	if (base[0] == '$') {
		int p = atoi(base + 1);

		return p > 0 && p <= 255 ? irql_fn_slot(fn, key, SCOPE_PARAM, (uint8_t)p) : SLOT_UNTRACKED;
	}
	for (i = 0; i < fn->n_params; i++)
		if (fn->params[i] && strcmp(fn->params[i], base) == 0) {
			char dollar[16];
			char *k;

			snprintf(dollar, sizeof(dollar), "$%u", i + 1);
			k = irql_key_rebase(&fn->ar, key, dollar);
			return k ? irql_fn_slot(fn, k, SCOPE_PARAM, (uint8_t)(i + 1)) : SLOT_UNTRACKED;
		}
	for (i = 0; i < fn->n_locals; i++)
		if (strcmp(fn->locals[i], base) == 0)
			return irql_fn_slot(fn, key, SCOPE_LOCAL, 0);
	return irql_fn_slot(fn, key, SCOPE_GLOBAL, 0);
}

/* --- adding units ------------------------------------------------------------------- */
enum ddl_status irql_program_add(struct irql_program *p, struct irql_batch *b, const char *tu_path)
{
	enum ddl_status st = DDL_OK;
	unsigned i, j;
	int tu;

	pthread_mutex_lock(p->lock);
	{
		char **nt = realloc(p->tus, (p->n_tus + 1) * sizeof(*nt));

		if (!nt) {
			st = DDL_ERR_NOMEM;
			goto out;
		}
		p->tus = nt;
		nt[p->n_tus] = irql_ar_strdup(&p->ar, tu_path);
		tu = (int)p->n_tus++;
	}
	if (p->n_fns + b->n_fns > p->cap_fns) {
		unsigned ncap = (p->n_fns + b->n_fns) * 2 + 16;
		struct irql_fn **nf = realloc(p->fns, ncap * sizeof(*nf));

		if (!nf) {
			st = DDL_ERR_NOMEM;
			goto out;
		}
		p->fns = nf;
		p->cap_fns = ncap;
	}
	for (i = 0; i < b->n_fns; i++) {
		struct irql_fn *fn = b->fns[i];

		fn->tu = tu;
		for (j = 0; j < fn->n_ops; j++)
			if (fn->ops[j].kind == OP_CALL && fn->ops[j].callee_tu >= 0)
				fn->ops[j].callee_tu = tu;
		p->fns[p->n_fns++] = fn;
	}
	b->n_fns = 0;
	for (i = 0; i < b->n_regs; i++) {
		struct irql_regsite r = b->regs[i];
		struct irql_regsite *nr;

		if (p->n_regs == p->cap_regs) {
			unsigned ncap = p->cap_regs ? p->cap_regs * 2 : 16;

			nr = realloc(p->regs, ncap * sizeof(*nr));
			if (!nr) {
				st = DDL_ERR_NOMEM;
				goto out;
			}
			p->regs = nr;
			p->cap_regs = ncap;
		}
		r.target = irql_ar_strdup(&p->ar, r.target);
		r.file = irql_ar_strdup(&p->ar, r.file);
		r.by = irql_ar_strdup(&p->ar, r.by);
		r.in_fn = irql_ar_strdup(&p->ar, r.in_fn);
		r.tu = r.tu >= 0 ? tu : -1;
		p->regs[p->n_regs++] = r;
	}
	for (i = 0; i < b->n_addrs; i++) {
		struct irql_addr *na;

		if (p->n_addrs == p->cap_addrs) {
			unsigned ncap = p->cap_addrs ? p->cap_addrs * 2 : 16;

			na = realloc(p->addrs, ncap * sizeof(*na));
			if (!na) {
				st = DDL_ERR_NOMEM;
				goto out;
			}
			p->addrs = na;
			p->cap_addrs = ncap;
		}
		p->addrs[p->n_addrs].name = irql_ar_strdup(&p->ar, b->addrs[i].name);
		p->addrs[p->n_addrs].tu = b->addrs[i].tu >= 0 ? tu : -1;
		p->n_addrs++;
	}
out:
	pthread_mutex_unlock(p->lock);
	return st;
}

/* --- linking --------------------------------------------------------------------------- */
struct named {
	const char *name;
	unsigned idx;
};

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

/* The first index of P->BY_NAME whose function is called NAME, or n_fns. */
static unsigned first_named(const struct irql_program *p, const char *name)
{
	const struct named *v = p->by_name;
	unsigned lo = 0, hi = p->n_fns;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (strcmp(v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The function NAME: static in unit TU (TU >= 0), else external, preferring
 * the one in unit PREFER when several files define it. -1 if none. */
static int find_fn(const struct irql_program *p, const char *name, int tu, int prefer)
{
	unsigned k;
	int found = -1, n = 0;

	const struct named *v = p->by_name;

	for (k = first_named(p, name); k < p->n_fns && strcmp(v[k].name, name) == 0; k++) {
		unsigned i = v[k].idx;
		const struct irql_fn *f = p->fns[i];

		if (tu >= 0) {
			if (f->is_static && f->tu == tu)
				return (int)i;
			continue;
		}
		if (f->is_static)
			continue;
		if (f->tu == prefer)
			return (int)i;
		found = (int)i;
		n++;
	}
	return n == 1 ? found : -1;
}

static bool has_preg(const struct irql_fn *fn, unsigned param, const struct kb_role *role)
{
	unsigned i;

	for (i = 0; i < fn->n_pregs; i++)
		if (fn->pregs[i].param == param && fn->pregs[i].role == role)
			return true;
	return false;
}

enum ddl_status irql_link(struct irql_program *p)
{
	unsigned i, j, k;
	bool changed = true;
	unsigned rounds = 0;

	p->by_name = malloc((p->n_fns + 1) * sizeof(struct named));
	if (!p->by_name)
		return DDL_ERR_NOMEM;

	{
		struct named *v = p->by_name;

		for (i = 0; i < p->n_fns; i++) {
			v[i].name = p->fns[i]->name;
			v[i].idx = i;
		}
		qsort(v, p->n_fns, sizeof(*v), cmp_named);
	}

	for (i = 0; i < p->n_fns; i++) {
		struct irql_fn *fn = p->fns[i];

		for (j = 0; j < fn->n_ops; j++)
			if (fn->ops[j].kind == OP_CALL && fn->ops[j].name)
				fn->ops[j].callee = find_fn(p, fn->ops[j].name, fn->ops[j].callee_tu, fn->tu);
	}
	for (i = 0; i < p->n_regs; i++) {
		const struct irql_regsite *r = &p->regs[i];
		int f = find_fn(p, r->target, r->tu, r->tu);

		if (f < 0 && r->tu >= 0)
			f = find_fn(p, r->target, -1, r->tu);
		if (f >= 0)
			irql_x_add_role(p->fns[f], r->role, ROLE_REG, r->file, r->line, r->col, r->by, r->in_fn, r->field);
	}
	for (i = 0; i < p->n_addrs; i++) {
		int f = find_fn(p, p->addrs[i].name, p->addrs[i].tu, p->addrs[i].tu);

		if (f >= 0)
			p->fns[f]->address_taken = true;
	}
	/* Roles through helpers' parameters: Register(drv, MyDispatch) where
	 * Register stores its parameter into MajorFunction. */
	while (changed && rounds++ < 8) {
		changed = false;
		for (i = 0; i < p->n_fns; i++) {
			struct irql_fn *g = p->fns[i];

			for (j = 0; j < g->n_ops; j++) {
				const struct irql_op *op = &g->ops[j];
				const struct irql_fn *c;

				if (op->kind != OP_CALL || op->callee < 0)
					continue;
				c = p->fns[op->callee];
				for (k = 0; k < c->n_pregs; k++) {
					unsigned par = c->pregs[k].param, q;
					char base[128];
					int f;

					if (par > op->n_args || !op->args[par - 1] ||
					    !irql_key_base(op->args[par - 1], base, sizeof(base)))
						continue;
					for (q = 0; q < g->n_params; q++)
						if (g->params[q] && strcmp(g->params[q], base) == 0)
							break;
					if (q < g->n_params) {
						if (!has_preg(g, q + 1, c->pregs[k].role)) {
							void *np = realloc(g->pregs, (g->n_pregs + 1) * sizeof(*g->pregs));

							if (!np)
								continue;
							g->pregs = np;
							g->pregs[g->n_pregs].param = q + 1;
							g->pregs[g->n_pregs].role = c->pregs[k].role;
							g->n_pregs++;
							changed = true;
						}
						continue;
					}
					f = find_fn(p, base, g->tu, g->tu);
					if (f < 0)
						f = find_fn(p, base, -1, g->tu);
					if (f >= 0)
						irql_x_add_role(p->fns[f], c->pregs[k].role, ROLE_REG, op->file, op->line, op->col,
							 c->name, g->name, false);
				}
			}
		}
	}
	free(p->by_name);
	p->by_name = NULL;
	return DDL_OK;
}
