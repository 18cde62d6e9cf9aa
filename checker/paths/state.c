/* state.c - the abstract state of the path engine and the dataflow client.
 *
 * A program point holds a set of at most PATHS_MAX_SUBSTATES sub-states. Each
 * sub-state stands for a class of paths: the resources they hold (records:
 * what acquired it, under which key, NONE / MAYBE / HELD / RELEASED) and the
 * integer facts they agree on (flag variables, status values). Sub-states
 * that become equal are one; sub-states are only merged when the bound is
 * hit, and a merge that loses a correlation marks the record LOSSY, which
 * silences every report about it: a merged state must never produce a
 * finding that no single path has.
 *
 * Path sensitivity lives in the edges: a NULL test of the variable holding a
 * result, NT_SUCCESS of the status an acquisition returned, a flag compared
 * with a constant. An edge that contradicts a sub-state drops it (the path
 * is infeasible); one that decides a MAYBE makes it HELD or NONE.
 *
 * Sub-states are shared between program points copy-on-write (refcounts), so
 * a block that changes nothing costs no memory. PATHS_MAX_LIVE bounds them.
 */
#include "paths_impl.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct sub *sub_new(struct pfunc *f)
{
	struct sub *s;

	if (f->live >= PATHS_MAX_LIVE) {
		f->gave_up = true;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		f->nomem = f->gave_up = true;
		return NULL;
	}
	s->refs = 1;
	f->live++;
	return s;
}

struct sub *sub_own(struct pfunc *f, struct sub *s)
{
	struct sub *n;

	if (s->refs == 1)
		return s;
	if (f->live >= PATHS_MAX_LIVE) {
		f->gave_up = true;
		return s; /* keep working on the shared one: the results are discarded */
	}
	n = malloc(sizeof(*n));
	if (!n) {
		f->nomem = f->gave_up = true;
		return s;
	}
	memcpy(n, s, sizeof(*n));
	n->refs = 1;
	s->refs--;
	f->live++;
	return n;
}

void sub_unref(struct pfunc *f, struct sub *s)
{
	if (s && --s->refs == 0) {
		free(s);
		f->live--;
	}
}

/* Records are kept sorted by (key, kind) so that equal sets compare equal. */
static int rec_cmp(pkey ka, const char *kinda, pkey kb, const char *kindb)
{
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (kinda == kindb)
		return 0;
	if (!kinda || !kindb)
		return kinda ? 1 : -1;
	return strcmp(kinda, kindb);
}

struct rec *sub_find(struct sub *s, pkey key, const char *kind)
{
	unsigned i;

	for (i = 0; i < s->n_rec; i++)
		if (s->rec[i].key == key && (!kind || (s->rec[i].kind && strcmp(s->rec[i].kind, kind) == 0)))
			return &s->rec[i];
	return NULL;
}

struct rec *sub_add(struct pfunc *f, struct sub *s, pkey key, const char *kind)
{
	unsigned i;

	(void)f;
	if (s->n_rec >= PATHS_MAX_RECORDS || !key)
		return NULL;
	for (i = s->n_rec; i > 0 && rec_cmp(s->rec[i - 1].key, s->rec[i - 1].kind, key, kind) > 0; i--)
		s->rec[i] = s->rec[i - 1];
	memset(&s->rec[i], 0, sizeof(s->rec[i]));
	s->rec[i].key = key;
	s->rec[i].kind = kind;
	s->n_rec++;
	return &s->rec[i];
}

/* Restore the (key, kind) order after a caller changed a record's key. */
void sub_sort(struct sub *s)
{
	unsigned i, j;

	for (i = 1; i < s->n_rec; i++)
		for (j = i; j > 0 && rec_cmp(s->rec[j - 1].key, s->rec[j - 1].kind, s->rec[j].key, s->rec[j].kind) > 0;
		     j--) {
			struct rec t = s->rec[j];

			s->rec[j] = s->rec[j - 1];
			s->rec[j - 1] = t;
		}
}

void sub_remove(struct sub *s, struct rec *r)
{
	unsigned i = (unsigned)(r - s->rec);

	if (i >= s->n_rec)
		return;
	memmove(&s->rec[i], &s->rec[i + 1], (s->n_rec - i - 1) * sizeof(*r));
	s->n_rec--;
}

bool sub_escaped(const struct sub *s, pkey root)
{
	unsigned i;

	if (s->esc_all)
		return true;
	for (i = 0; i < s->n_esc; i++)
		if (s->esc[i] == root)
			return true;
	return false;
}

void sub_unescape(struct sub *s, pkey root)
{
	unsigned i;

	for (i = 0; i < s->n_esc; i++)
		if (s->esc[i] == root) {
			memmove(&s->esc[i], &s->esc[i + 1], (s->n_esc - i - 1) * sizeof(s->esc[0]));
			s->n_esc--;
			return;
		}
}

static void remember_escape(struct sub *s, pkey root)
{
	unsigned i;

	if (sub_escaped(s, root))
		return;
	if (s->n_esc == PATHS_MAX_ESCAPED) {
		s->esc_all = true;
		return;
	}
	for (i = s->n_esc; i > 0 && s->esc[i - 1] > root; i--)
		s->esc[i] = s->esc[i - 1];
	s->esc[i] = root;
	s->n_esc++;
}

/* ROOT (a variable) is handed on: whatever is held through it is someone
 * else's now. Locks (held by the routine, not by a value) stay unless
 * LOCKS_TOO (the lock itself was handed on). */
void sub_escape_root(struct pfunc *f, struct sub *s, pkey root, bool locks_too)
{
	unsigned i;

	if (!root)
		return;
	if (f->keys.k[root].watch_escape || f->keys.k[root].kind == ROOT_PARAM)
		remember_escape(s, root);
	for (i = 0; i < s->n_rec;) {
		struct rec *r = &s->rec[i];

		if ((key_root(&f->keys, r->key) == root || (r->tie && key_root(&f->keys, r->tie) == root)) &&
		    (locks_too || !r->acq || r->acq->owner != KB_OWNER_FUNCTION)) {
			sub_remove(s, r);
			continue;
		}
		i++;
	}
}

struct fact *sub_fact(struct sub *s, pkey var)
{
	unsigned i;

	for (i = 0; i < s->n_fact; i++)
		if (s->fact[i].var == var)
			return &s->fact[i];
	return NULL;
}

void sub_set_fact_ex(struct sub *s, pkey var, long long lo, long long hi, bool has_ex, long long ex)
{
	struct fact *fa = sub_fact(s, var);
	unsigned i;

	if (!fa) {
		if (s->n_fact == PATHS_MAX_FACTS)
			return; /* not remembered: the variable is simply unknown */
		for (i = s->n_fact; i > 0 && s->fact[i - 1].var > var; i--)
			s->fact[i] = s->fact[i - 1];
		fa = &s->fact[i];
		fa->var = var;
		s->n_fact++;
	}
	fa->lo = lo;
	fa->hi = hi;
	fa->has_ex = has_ex;
	fa->ex = has_ex ? ex : 0;
}

void sub_set_fact(struct sub *s, pkey var, long long lo, long long hi)
{
	sub_set_fact_ex(s, var, lo, hi, false, 0);
}

void sub_forget_fact(struct sub *s, pkey var)
{
	struct fact *fa = sub_fact(s, var);

	if (fa) {
		unsigned i = (unsigned)(fa - s->fact);

		memmove(&s->fact[i], &s->fact[i + 1], (s->n_fact - i - 1) * sizeof(*fa));
		s->n_fact--;
	}
}

void sub_step(struct sub *s, unsigned site)
{
	if (!site)
		return;
	if (s->n_trail == PATHS_MAX_TRAIL) {
		memmove(&s->trail[0], &s->trail[1], (PATHS_MAX_TRAIL - 1) * sizeof(s->trail[0]));
		s->n_trail--;
	}
	s->seq++;
	s->trail[s->n_trail].site = (unsigned short)site;
	s->trail[s->n_trail].seq = s->seq;
	s->n_trail++;
}

static bool rec_equal(const struct rec *a, const struct rec *b)
{
	return a->acq == b->acq && a->kind == b->kind && a->key == b->key && a->guard == b->guard && a->tie == b->tie &&
	       a->site == b->site && a->state == b->state && a->flags == b->flags;
}

bool sub_equal(const struct sub *a, const struct sub *b)
{
	unsigned i;

	if (a == b)
		return true;
	if (a->n_rec != b->n_rec || a->n_fact != b->n_fact || a->n_esc != b->n_esc || a->esc_all != b->esc_all ||
	    a->excepting != b->excepting || a->ret != b->ret || a->ret_acq != b->ret_acq || a->ret_state != b->ret_state ||
	    a->pend_hash != b->pend_hash || a->pend_key != b->pend_key)
		return false;
	for (i = 0; i < a->n_rec; i++)
		if (!rec_equal(&a->rec[i], &b->rec[i]))
			return false;
	for (i = 0; i < a->n_fact; i++)
		if (a->fact[i].var != b->fact[i].var || a->fact[i].lo != b->fact[i].lo || a->fact[i].hi != b->fact[i].hi ||
		    a->fact[i].has_ex != b->fact[i].has_ex || a->fact[i].ex != b->fact[i].ex)
			return false;
	for (i = 0; i < a->n_esc; i++)
		if (a->esc[i] != b->esc[i])
			return false;
	return true;
}

/* ---- merging (only when the bound is hit) ------------------------------------ */

static unsigned distance(const struct sub *a, const struct sub *b)
{
	unsigned i, d = 0;

	for (i = 0; i < a->n_rec; i++) {
		const struct rec *o = sub_find((struct sub *)b, a->rec[i].key, a->rec[i].kind);

		d += !o ? 2 : !rec_equal(&a->rec[i], o);
	}
	d += b->n_rec > a->n_rec ? b->n_rec - a->n_rec : 0;
	d += a->n_fact != b->n_fact;
	return d;
}

static unsigned char join_state(struct rec *r, const struct rec *o, bool *drop)
{
	unsigned a = r->state, b = o->state;

	*drop = false;
	if (a == b)
		return (unsigned char)a;
	if (a == R_RELEASED || b == R_RELEASED) {
		*drop = true;
		return (unsigned char)a;
	}
	if ((a == R_HELD && b == R_NONE) || (a == R_NONE && b == R_HELD))
		r->flags |= RF_LOSSY;
	return R_MAYBE;
}

/* A new sub-state covering both A and B. */
static struct sub *merge(struct pfunc *f, const struct sub *a, const struct sub *b)
{
	struct sub *m = sub_new(f);
	unsigned i, j;

	if (!m)
		return NULL;
	m->seq = a->seq;
	m->n_trail = a->n_trail;
	memcpy(m->trail, a->trail, sizeof(m->trail));
	m->exit_site = a->exit_site;
	for (i = 0; i < a->n_rec; i++) {
		const struct rec *o = sub_find((struct sub *)b, a->rec[i].key, a->rec[i].kind);
		struct rec r = a->rec[i];
		bool drop;

		if (!o)
			continue; /* untracked on B's paths: unknown */
		r.state = join_state(&r, o, &drop);
		if (drop)
			continue;
		r.flags = (unsigned short)(((a->rec[i].flags | o->flags) & (RF_LOSSY | RF_TESTED | RF_NULL_FAIL | RF_RAISE_FAIL)) |
					  (a->rec[i].flags & o->flags & (RF_NULL_KNOWN | RF_FREED | RF_UNHELD | RF_RAISED)) |
					  ((a->rec[i].flags | o->flags) & RF_HANDED) |
					  (r.flags & RF_LOSSY));
		if (r.site != o->site || r.acq != o->acq)
			r.flags |= RF_LOSSY;
		if (r.tie != o->tie)
			r.tie = 0;
		if (r.guard != o->guard) {
			r.guard = 0;
			if (r.state == R_MAYBE)
				r.flags |= RF_LOSSY;
		}
		m->rec[m->n_rec++] = r;
	}
	for (i = 0; i < a->n_fact; i++) {
		const struct fact *o = sub_fact((struct sub *)b, a->fact[i].var);

		if (o)
			sub_set_fact_ex(m, a->fact[i].var, a->fact[i].lo < o->lo ? a->fact[i].lo : o->lo,
					a->fact[i].hi > o->hi ? a->fact[i].hi : o->hi,
					a->fact[i].has_ex && o->has_ex && a->fact[i].ex == o->ex, a->fact[i].ex);
	}
	m->esc_all = a->esc_all || b->esc_all;
	m->excepting = a->excepting || b->excepting;
	for (i = 0; i < a->n_esc; i++)
		remember_escape(m, a->esc[i]);
	for (j = 0; j < b->n_esc; j++)
		remember_escape(m, b->esc[j]);
	if (a->ret == b->ret && a->ret_acq == b->ret_acq && a->ret_state == b->ret_state) {
		m->ret = a->ret;
		m->ret_acq = a->ret_acq;
		m->ret_state = a->ret_state;
		m->ret_site = a->ret_site;
	} else if (a->ret != RET_NONE || b->ret != RET_NONE) {
		m->ret = RET_OTHER;
	}
	if (a->pend_hash == b->pend_hash && a->pend_key == b->pend_key) {
		m->pend_hash = a->pend_hash;
		m->pend_key = a->pend_key;
	}
	return m;
}

bool pset_add(struct pfunc *f, struct pset *set, struct sub *s)
{
	unsigned i, j, bi = 0, bj = 0, best = UINT_MAX;
	struct sub *all[PATHS_MAX_SUBSTATES + 1], *m;

	if (!s)
		return false;
	for (i = 0; i < set->n; i++)
		if (sub_equal(set->s[i], s))
			return false;
	s->refs++;
	if (set->n < PATHS_MAX_SUBSTATES) {
		set->s[set->n++] = s;
		return true;
	}
	/* Full: merge the two closest of the N + 1. */
	memcpy(all, set->s, set->n * sizeof(*all));
	all[set->n] = s;
	for (i = 0; i <= set->n; i++)
		for (j = i + 1; j <= set->n; j++) {
			unsigned d = distance(all[i], all[j]);

			if (d < best) {
				best = d;
				bi = i;
				bj = j;
			}
		}
	m = merge(f, all[bi], all[bj]);
	if (!m) {
		sub_unref(f, s);
		return false;
	}
	sub_unref(f, all[bi]);
	sub_unref(f, all[bj]);
	for (i = 0, j = 0; i <= set->n; i++)
		if (i != bi && i != bj)
			all[j++] = all[i];
	all[j++] = m;
	set->n = j;
	memcpy(set->s, all, j * sizeof(*all));
	return true;
}

/* ---- the dataflow client --------------------------------------------------------- */

static void cl_init(void *user, void *state)
{
	struct pfunc *f = user;
	struct pset *st = state;

	st->n = 0;
	st->s[0] = sub_new(f);
	if (st->s[0])
		st->n = 1;
	/* A function of the file that others call: follow whether its pointer
	 * parameters are used as not NULL before any test (summary: derefs). */
	if (st->n && f->file->fns[f->index].called) {
		unsigned i, n = 0;

		for (i = 0; i < f->n_params && i < 32 && n < PATHS_MAX_PARAM_RECS; i++) {
			struct rec *r;

			if (!f->params[i] || !f->keys.k[f->params[i]].is_ptr)
				continue;
			r = sub_add(f, st->s[0], f->params[i], paths_param_kind);
			if (r) {
				r->state = R_MAYBE;
				r->flags = RF_PARAM;
				n++;
			}
		}
	}
}

const char paths_param_kind[] = "parameter";

static void cl_bottom(void *user, void *state)
{
	(void)user;
	((struct pset *)state)->n = 0;
}

static void cl_copy(void *user, void *dst, const void *src)
{
	const struct pset *a = src;
	unsigned i;

	(void)user;
	memcpy(dst, src, sizeof(struct pset));
	for (i = 0; i < a->n; i++)
		a->s[i]->refs++;
}

static void cl_destroy(void *user, void *state)
{
	struct pset *st = state;
	unsigned i;

	for (i = 0; i < st->n; i++)
		sub_unref(user, st->s[i]);
	st->n = 0;
}

static bool cl_join(void *user, void *dst, const void *src)
{
	const struct pset *b = src;
	bool changed = false;
	unsigned i;

	for (i = 0; i < b->n; i++)
		changed |= pset_add(user, dst, b->s[i]);
	return changed;
}

static void cl_transfer(void *user, void *state, const struct cfg *cfg, unsigned block, const struct cfg_elem *elem)
{
	(void)cfg;
	transfer_elem(user, state, block, elem);
}

static bool cl_edge(void *user, void *state, const struct cfg_edge *edge)
{
	return state_edge(user, state, edge);
}

/* Does every sub-state of ST say the same about VAR (or nothing)? */
static bool fact_agrees(const struct pset *st, pkey var)
{
	const struct fact *first = NULL;
	unsigned i;
	bool seen = false;

	for (i = 0; i < st->n; i++) {
		const struct fact *fa = sub_fact(st->s[i], var);

		if (!seen) {
			first = fa;
			seen = true;
		} else if ((fa == NULL) != (first == NULL) ||
			   (fa && (fa->lo != first->lo || fa->hi != first->hi || fa->has_ex != first->has_ex ||
				   fa->ex != first->ex))) {
			return false;
		}
	}
	return true;
}

/* Loops: forget the integer facts that vary (a counter, a length set on
 * each iteration, any range), so that the loop head settles; a flag every
 * path agrees on stays. What was held under a forgotten fact may have
 * depended on it: it is LOSSY from here on. */
static void cl_widen(void *user, void *state)
{
	struct pfunc *f = user;
	struct pset *st = state, out;
	pkey drop[PATHS_MAX_SUBSTATES * PATHS_MAX_FACTS];
	unsigned n_drop = 0, i, j, k;

	for (i = 0; i < st->n; i++)
		for (j = 0; j < st->s[i]->n_fact; j++) {
			const struct fact *fa = &st->s[i]->fact[j];
			bool dup = false;

			for (k = 0; k < n_drop && !dup; k++)
				dup = drop[k] == fa->var;
			if (!dup && (fa->lo != fa->hi || !fact_agrees(st, fa->var)))
				drop[n_drop++] = fa->var;
		}
	out.n = 0;
	for (i = 0; i < st->n; i++) {
		struct sub *s = st->s[i];
		bool any = false;

		for (k = 0; k < n_drop && !any; k++)
			any = sub_fact(s, drop[k]) != NULL;
		if (any) {
			s = sub_own(f, s);
			for (k = 0; k < n_drop; k++)
				sub_forget_fact(s, drop[k]);
			for (j = 0; j < s->n_rec; j++)
				if (s->rec[j].state == R_HELD || s->rec[j].state == R_MAYBE)
					s->rec[j].flags |= RF_LOSSY;
			st->s[i] = s;
		}
		pset_add(f, &out, s);
		sub_unref(f, s);
	}
	*st = out;
}

void state_client(struct pfunc *f, struct df_client *cl)
{
	memset(cl, 0, sizeof(*cl));
	cl->state_size = sizeof(struct pset);
	cl->user = f;
	cl->init = cl_init;
	cl->bottom = cl_bottom;
	cl->join = cl_join;
	cl->transfer = cl_transfer;
	cl->edge = cl_edge;
	cl->widen = cl_widen;
	cl->destroy = cl_destroy;
	cl->copy = cl_copy;
}

/* ---- edges -------------------------------------------------------------------------- */

/* What a test outcome says about the status an acquisition returned:
 * 1 success, 0 failure, -1 nothing. */
static int guard_outcome(const struct rec *r, const struct cond_test *t, bool holds)
{
	enum kb_fails fails = r->acq ? r->acq->fails : KB_FAILS_NEVER;

	if (fails == KB_FAILS_NT_ERROR) {
		if (t->kind == TEST_NTSUCC)
			return holds;
		if (t->kind == TEST_EQ && t->value == 0)
			return holds; /* == STATUS_SUCCESS; anything else counts as failure */
		if (t->kind == TEST_TRUTH && !holds)
			return 1;     /* status == 0 */
		return -1;
	}
	if (fails == KB_FAILS_FALSE) {
		if (t->kind == TEST_TRUTH)
			return holds;
		if (t->kind == TEST_EQ && t->value == 0)
			return !holds;
		if (t->kind == TEST_EQ && t->value == 1)
			return holds;
	}
	return -1;
}

static bool refine_fact(struct sub *s, pkey var, const struct cond_test *t, bool holds)
{
	struct fact *fa = sub_fact(s, var);
	long long lo = LLONG_MIN, hi = LLONG_MAX, ex = 0;
	bool has_ex = false;

	if (fa)
		lo = fa->lo, hi = fa->hi, has_ex = fa->has_ex, ex = fa->ex;
	switch (t->kind) {
	case TEST_TRUTH:
	case TEST_NULL: {
		bool nonzero = t->kind == TEST_TRUTH ? holds : !holds;

		if (nonzero) {
			has_ex = true;
			ex = 0;
		} else {
			if (lo > 0 || hi < 0 || (has_ex && ex == 0))
				return false;
			lo = hi = 0;
		}
		break;
	}
	case TEST_EQ:
		if (holds) {
			if (t->value < lo || t->value > hi || (has_ex && ex == t->value))
				return false;
			lo = hi = t->value;
		} else {
			has_ex = true;
			ex = t->value;
		}
		break;
	case TEST_LT:
		if (holds) {
			if (t->value == LLONG_MIN)
				return false;
			if (hi > t->value - 1)
				hi = t->value - 1;
		} else if (lo < t->value) {
			lo = t->value;
		}
		break;
	case TEST_GT:
		if (holds) {
			if (t->value == LLONG_MAX)
				return false;
			if (lo < t->value + 1)
				lo = t->value + 1;
		} else if (hi > t->value) {
			hi = t->value;
		}
		break;
	case TEST_NTSUCC:
		if (holds) {
			if (lo < 0)
				lo = 0;
		} else if (hi > -1) {
			hi = -1;
		}
		break;
	default:
		return true;
	}
	if (has_ex && ex == lo && lo != LLONG_MAX)
		lo++, has_ex = false;
	else if (has_ex && ex == hi && hi != LLONG_MIN)
		hi--, has_ex = false;
	else if (has_ex && (ex < lo || ex > hi))
		has_ex = false;
	if (lo > hi)
		return false;
	if (lo != LLONG_MIN || hi != LLONG_MAX || has_ex)
		sub_set_fact_ex(s, var, lo, hi, has_ex, ex);
	return true;
}

/* Refine S along a branch where T holds (HOLDS) or not. False: infeasible. */
static bool refine(struct pfunc *f, struct sub *s, const struct cond_test *t, bool holds)
{
	const struct key_info *ki = t->subject < f->keys.n ? &f->keys.k[t->subject] : NULL;
	unsigned i;

	if (t->kind == TEST_ABNORMAL)
		/* Normal flow never sees it true; after an exception edge, either. */
		return s->excepting || !holds;
	for (i = 0; i < s->n_rec; i++) {
		struct rec *r = &s->rec[i];

		if (t->kind == TEST_ADDR && r->key == t->subject && holds && r->acq &&
		    r->acq->resource.where == KB_RES_RETURN && (r->state == R_HELD || r->state == R_MAYBE) &&
		    !(r->flags & RF_LOSSY))
			return false; /* an allocation is not the address of another object */

		if ((r->flags & RF_PARAM) && r->key == t->subject && t->subject_pointer &&
		    (t->kind == TEST_NULL || t->kind == TEST_TRUTH)) {
			/* tested: what NULL does here is the function's own business */
			sub_remove(s, r);
			i--;
			continue;
		}
		if ((r->key == t->subject || ((r->flags & RF_HANDED) && r->tie == t->subject)) && t->subject_pointer &&
		    (t->kind == TEST_NULL || t->kind == TEST_TRUTH)) {
			bool is_null = t->kind == TEST_NULL ? holds : !holds;

			if (r->state == R_RELEASED)
				continue;
			if (is_null) {
				if (r->state == R_NONE && (r->flags & RF_NULL_KNOWN))
					continue;
				if (r->state == R_HELD && r->acq && r->acq->fails == KB_FAILS_NULL &&
				    r->acq->resource.where == KB_RES_RETURN && !(r->flags & RF_LOSSY))
					return false; /* tested, or used, as not NULL already */
				/* The test proved it NULL: releasing it now is an error,
				 * so no RF_TESTED (that is for NONE of unknown value). */
				r->state = R_NONE;
				r->flags = (unsigned short)((r->flags & ~(RF_LOSSY | RF_NULL_FAIL | RF_UNHELD | RF_RAISED |
									 RF_TESTED)) |
							   RF_NULL_KNOWN);
			} else if (r->state == R_NONE) {
				if ((r->flags & RF_NULL_KNOWN) && !(r->flags & RF_LOSSY))
					return false;
				r->flags |= RF_TESTED;
			} else if (r->state == R_MAYBE && (r->flags & RF_NULL_FAIL)) {
				if (r->flags & RF_HANDED) {
					/* not NULL: nothing more to follow about it */
					sub_remove(s, r);
					i--;
					continue;
				}
				r->state = R_HELD;
				r->flags &= (unsigned short)~(RF_LOSSY | RF_NULL_FAIL);
			}
		}
		if (r->guard && r->guard == t->subject) {
			int ok = guard_outcome(r, t, holds);

			if (ok < 0 || r->state == R_RELEASED)
				continue;
			if (ok) {
				if (r->state == R_NONE && !(r->flags & RF_LOSSY))
					return false;
				if (r->state == R_MAYBE)
					r->state = R_HELD;
			} else {
				if (r->state == R_HELD && !(r->flags & RF_LOSSY))
					return false;
				r->state = R_NONE;
				r->flags &= (unsigned short)~(RF_NULL_FAIL | RF_NULL_KNOWN | RF_TESTED);
			}
			r->flags &= (unsigned short)~RF_LOSSY;
		}
	}
	if (ki && ki->is_root && ki->tested && (ki->is_int || (ki->is_ptr && (t->kind == TEST_TRUTH || t->kind == TEST_NULL))))
		return refine_fact(s, t->subject, t, holds);
	return true;
}

bool state_assume(struct pfunc *f, struct sub *s, CXCursor cond)
{
	struct cond_test t;

	px_cond_test(f, cond, &t);
	if (t.kind == TEST_NONE || t.kind == TEST_ABNORMAL)
		return true;
	return refine(f, s, &t, !t.negate);
}

bool state_assume_outcome(struct pfunc *f, struct sub *s, CXCursor cond, bool holds)
{
	struct cond_test t;

	px_cond_test(f, cond, &t);
	if (t.kind == TEST_NONE || t.kind == TEST_ABNORMAL)
		return true;
	return refine(f, s, &t, holds != t.negate);
}

bool sub_same_records(const struct sub *a, const struct sub *b)
{
	unsigned i;

	if (a->n_rec != b->n_rec)
		return false;
	for (i = 0; i < a->n_rec; i++)
		if (!rec_equal(&a->rec[i], &b->rec[i]))
			return false;
	return true;
}

/* The block an edge leaves (edges live in their block's succs array). */
static unsigned edge_source(struct pfunc *f, const struct cfg_edge *e, unsigned *index)
{
	unsigned lo = 0, hi = f->n_edges;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (f->edge_ptr[mid] == e) {
			*index = mid;
			return f->edge_src[mid];
		}
		if ((const void *)f->edge_ptr[mid] < (const void *)e)
			lo = mid + 1;
		else
			hi = mid;
	}
	*index = (unsigned)-1;
	return (unsigned)-1;
}

static unsigned branch_site(struct pfunc *f, const struct cfg_edge *e, unsigned src)
{
	unsigned idx, site;
	CXCursor at = e->cond;
	unsigned detail = (unsigned)e->kind;

	edge_source(f, e, &idx);
	if (idx != (unsigned)-1 && f->edge_site[idx])
		return f->edge_site[idx];
	if (e->kind == CFG_EDGE_EXCEPTION) {
		const struct cfg_block *b = &f->cfg->blocks[e->to];

		if (b->n_elems)
			at = b->elems[0].cursor;
		else if (src != (unsigned)-1 && f->cfg->blocks[src].n_elems)
			at = f->cfg->blocks[src].elems[f->cfg->blocks[src].n_elems - 1].cursor;
		else
			return 0;
	}
	if (clang_Cursor_isNull(at))
		return 0;
	if (e->kind == CFG_EDGE_CASE)
		detail = 16u + (e->is_default ? 0u : 1u + (unsigned)(e->case_value & 0xffff));
	site = site_add(f, SITE_BRANCH, at, detail);
	if (site && idx != (unsigned)-1)
		f->edge_site[idx] = (unsigned short)site;
	return site;
}

/* An exception left the __try that holds block SRC: what was acquired in
 * it may or may not have happened. A call that fails by raising and is the
 * last statement of the __try raised if anything did: nothing is held. */
static void exception_refine(struct pfunc *f, struct sub *s, unsigned src)
{
	const struct cfg_block *b = src != (unsigned)-1 ? &f->cfg->blocks[src] : NULL;
	unsigned at = b && b->n_elems ? px_offset(f, b->elems[0].cursor) : 0, i;
	const struct ptry *t = NULL;

	for (i = 0; i < f->n_tries; i++)
		if (at >= f->tries[i].body_begin && at < f->tries[i].body_end &&
		    (!t || f->tries[i].body_begin >= t->body_begin))
			t = &f->tries[i];
	for (i = 0; i < s->n_rec;) {
		struct rec *r = &s->rec[i];
		unsigned off = r->site ? site_get(f, r->site)->offset : 0;

		if (!t || off < t->body_begin || off >= t->body_end || r->state == R_RELEASED) {
			if (!t && (r->flags & RF_RAISE_FAIL) && r->state != R_RELEASED) {
				sub_remove(s, r);
				continue;
			}
			i++;
			continue;
		}
		if ((r->flags & RF_RAISE_FAIL) && off >= t->last_begin && off < t->last_end) {
			r->state = R_NONE;
			r->flags = (unsigned short)((r->flags & ~(RF_NULL_FAIL | RF_NULL_KNOWN | RF_TESTED | RF_LOSSY)) | RF_RAISED);
			i++;
			continue;
		}
		sub_remove(s, r);
	}
}

/* Is TO outside the loop headed by HEAD? (The loop's blocks are the ones
 * marked with HEAD's membership when loops were found: see paths.c.) */
static bool leaves_loop(struct pfunc *f, unsigned head, unsigned to)
{
	const pkey *k = f->loop_released[head];

	/* the list is the released keys, then 0, then the member blocks + 1, then 0 */
	while (*k)
		k++;
	for (k++; *k; k++)
		if ((unsigned)(*k - 1) == to)
			return false;
	return true;
}

static bool no_default(struct pfunc *f, CXCursor cond)
{
	unsigned off = px_offset(f, cond), lo = 0, hi = f->n_nodefault_offs;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (f->nodefault_offs[mid] == off)
			return true;
		if (f->nodefault_offs[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool state_edge(struct pfunc *f, struct pset *st, const struct cfg_edge *e)
{
	struct cond_test t;
	struct pset out;
	unsigned i, src = (unsigned)-1, idx, site;
	bool holds = false, leaving;

	if (f->gave_up || st->n == 0)
		return st->n > 0;
	if (e->kind == CFG_EDGE_NORMAL)
		return true;
	memset(&t, 0, sizeof(t));
	src = edge_source(f, e, &idx);
	if (e->kind == CFG_EDGE_TRUE || e->kind == CFG_EDGE_FALSE) {
		/* the condition's reading is the same on every visit */
		if (idx != (unsigned)-1 && f->edge_tested[idx]) {
			t = f->edge_test[idx];
		} else {
			px_cond_test(f, e->cond, &t);
			if (idx != (unsigned)-1) {
				f->edge_test[idx] = t;
				f->edge_tested[idx] = true;
			}
		}
		holds = (e->kind == CFG_EDGE_TRUE) != t.negate;
	} else if (e->kind == CFG_EDGE_CASE && !e->is_default) {
		t.subject = px_key(f, e->cond);
		t.kind = t.subject ? TEST_GT : TEST_NONE;
	}
	site = branch_site(f, e, src);
	leaving = src != (unsigned)-1 && f->loop_released && f->loop_released[src] &&
		  (e->kind == CFG_EDGE_TRUE || e->kind == CFG_EDGE_FALSE) && leaves_loop(f, src, e->to);
	out.n = 0;
	for (i = 0; i < st->n; i++) {
		struct sub *s = sub_own(f, st->s[i]);
		bool ok = true;

		st->s[i] = s;
		if (e->kind == CFG_EDGE_EXCEPTION) {
			s->excepting = true;
			exception_refine(f, s, src);
		} else if (e->kind == CFG_EDGE_CASE && e->is_default && no_default(f, e->cond)) {
			/* No case matched a switch that has no default: often a value
			 * the routine is never given (a dispatch routine's other major
			 * functions). What is held here is not reported. */
			unsigned k;

			for (k = 0; k < s->n_rec; k++)
				if (s->rec[k].state == R_HELD || s->rec[k].state == R_MAYBE)
					s->rec[k].flags |= RF_LOSSY;
		} else if (e->kind == CFG_EDGE_CASE && t.subject) {
			/* case LO ... HI: LO <= x <= HI */
			struct cond_test lt = t;

			lt.kind = TEST_GT;
			lt.value = e->case_value - 1;
			ok = e->case_value == LLONG_MIN || refine(f, s, &lt, true);
			lt.kind = TEST_LT;
			lt.value = e->case_high + 1;
			ok = ok && (e->case_high == LLONG_MAX || refine(f, s, &lt, true));
		} else if (t.kind != TEST_NONE) {
			ok = refine(f, s, &t, holds);
		}
		if (ok && leaving) {
			/* Leaving a loop whose body releases these: the engine cannot
			 * tell whether the loop could have run zero times (authors know
			 * it runs at least once), so what it would release is not
			 * reported from here on. */
			const pkey *k;
			unsigned j;

			for (k = f->loop_released[src]; *k; k++)
				for (j = 0; j < s->n_rec; j++)
					if (s->rec[j].key == *k && (s->rec[j].state == R_HELD || s->rec[j].state == R_MAYBE))
						s->rec[j].flags |= RF_LOSSY;
		}
		if (ok) {
			sub_step(s, site);
			pset_add(f, &out, s);
		}
		sub_unref(f, s);
	}
	*st = out;
	return st->n > 0;
}
