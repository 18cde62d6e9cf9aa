/* transfer.c - one CFG element applied to every sub-state.
 *
 * The element's expression is evaluated in C's order as far as it matters
 * here (operands before the operator, arguments before the call, the right
 * side of an assignment before the store). Evaluation yields a value: a
 * constant, the key of some storage, a fresh acquisition (a record under a
 * call's "@N" key until it is stored), or the status of an acquisition.
 * What happens to a value decides what happens to the resource:
 *   - stored into a local variable: the record takes the variable's key;
 *   - stored anywhere else (a structure, a global, through a pointer, an
 *     array), copied to another variable, returned, passed to a function of
 *     this file that hands it on, or to a function nothing is known about:
 *     it escapes, the record is dropped (someone else owns it now);
 *   - passed to a DDI: the DDI's pairs say (release, acquire, or borrow);
 *     a parameter the callee keeps (a Context) is an escape;
 *   - dereferenced, or passed where NULL is not allowed, while it may be
 *     NULL: unchecked-result; while it is freed: unmatched-release;
 *   - discarded: a leak right there.
 * Anything not understood is an escape, never a leak.
 */
#include "paths_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum vkind {
	V_UNKNOWN,
	V_CONST,
	V_KEY,
	V_ACQ,
	V_STATUS,
	V_GONE,      /* a resource the call itself handed on (IoAllocateMdl with an IRP) */
};

struct val {
	enum vkind kind;
	pkey key;          /* V_KEY: the storage; V_ACQ: the record's "@N" key; V_STATUS: the guard */
	long long c;       /* V_CONST */
	bool derived;      /* V_KEY: a value computed from KEY (p + 1), not KEY itself */
};

/* The outcomes of the tests of unsplit ?:, && and || met so far in one run
 * of an element (bit N set: decision N went the false way). */
struct choice {
	unsigned bits;
	unsigned char len;
};

#define MAX_RUNS (1u << PATHS_MAX_DECISIONS)

struct tctx {
	struct pfunc *f;
	struct sub *s;             /* may be replaced during the run (a decision refines a copy) */
	const struct cfg_elem *elem;
	unsigned elem_site;        /* a site for the element (discarded results, overwrites) */
	struct choice pre;         /* the decisions this run follows */
	struct choice cur;         /* the decisions taken so far */
	struct choice *work;       /* runs still to do (borrowed); NULL: decide nothing */
	unsigned *n_work;
	unsigned quiet;            /* > 0: in an operand whose guard was not followed: no unchecked-result */
};

static const struct val unknown_val = { V_UNKNOWN, 0, 0, false };

static struct val key_val(pkey k)
{
	struct val v = { V_KEY, k, 0, false };

	return v;
}

static bool is_pseudo(struct pfunc *f, pkey k)
{
	return k && key_text(&f->keys, k)[0] == '@';
}

static struct val eval(struct tctx *t, CXCursor c);

/* ---- escapes ------------------------------------------------------------------------ */

/* Is K the storage BASE, something inside what BASE points to or holds
 * (BASE->f, BASE.f, BASE[i]), or the address of one of those? */
static bool key_within(struct pfunc *f, pkey k, pkey base)
{
	const char *kt = key_text(&f->keys, k), *bt = key_text(&f->keys, base);
	size_t n = strlen(bt);

	if (k == base)
		return true;
	if (kt[0] == '&')
		kt++;
	return strncmp(kt, bt, n) == 0 &&
	       (kt[n] == '\0' || kt[n] == '.' || kt[n] == '[' || (kt[n] == '-' && kt[n + 1] == '>'));
}

/* Value V is handed to someone else. LOCKS_TOO: to a routine nothing is
 * known about, which may also release a lock reached through V. */
static void escape_value_locks(struct tctx *t, struct val v, bool locks_too)
{
	struct pfunc *f = t->f;
	unsigned i;

	switch (v.kind) {
	case V_ACQ:
		for (i = 0; i < t->s->n_rec;) {
			if (t->s->rec[i].key == v.key) {
				sub_remove(t->s, &t->s->rec[i]);
				continue;
			}
			i++;
		}
		break;
	case V_KEY: {
		const struct key_info *ki = &f->keys.k[v.key];
		const char *text = key_text(&f->keys, v.key);

		/* The variable itself, a pointer computed from it, or the address of
		 * (a part of) what it holds: all of it is reachable from there. */
		if (ki->is_root || v.derived || text[0] == '&') {
			sub_escape_root(f, t->s, key_root(&f->keys, v.key), locks_too);
			break;
		}
		/* A value loaded from a field (p->Fcb): whatever is reached through it. */
		for (i = 0; i < t->s->n_rec;) {
			struct rec *r = &t->s->rec[i];

			if (key_within(f, r->key, v.key) && (locks_too || !r->acq || r->acq->owner != KB_OWNER_FUNCTION)) {
				sub_remove(t->s, r);
				continue;
			}
			i++;
		}
		break;
	}
	case V_STATUS:
		for (i = 0; i < t->s->n_rec; i++)
			if (t->s->rec[i].guard == v.key) {
				t->s->rec[i].guard = 0;
				if (t->s->rec[i].state == R_MAYBE)
					t->s->rec[i].flags |= RF_LOSSY;
			}
		break;
	default:
		break;
	}
}

static void escape_value(struct tctx *t, struct val v)
{
	escape_value_locks(t, v, false);
}

/* A routine nothing is known about may release any lock held on a global. */
static void drop_global_locks(struct tctx *t)
{
	struct pfunc *f = t->f;
	unsigned i;

	for (i = 0; i < t->s->n_rec;) {
		const struct rec *r = &t->s->rec[i];
		enum root_kind rk = f->keys.k[key_root(&f->keys, r->key)].kind;

		if (r->acq && r->acq->owner == KB_OWNER_FUNCTION && (rk == ROOT_GLOBAL || rk == ROOT_PSEUDO)) {
			sub_remove(t->s, &t->s->rec[i]);
			continue;
		}
		i++;
	}
}

/* ---- uses ---------------------------------------------------------------------------- */

static unsigned elem_site(struct tctx *t, CXCursor c)
{
	return site_add(t->f, SITE_ASSIGN, c, 0);
}

/* V is used where it must not be NULL (USE says how), or after a release
 * that freed it (unless the release was of SAME_KIND: that is the release's
 * own business, a double release). Returns true when a use after free was found. */
static bool check_use(struct tctx *t, struct val v, CXCursor at, const char *use, bool freed_too,
		      const char *same_kind)
{
	struct pfunc *f = t->f;
	unsigned i;
	bool freed = false;

	if ((v.kind != V_KEY && v.kind != V_ACQ) || v.derived)
		return false;
	for (i = 0; i < t->s->n_rec; i++) {
		struct rec *r = &t->s->rec[i];

		if (r->key != v.key || (r->flags & RF_LOSSY))
			continue;
		if (r->flags & RF_PARAM) {
			if (!t->quiet)
				r->state = R_HELD; /* used before any test (summary: derefs) */
			continue;
		}
		if (r->state == R_MAYBE && (r->flags & RF_NULL_FAIL) && r->acq) {
			if (t->quiet)
				continue;
			if (f->reporting)
				report_unchecked(f, t->s, r, elem_site(t, at), use);
			/* It was not NULL, or the machine is gone: no second report. */
			if (r->flags & RF_HANDED) {
				sub_remove(t->s, r);
				i--;
				continue;
			}
			r->state = R_HELD;
			r->flags &= (unsigned short)~RF_NULL_FAIL;
		} else if (r->state == R_NONE && (r->flags & RF_NULL_KNOWN) && r->acq && !same_kind &&
			   r->acq->fails == KB_FAILS_NULL && r->acq->resource.where == KB_RES_RETURN) {
			/* A test showed it NULL on this path, and it is used anyway
			 * (`if (!p) status = ...;` without bailing out, `p || p->f`).
			 * A release of it is unmatched-release's. */
			if (t->quiet)
				continue;
			if (f->reporting)
				report_unchecked(f, t->s, r, elem_site(t, at), use);
			sub_remove(t->s, r); /* the machine is gone: no second report */
			i--;
		} else if (freed_too && r->state == R_RELEASED && (r->flags & RF_FREED) &&
			   (!same_kind || !r->kind || strcmp(r->kind, same_kind) != 0)) {
			if (f->reporting)
				report_unmatched(f, t->s, r, elem_site(t, at), UM_USE_AFTER_FREE, use);
			sub_remove(t->s, r);
			i--;
			freed = true;
		}
	}
	return freed;
}

/* ---- records ------------------------------------------------------------------------- */

/* KEY's value records are about to be lost (the variable is overwritten,
 * the result is discarded): report those still held. */
static void lose(struct tctx *t, pkey key, CXCursor at, const char *how)
{
	struct pfunc *f = t->f;
	unsigned i;

	for (i = 0; i < t->s->n_rec; i++) {
		struct rec *r = &t->s->rec[i];

		if (r->key != key || !r->acq || r->acq->owner != KB_OWNER_VALUE || !r->acq->needs_release ||
		    (r->flags & (RF_LOSSY | RF_HANDED)) || (r->state != R_HELD && r->state != R_MAYBE))
			continue;
		if (f->reporting)
			report_missing(f, t->s, r, elem_site(t, at), how);
	}
}

/* The variable of a held lock or reference changes while it is held (a
 * loop taking the lock of each element of a list, releasing them in
 * another loop): instances of that acquire site are not followed. */
static void mark_multi(struct pfunc *f, unsigned site)
{
	if (!site)
		return;
	if (site >= f->n_multi_site) {
		unsigned n = site + 64;
		bool *nm = realloc(f->multi_site, n * sizeof(*nm));

		if (!nm) {
			f->nomem = f->gave_up = true;
			return;
		}
		memset(nm + f->n_multi_site, 0, (n - f->n_multi_site) * sizeof(*nm));
		f->multi_site = nm;
		f->n_multi_site = n;
	}
	f->multi_site[site] = true;
}

static void remove_key(struct tctx *t, pkey key, bool prefix)
{
	struct pfunc *f = t->f;
	const char *kt = key_text(&f->keys, key);
	size_t n = strlen(kt);
	unsigned i;

	for (i = 0; i < t->s->n_rec;) {
		struct rec *r = &t->s->rec[i];
		const char *rt = key_text(&f->keys, r->key);
		const char *in = rt[0] == '&' ? rt + 1 : rt;

		if (r->key == key ||
		    (prefix && strncmp(in, kt, n) == 0 && (in[n] == '.' || in[n] == '[' || (in[n] == '-' && in[n + 1] == '>'))) ||
		    (prefix && rt[0] == '&' && strcmp(rt + 1, kt) == 0)) {
			if (r->key != key && r->acq && r->acq->owner != KB_OWNER_VALUE &&
			    (r->state == R_HELD || r->state == R_MAYBE))
				mark_multi(f, r->site);
			sub_remove(t->s, r);
			continue;
		}
		i++;
	}
}

/* Assign V to the storage LK (written as LHS). */
static void assign(struct tctx *t, pkey lk, CXCursor lhs, struct val v)
{
	struct pfunc *f = t->f;
	const struct key_info *ki = lk ? &f->keys.k[lk] : NULL;
	unsigned i;

	if (!lk) {
		escape_value(t, v);
		return;
	}
	/* Whatever depended on the old value (a status guard) is gone. */
	for (i = 0; i < t->s->n_rec; i++)
		if (t->s->rec[i].guard == lk && !(v.kind == V_STATUS && v.key == lk)) {
			t->s->rec[i].guard = 0;
			if (t->s->rec[i].state == R_MAYBE)
				t->s->rec[i].flags |= RF_LOSSY;
		}
	if (!(ki->is_root && (ki->kind == ROOT_LOCAL || ki->kind == ROOT_PARAM))) {
		/* A store into a structure, a global, through a pointer: what is
		 * stored escapes; what was there is overwritten. The variable
		 * still holds the same value: whether it may be NULL is still
		 * followed (ext->p = p; p->f = 0). */
		struct rec kept[4];
		unsigned n_kept = 0;

		if (v.kind == V_KEY && !v.derived && f->keys.k[v.key].is_root)
			for (i = 0; i < t->s->n_rec && n_kept < 4; i++) {
				const struct rec *r = &t->s->rec[i];

				if (r->key == v.key && r->acq && !(r->flags & RF_LOSSY) &&
				    ((r->state == R_MAYBE && (r->flags & RF_NULL_FAIL)) ||
				     (r->state == R_NONE && (r->flags & RF_NULL_KNOWN))))
					kept[n_kept++] = *r;
			}
		escape_value(t, v);
		remove_key(t, lk, true);
		sub_forget_fact(t->s, lk);
		for (i = 0; i < n_kept; i++) {
			struct rec *r = sub_add(f, t->s, kept[i].key, kept[i].kind);

			if (r) {
				*r = kept[i];
				r->flags |= RF_HANDED;
				r->tie = lk; /* a test of ext->p tests p */
			}
		}
		return;
	}
	if (v.kind == V_KEY && v.key == lk && !v.derived)
		return; /* p = p */
	sub_unescape(t->s, lk); /* a new value: what was said about the old one no longer holds */
	if (v.kind == V_GONE) {
		lose(t, lk, lhs, "overwritten");
		remove_key(t, lk, true);
		sub_forget_fact(t->s, lk);
		sub_escape_root(f, t->s, lk, false);
		return;
	}
	if (v.kind == V_ACQ) {
		struct rec *r;

		lose(t, lk, lhs, "overwritten");
		remove_key(t, lk, true);
		/* Every record of the result (MmAllocatePagesForMdl: pages and the MDL). */
		for (i = 0; i < t->s->n_rec; i++) {
			r = &t->s->rec[i];
			if (r->key == v.key)
				r->key = lk;
		}
		sub_sort(t->s);
		sub_forget_fact(t->s, lk);
		return;
	}
	/* p = p->Next, p = (PUCHAR)p + n: the new value comes from the old one;
	 * nothing to say about what p held, except that it is not followed. */
	if (v.kind == V_KEY && key_root(&f->keys, v.key) == lk)
		escape_value(t, v);
	else
		lose(t, lk, lhs, "overwritten");
	remove_key(t, lk, true);
	if (v.kind == V_CONST) {
		if (ki->is_ptr && v.c == 0 && ki->released) {
			/* A NULL that some release takes: releasing it is an error. */
			struct rec *r = sub_add(f, t->s, lk, NULL);

			if (r) {
				r->state = R_NONE;
				r->flags = RF_NULL_KNOWN;
				r->site = (unsigned short)elem_site(t, lhs);
				r->seq = t->s->seq;
			}
		}
		if ((ki->is_int || ki->is_ptr) && ki->tested) {
			long long c = v.c;

			if (ki->is_int && clang_Type_getSizeOf(clang_getCursorType(px_strip(lhs))) == 4)
				c = (long long)(int)c; /* NTSTATUS 0xC0000001 is negative */
			sub_set_fact(t->s, lk, c, c);
		} else {
			sub_forget_fact(t->s, lk);
		}
		return;
	}
	sub_forget_fact(t->s, lk);
	if (v.kind == V_KEY && !v.derived && ki->is_int && ki->tested) {
		/* n = count: what is known about count is known about n. */
		const struct fact *src = sub_fact(t->s, v.key);

		if (src)
			sub_set_fact_ex(t->s, lk, src->lo, src->hi, src->has_ex, src->ex);
		return;
	}
	if (v.kind == V_STATUS) {
		for (i = 0; i < t->s->n_rec; i++)
			if (t->s->rec[i].guard == v.key)
				t->s->rec[i].guard = lk;
		return;
	}
	escape_value(t, v); /* an alias (q = p) is not followed */
}

/* ---- releases, acquisitions -------------------------------------------------------------- */

static unsigned call_site(struct tctx *t, CXCursor call, const struct kb_ddi *ddi, const char *name,
			  const char *via, CXCursor resource)
{
	unsigned site = site_add(t->f, SITE_CALL, call, 0);
	struct site *s = site ? (struct site *)site_get(t->f, site) : NULL;

	if (s && !s->ddi && !s->via) {
		char buf[128];

		s->ddi = ddi;
		s->via = via;
		s->name = name ? ddl_strdup(name) : NULL;
		if (!clang_Cursor_isNull(resource) && px_text(t->f, resource, buf, sizeof(buf))[0])
			s->text = ddl_strdup(buf);
	}
	return site;
}

static bool stable_key(struct pfunc *f, pkey k)
{
	enum root_kind rk = f->keys.k[key_root(&f->keys, k)].kind;

	return k && (rk == ROOT_LOCAL || rk == ROOT_PARAM || rk == ROOT_GLOBAL);
}

/* Release KIND on KEY (a DDI's release, or a helper's). */
static void do_release(struct tctx *t, const char *kind, bool frees, bool owner_function, pkey key, bool if_nonnull,
		       unsigned site, const struct kb_ddi *ddi, const char *via)
{
	struct pfunc *f = t->f;
	struct rec *r;
	unsigned i;

	if (!key) {
		/* An expression not understood: it may be any held one of this kind. */
		for (i = 0; i < t->s->n_rec;) {
			if (t->s->rec[i].kind && strcmp(t->s->rec[i].kind, kind) == 0 && t->s->rec[i].state != R_RELEASED) {
				sub_remove(t->s, &t->s->rec[i]);
				continue;
			}
			i++;
		}
		return;
	}
	r = sub_find(t->s, key, kind);
	if (!r) {
		struct rec *nul = NULL;

		for (i = 0; i < t->s->n_rec; i++)
			if (t->s->rec[i].key == key && !t->s->rec[i].kind)
				nul = &t->s->rec[i];
		if (nul) {
			/* The variable is NULL on this path (a placeholder). */
			if (!if_nonnull && !(nul->flags & (RF_LOSSY | RF_TESTED)) && f->reporting) {
				nul->kind = kind;
				report_unmatched(f, t->s, nul, site, UM_NOT_HELD, NULL);
			}
			sub_remove(t->s, nul);
			return;
		}
		if (owner_function)
			/* A lock under another name: it may be one of those held (an alias). */
			for (i = 0; i < t->s->n_rec;) {
				struct rec *o = &t->s->rec[i];

				if (o->kind && strcmp(o->kind, kind) == 0 && o->state != R_RELEASED) {
					sub_remove(t->s, o);
					continue;
				}
				i++;
			}
		if (stable_key(f, key) && (r = sub_add(f, t->s, key, kind))) {
			r->state = R_RELEASED;
			r->rel_site = (unsigned short)site;
			r->site = (unsigned short)site;
			r->seq = t->s->seq;
			if (frees)
				r->flags |= RF_FREED;
		}
		return;
	}
	if (r->flags & RF_LOSSY) {
		r->state = R_RELEASED;
		r->rel_site = (unsigned short)site;
		return;
	}
	if (r->flags & RF_HANDED) {
		/* stored elsewhere: whose release this is, is not followed */
		sub_remove(t->s, r);
		return;
	}
	switch (r->state) {
	case R_NONE:
		if (if_nonnull && (r->flags & RF_NULL_KNOWN)) {
			sub_remove(t->s, r);
			return;
		}
		if (!(r->flags & RF_TESTED) && f->reporting)
			report_unmatched(f, t->s, r, site, UM_NOT_HELD, NULL);
		sub_remove(t->s, r);
		return;
	case R_RELEASED:
		if (f->reporting)
			report_unmatched(f, t->s, r, site, UM_DOUBLE, NULL);
		return;
	default:
		r->state = R_RELEASED;
		r->rel_site = (unsigned short)site;
		r->flags &= (unsigned short)~(RF_NULL_FAIL | RF_LOSSY);
		if (frees)
			r->flags |= RF_FREED;
		return;
	}
}

/* Evaluate a KB condition on the DDI's argument cursors. */
static enum kb_tri cond_on(const struct pcall *pc, const struct kb_cond *c)
{
	long long v = 0;
	bool known;
	CXCursor a;

	if (!c->arg)
		return KB_TRUE;
	a = c->arg <= 32 ? pc->ddi_arg[c->arg] : clang_getNullCursor();
	known = !clang_Cursor_isNull(a) && (px_int_const(a, &v) || (px_null_const(a) && (v = 0, true)));
	return kb_cond_eval(c, known, v);
}

static pkey call_key(struct tctx *t, CXCursor call)
{
	char name[32];

	snprintf(name, sizeof(name), "@%u", px_offset(t->f, call));
	return key_intern(&t->f->keys, name);
}

/* Acquire A (of DDI) at CALL. Returns the call's value. */
static struct val do_acquire(struct tctx *t, const struct pcall *pc, const struct kb_acquire *a, CXCursor call,
			     const struct val *dval, const char *via, bool may_fail_null)
{
	struct pfunc *f = t->f;
	enum kb_fails fails = a->fails;
	const struct kb_ddi *ddi = a->ddi;
	struct val out = unknown_val;
	pkey key = 0, guard = 0;
	struct rec *r;
	CXCursor res_cursor = clang_getNullCursor();
	unsigned site;
	bool raises = false;

	if (pc) {
		if (a->acquired_when.arg && cond_on(pc, &a->acquired_when) != KB_TRUE)
			return out;
		raises = ddi->raises == KB_RAISES_ALWAYS ||
			 (ddi->raises == KB_RAISES_WHEN && cond_on(pc, &ddi->raise_cond) == KB_TRUE);
		if (raises || fails == KB_FAILS_RAISES)
			fails = KB_FAILS_RAISES;
		else if (a->fails_when.arg && cond_on(pc, &a->fails_when) != KB_TRUE)
			fails = KB_FAILS_NEVER;
		if (a->escapes_when.arg && cond_on(pc, &a->escapes_when) == KB_TRUE) {
			out.kind = V_GONE; /* and whatever holds it is someone else's */
			return out;
		}
	} else {
		fails = may_fail_null ? KB_FAILS_NULL : KB_FAILS_NEVER;
	}
	switch (a->resource.where) {
	case KB_RES_RETURN:
		key = call_key(t, call);
		break;
	case KB_RES_ARG:
	case KB_RES_ARG_DEREF: {
		unsigned n = a->resource.arg;

		if (n == 0 || n > 32 || (dval[n].kind != V_KEY && dval[n].kind != V_ACQ) || dval[n].derived)
			return out;
		key = dval[n].key;
		if (pc && a->resource.where == KB_RES_ARG)
			res_cursor = pc->ddi_arg[n]; /* (for *arg N, the key names the variable) */
		if (a->resource.where == KB_RES_ARG_DEREF)
			key = key_deref(&f->keys, key);
		break;
	}
	case KB_RES_GLOBAL: {
		char name[96];

		snprintf(name, sizeof(name), "#%s", a->kind);
		key = key_intern(&f->keys, name);
		break;
	}
	default:
		return out;
	}
	if (!key)
		return out;
	if (a->owner == KB_OWNER_VALUE && !is_pseudo(f, key)) {
		/* Held by a variable: one of this function's own, as itself (p)
		 * or as the address of a local structure (&us). */
		const char *text = key_text(&f->keys, key);
		pkey bare = text[0] == '&' ? key_deref(&f->keys, key) : key;
		const struct key_info *ki = &f->keys.k[bare];

		if (!ki->is_root || (ki->kind != ROOT_LOCAL && ki->kind != ROOT_PARAM))
			return out; /* an out-parameter, a structure: someone else's */
	}
	if (a->owner == KB_OWNER_OBJECT && sub_escaped(t->s, key_root(&f->keys, key)))
		return out;
	site = call_site(t, call, pc ? pc->ddi : ddi, pc ? pc->name : NULL, via, res_cursor);
	if ((r = sub_find(t->s, key, a->kind))) {
		if (r->state == R_HELD || r->state == R_MAYBE)
			lose(t, key, call, "acquired again");
		sub_remove(t->s, r);
	}
	r = sub_add(f, t->s, key, a->kind);
	if (!r)
		return out;
	r->acq = a;
	r->site = (unsigned short)site;
	r->seq = t->s->seq;
	if (pc && (a->key.where == KB_RES_ARG || a->key.where == KB_RES_ARG_DEREF) && a->key.arg && a->key.arg <= 32 &&
	    dval[a->key.arg].kind == V_KEY && !dval[a->key.arg].derived)
		r->tie = a->key.where == KB_RES_ARG_DEREF ? key_deref(&f->keys, dval[a->key.arg].key)
							   : dval[a->key.arg].key;
	/* The result of a call that reports success (a status, a BOOLEAN)
	 * guards the record even when this call cannot fail (Wait = TRUE):
	 * `if (acquired) release` then knows the answer. */
	if (a->fails == KB_FAILS_NT_ERROR || a->fails == KB_FAILS_FALSE) {
		guard = call_key(t, call);
		r->guard = guard;
	}
	switch (fails) {
	case KB_FAILS_NULL:
		if (a->resource.where == KB_RES_RETURN) {
			r->state = R_MAYBE;
			r->flags |= RF_NULL_FAIL;
		} else {
			r->state = R_HELD;
		}
		break;
	case KB_FAILS_NT_ERROR:
	case KB_FAILS_FALSE:
		r->state = R_MAYBE;
		break;
	case KB_FAILS_RAISES:
		r->state = R_HELD;
		r->flags |= RF_RAISE_FAIL;
		break;
	default:
		r->state = R_HELD;
		break;
	}
	if (a->resource.where == KB_RES_RETURN) {
		out.kind = V_ACQ;
		out.key = key;
	} else if (guard) {
		out.kind = V_STATUS;
		out.key = guard;
	}
	return out;
}

static void do_unheld(struct tctx *t, const struct kb_unheld *u, pkey key, unsigned site)
{
	struct rec *r = sub_find(t->s, key, u->kind);

	if (!key)
		return;
	if (r)
		sub_remove(t->s, r);
	r = sub_add(t->f, t->s, key, u->kind);
	if (!r)
		return;
	r->state = R_NONE;
	r->flags = RF_UNHELD;
	r->site = (unsigned short)site;
	r->seq = t->s->seq;
}

/* ---- calls ----------------------------------------------------------------------------------- */

/* The value of a DDI argument that is not one of the call's own arguments
 * (a header macro's): its key, without evaluating anything again. */
static struct val arg_value(struct tctx *t, const struct pcall *pc, const struct val *real, CXCursor a)
{
	unsigned j;
	long long c;

	if (clang_Cursor_isNull(a))
		return unknown_val;
	for (j = 0; j < pc->n_args; j++)
		if (clang_equalCursors(a, pc->args[j].cursor))
			return real[j];
	if (px_null_const(a) || px_int_const(a, &c)) {
		struct val v = { V_CONST, 0, 0, false };

		if (!px_null_const(a))
			v.c = c;
		return v;
	}
	return key_val(px_key(t->f, a));
}

/* Object-class records, and locks a callback may release, go with a
 * callback registered here (a completion routine unlocks the pages,
 * releases the remove lock). */
static void callback_handoff(struct tctx *t)
{
	unsigned i;

	for (i = 0; i < t->s->n_rec;) {
		const struct rec *r = &t->s->rec[i];

		if (r->acq && (r->state == R_HELD || r->state == R_MAYBE) &&
		    (r->acq->owner == KB_OWNER_OBJECT || r->acq->handoff)) {
			sub_remove(t->s, &t->s->rec[i]);
			continue;
		}
		i++;
	}
}

static struct val call_ddi(struct tctx *t, CXCursor call, struct pcall *pc, const struct val *real)
{
	struct pfunc *f = t->f;
	const struct kb_ddi *d = pc->ddi;
	struct val dval[33], out = unknown_val;
	unsigned i, site = 0;
	unsigned long used = 0, dead = 0;
	char use[96];

	for (i = 1; i <= 32; i++)
		dval[i] = arg_value(t, pc, real, pc->ddi_arg[i]);
	snprintf(use, sizeof(use), "is passed to '%s'", pc->name);
	for (i = 1; i <= 32; i++) {
		bool res = (pc->resource_args >> (i - 1)) & 1, nn = (d->nonnull >> (i - 1)) & 1;
		const char *rel_kind = NULL;
		unsigned k;

		for (k = 0; k < d->n_releases; k++)
			if (d->releases[k].resource.where == KB_RES_ARG && d->releases[k].resource.arg == i)
				rel_kind = d->releases[k].kind;
		if ((res || nn) && check_use(t, dval[i], pc->ddi_arg[i], use, true, rel_kind))
			dead |= 1UL << (i - 1); /* reported as a use after free: no second report */
	}
	for (i = 0; i < d->n_releases; i++) {
		const struct kb_release *rel = &d->releases[i];
		pkey key = 0;
		bool fn_owned = false;
		unsigned k;

		if (rel->resource.where == KB_RES_GLOBAL) {
			char name[96];

			snprintf(name, sizeof(name), "#%s", rel->kind);
			key = key_intern(&f->keys, name);
		} else if (rel->resource.arg && rel->resource.arg <= 32) {
			struct val v = dval[rel->resource.arg];

			if ((dead >> (rel->resource.arg - 1)) & 1)
				continue;
			if ((v.kind == V_KEY || v.kind == V_ACQ) && !v.derived)
				key = v.key;
			if (rel->resource.where == KB_RES_ARG_DEREF)
				key = key_deref(&f->keys, key);
			used |= 1UL << (rel->resource.arg - 1);
		}
		for (k = 0; k < rel->n_of; k++)
			if (rel->of[k]->n_acquires && rel->of[k]->acquires[0].owner == KB_OWNER_FUNCTION)
				fn_owned = true;
		site = call_site(t, call, d, pc->name, NULL,
				 rel->resource.arg && rel->resource.arg <= 32 ? pc->ddi_arg[rel->resource.arg]
									       : clang_getNullCursor());
		do_release(t, rel->kind, rel->frees, fn_owned, key, false, site, d, NULL);
	}
	for (i = 0; i < d->n_unheld; i++) {
		const struct kb_unheld *u = &d->unheld[i];
		struct val v = u->resource.arg && u->resource.arg <= 32 ? dval[u->resource.arg] : unknown_val;

		if (v.kind == V_KEY && !v.derived) {
			site = call_site(t, call, d, pc->name, NULL, pc->ddi_arg[u->resource.arg]);
			do_unheld(t, u, v.key, site);
		}
	}
	for (i = 0; i < d->n_acquires; i++) {
		struct val v = do_acquire(t, pc, &d->acquires[i], call, dval, NULL, false);

		if (v.kind != V_UNKNOWN && out.kind == V_UNKNOWN)
			out = v;
		if (d->acquires[i].resource.arg && d->acquires[i].resource.where != KB_RES_RETURN)
			used |= 1UL << (d->acquires[i].resource.arg - 1);
	}
	/* The other arguments: borrowed, unless the callee keeps them. */
	for (i = 0; i < pc->n_args; i++) {
		struct val v = real[i];
		bool is_ddi_res = false;
		unsigned n;

		for (n = 1; n <= 32; n++)
			if (((used >> (n - 1)) & 1) && clang_equalCursors(pc->ddi_arg[n], pc->args[i].cursor))
				is_ddi_res = true;
		if (is_ddi_res)
			continue;
		if (pc->args[i].context)
			escape_value(t, v);
		else if (v.kind == V_KEY && key_text(&f->keys, v.key)[0] == '&')
			escape_value(t, v); /* the DDI may store into the variable */
		else if (v.kind == V_STATUS)
			escape_value(t, v);
	}
	if (pc->registers_callback)
		callback_handoff(t);
	return out;
}

static struct val call_local(struct tctx *t, CXCursor call, struct pcall *pc, const struct val *real)
{
	struct pfunc *f = t->f;
	const struct psummary *sum = pc->sum;
	pkey args[32];
	struct val out = unknown_val;
	unsigned i;

	for (i = 0; i < pc->n_args; i++) {
		const struct val *v = &real[i];

		args[i] = (v->kind == V_KEY || v->kind == V_ACQ) && !v->derived ? v->key : 0;
	}
	if (sum->derefs) {
		/* it dereferences these on every path before any test */
		char use[96];

		snprintf(use, sizeof(use), "is passed to '%s'", pc->name);
		for (i = 0; i < pc->n_args && i < 32; i++)
			if ((sum->derefs >> i) & 1)
				check_use(t, real[i], pc->args[i].cursor, use, true, NULL);
	}
	if (sum->lock_annotated) {
		/* It declares that it takes or drops locks: what its summary does
		 * not say about them is unknown (a conditional lock helper). */
		for (i = 0; i < pc->n_args; i++)
			if (real[i].kind == V_KEY)
				sub_escape_root(f, t->s, key_root(&f->keys, real[i].key), true);
		drop_global_locks(t);
	}
	for (i = 0; i < sum->n_eff; i++) {
		const struct peffect *e = &sum->eff[i];
		pkey key = key_subst(&f->keys, e->tmpl, args, pc->n_args);
		unsigned site = call_site(t, call, NULL, NULL, pc->name, clang_getNullCursor());

		if (e->kind == EFF_RELEASE) {
			do_release(t, e->kind_name, e->frees, e->owner_function, key, e->if_nonnull, site, NULL, pc->name);
		} else if (e->acq && key) {
			struct rec *r = sub_find(t->s, key, e->acq->kind);

			if (r)
				sub_remove(t->s, r);
			r = sub_add(f, t->s, key, e->acq->kind);
			if (r) {
				r->acq = e->acq;
				r->state = R_HELD;
				r->site = (unsigned short)site;
				r->seq = t->s->seq;
			}
		}
	}
	for (i = 0; i < pc->n_args; i++)
		if (i >= sum->n_params || ((sum->escapes >> i) & 1) || real[i].kind == V_STATUS)
			escape_value_locks(t, real[i], true);
	if (sum->global_unknown)
		drop_global_locks(t);
	if (sum->registers_callback)
		callback_handoff(t); /* a completion routine set in there may release */
	if (sum->ret_acq) {
		struct val dummy[33];

		memset(dummy, 0, sizeof(dummy));
		out = do_acquire(t, NULL, sum->ret_acq, call, dummy, pc->name, sum->ret_may_fail);
	}
	return out;
}

/* Is CALL under a condition inside the same driver macro (CdLockFcb:
 * `if (Fcb->LockThread != Me) ExAcquireFastMutex(...)`, and an unlock
 * macro that releases when a count drops to 0)? Its pairing depends on
 * state the engine does not follow: it is unknown, never a finding. A
 * header macro (MmGetSystemAddressForMdlSafe) is the knowledge base's. */
static bool macro_conditional(struct tctx *t, CXCursor call)
{
	struct pfunc *f = t->f;
	unsigned off = px_offset(f, call), lo = 0, hi = f->n_cond_offs;
	bool found = false;
	char *name;

	if (!off || t->elem->kind == CFG_ELEM_COND)
		return false;
	while (lo < hi && !found) {
		unsigned mid = (lo + hi) / 2;

		if (f->cond_offs[mid] == off)
			found = true;
		else if (f->cond_offs[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!found)
		return false;
	name = eng_ident_at(f->file->res, off);
	found = !name || !kb_lookup(f->file->kb, name);
	free(name);
	return found;
}

/* The pair effects of a call that cannot be followed: what it may release
 * is unknown from here on; what it acquires is not tracked. */
static void call_opaque(struct tctx *t, const struct pcall *pc, const struct val *real)
{
	unsigned i, k;

	if (pc->callee == CALLEE_DDI)
		for (i = 0; i < pc->ddi->n_releases; i++) {
			const struct kb_release *rel = &pc->ddi->releases[i];
			unsigned a = rel->resource.arg;
			pkey key = 0;

			if (a && a <= 32) {
				struct val v = arg_value(t, pc, real, pc->ddi_arg[a]);

				key = v.kind == V_KEY && !v.derived ? v.key : 0;
			}
			for (k = 0; k < t->s->n_rec;) {
				struct rec *r = &t->s->rec[k];

				if (r->kind && strcmp(r->kind, rel->kind) == 0 && (!key || r->key == key)) {
					sub_remove(t->s, r);
					continue;
				}
				k++;
			}
		}
	for (i = 0; i < pc->n_args; i++)
		if (pc->callee != CALLEE_DDI || pc->args[i].context)
			escape_value(t, real[i]);
}

static struct val call(struct tctx *t, CXCursor c)
{
	struct pcall pc;
	struct val real[32], out = unknown_val;
	unsigned i;

	pcall_resolve(t->f, c, &pc);
	for (i = 0; i < pc.n_args; i++)
		real[i] = eval(t, pc.args[i].cursor);
	if (pc.callee != CALLEE_UNKNOWN && macro_conditional(t, c)) {
		call_opaque(t, &pc, real);
		pcall_clear(&pc);
		return out;
	}
	switch (pc.callee) {
	case CALLEE_DDI:
		out = call_ddi(t, c, &pc, real);
		break;
	case CALLEE_LOCAL:
		if (pc.sum) {
			out = call_local(t, c, &pc, real);
			break;
		}
		/* Not summarised (recursion, or compiler errors in it): unknown. */
		for (i = 0; i < pc.n_args; i++)
			escape_value_locks(t, real[i], true);
		drop_global_locks(t);
		break;
	default:
		for (i = 0; i < pc.n_args; i++)
			escape_value_locks(t, real[i], true);
		drop_global_locks(t);
		if (pc.registers_callback)
			callback_handoff(t);
		break;
	}
	pcall_clear(&pc);
	return out;
}

/* ---- expressions --------------------------------------------------------------------------------- */

/* A sub-expression a block of its own evaluated: its value was left pending. */
static struct val pending(struct tctx *t, CXCursor c)
{
	CXCursor kid[3];
	unsigned n = cfg_kids(c, kid, 3), i;
	struct val v = unknown_val;

	if (!t->s->pend_hash)
		return v;
	for (i = 0; i < n && i < 3; i++)
		if (clang_hashCursor(px_strip(kid[i])) == t->s->pend_hash && t->s->pend_key) {
			v.key = t->s->pend_key;
			v.kind = is_pseudo(t->f, v.key) ? V_ACQ : V_KEY;
		}
	t->s->pend_hash = 0;
	t->s->pend_key = 0;
	return v;
}

static struct val eval_kids(struct tctx *t, CXCursor c, bool escape)
{
	CXCursor kid[16];
	unsigned n = cfg_kids(c, kid, 16), i;

	for (i = 0; i < n && i < 16; i++) {
		struct val v = eval(t, kid[i]);

		if (escape)
			escape_value(t, v);
	}
	return unknown_val;
}

static void deref(struct tctx *t, struct val v, CXCursor at)
{
	check_use(t, v, at, "is dereferenced", true, NULL);
}

/* ---- ?:, && and || inside an element --------------------------------------------------------- */

/* A private copy of S (NULL past the bound on live sub-states). */
static struct sub *sub_copy(struct pfunc *f, struct sub *s)
{
	struct sub *c;

	s->refs++;
	c = sub_own(f, s);
	if (c == s) {
		s->refs--;
		return NULL;
	}
	return c;
}

/* Refine S with COND having the outcome HOLDS. A compound condition refines
 * where each part's outcome is known (a && b true, a || b false). False: S
 * contradicts it. */
static bool assume_cond(struct tctx *t, struct sub *s, CXCursor cond, bool holds)
{
	struct pfunc *f = t->f;
	CXCursor c = px_strip(cond), kid[2];
	enum CXCursorKind k = clang_getCursorKind(c);
	char buf[8];
	const char *op;

	if (k == CXCursor_BinaryOperator && cfg_kids(c, kid, 2) == 2 && (op = px_operator(f, c, buf, sizeof(buf))) &&
	    (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)) {
		if ((op[0] == '&') != holds)
			return true; /* either part may be the one that decided */
		return assume_cond(t, s, kid[0], holds) && assume_cond(t, s, kid[1], holds);
	}
	if (k == CXCursor_UnaryOperator && cfg_kids(c, kid, 1) == 1 && (op = px_operator(f, c, buf, sizeof(buf))) &&
	    strcmp(op, "!") == 0)
		return assume_cond(t, s, kid[0], !holds);
	return state_assume_outcome(f, s, c, holds);
}

enum decision {
	DEC_FALSE,   /* COND is false on this run: T->S says so */
	DEC_TRUE,    /* COND is true on this run */
	DEC_BOTH,    /* the outcome changes nothing here: evaluate every operand, as one path */
	DEC_QUIET,   /* past PATHS_MAX_DECISIONS: evaluate every operand, reporting no unchecked result in
			the guarded ones */
};

/* An operand of a ?:, && or || that the CFG left inside the element (it
 * calls nothing) is evaluated only when COND has some outcome. Like an edge,
 * the outcome refines the sub-state: `c ? c->A : 0` dereferences c only
 * where it is not NULL. When both outcomes are possible and they differ in
 * what they say about the records, this run takes one and leaves the other
 * to a later run of the element (transfer_elem), so each run is one path. */
static enum decision decide(struct tctx *t, CXCursor cond)
{
	struct pfunc *f = t->f;
	struct sub *yes, *no;
	bool ok_yes, ok_no, take;

	if (t->quiet || !t->work)
		return DEC_BOTH;
	yes = sub_copy(f, t->s);
	no = yes ? sub_copy(f, t->s) : NULL;
	if (!no) {
		sub_unref(f, yes);
		return DEC_QUIET;
	}
	ok_yes = assume_cond(t, yes, cond, true);
	ok_no = assume_cond(t, no, cond, false);
	if ((!ok_yes && !ok_no) ||
	    (ok_yes && ok_no && sub_same_records(yes, t->s) && sub_same_records(no, t->s))) {
		sub_unref(f, yes);
		sub_unref(f, no);
		return DEC_BOTH;
	}
	take = ok_yes;
	if (ok_yes && ok_no) {
		unsigned d = t->cur.len;

		if (d >= PATHS_MAX_DECISIONS || (d >= t->pre.len && *t->n_work >= MAX_RUNS)) {
			sub_unref(f, yes);
			sub_unref(f, no);
			return DEC_QUIET;
		}
		if (d < t->pre.len) {
			take = !((t->pre.bits >> d) & 1);
		} else {
			/* the other way is a run of its own */
			t->work[*t->n_work].bits = t->cur.bits | (1u << d);
			t->work[*t->n_work].len = (unsigned char)(d + 1);
			(*t->n_work)++;
			take = true;
		}
		if (!take)
			t->cur.bits |= 1u << d;
		t->cur.len++;
		sub_step(take ? yes : no,
			 site_add(f, SITE_BRANCH, cond, take ? (unsigned)CFG_EDGE_TRUE : (unsigned)CFG_EDGE_FALSE));
	}
	sub_unref(f, take ? no : yes);
	sub_unref(f, t->s);
	t->s = take ? yes : no;
	return take ? DEC_TRUE : DEC_FALSE;
}

/* Evaluate OPERAND, which runs only when the test decided D allows it (RUNS). */
static struct val eval_guarded(struct tctx *t, enum decision d, bool runs, CXCursor operand)
{
	struct val v;

	if ((d == DEC_TRUE && !runs) || (d == DEC_FALSE && runs))
		return unknown_val;
	if (d == DEC_QUIET)
		t->quiet++;
	v = eval(t, operand);
	if (d == DEC_QUIET)
		t->quiet--;
	return v;
}

static struct val eval_binary(struct tctx *t, CXCursor c)
{
	struct pfunc *f = t->f;
	CXCursor kid[2];
	char buf[8];
	const char *op;
	struct val l, r;
	long long k;

	if (cfg_kids(c, kid, 2) != 2)
		return eval_kids(t, c, true);
	op = px_operator(f, c, buf, sizeof(buf));
	if (op && strcmp(op, "=") == 0) {
		r = eval(t, kid[1]);
		l = eval(t, kid[0]);
		assign(t, px_key(f, kid[0]), kid[0], r);
		(void)l;
		if (r.kind == V_ACQ)
			return key_val(px_key(f, kid[0]));
		return r;
	}
	if (op && strcmp(op, ",") == 0) {
		eval(t, kid[0]);
		return eval(t, kid[1]);
	}
	if (op && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)) {
		/* the right side runs when the left one does not decide */
		enum decision d;

		eval(t, kid[0]);
		d = decide(t, kid[0]);
		r = eval_guarded(t, d, op[0] == '&', kid[1]);
		(void)r;
		return unknown_val;
	}
	l = eval(t, kid[0]);
	r = eval(t, kid[1]);
	if (px_int_const(c, &k)) {
		struct val v = { V_CONST, 0, k, false };

		return v;
	}
	if (!op) {
		/* Inside a macro body: maybe an assignment. A pointer result
		 * may carry either operand somewhere. */
		if (px_is_pointer(clang_getCursorType(c))) {
			escape_value(t, l);
			escape_value(t, r);
			remove_key(t, px_key(f, kid[0]), true);
		}
		return unknown_val;
	}
	if (px_is_pointer(clang_getCursorType(c)) && (op[0] == '+' || op[0] == '-')) {
		struct val v = l.kind == V_KEY || l.kind == V_ACQ ? l : r;

		if (v.kind == V_KEY || v.kind == V_ACQ) {
			if (v.kind == V_ACQ)
				escape_value(t, v);
			v.kind = V_KEY;
			v.derived = true;
			return v;
		}
	}
	return unknown_val;
}

static struct val eval_unary(struct tctx *t, CXCursor c)
{
	struct pfunc *f = t->f;
	CXCursor kid[1];
	char buf[8];
	const char *op;
	struct val v;
	long long k;

	if (cfg_kids(c, kid, 1) != 1)
		return unknown_val;
	op = px_operator(f, c, buf, sizeof(buf));
	if (op && strcmp(op, "&") == 0) {
		/* &x, &p->f: an address; what happens to it is the consumer's business. */
		CXCursor in = px_strip(kid[0]);

		if (clang_getCursorKind(in) == CXCursor_MemberRefExpr || clang_getCursorKind(in) == CXCursor_ArraySubscriptExpr)
			eval(t, in);
		return key_val(px_key(f, c));
	}
	v = eval(t, kid[0]);
	if (op && strcmp(op, "*") == 0) {
		deref(t, v, c);
		return key_val(px_key(f, c));
	}
	if (op && (strcmp(op, "++") == 0 || strcmp(op, "--") == 0)) {
		pkey k2 = px_key(f, kid[0]);

		if (k2) {
			remove_key(t, k2, true);
			sub_forget_fact(t->s, k2);
			if (f->keys.k[k2].is_root)
				sub_escape_root(f, t->s, k2, false);
		}
		return unknown_val;
	}
	if (px_int_const(c, &k)) {
		struct val cv = { V_CONST, 0, k, false };

		return cv;
	}
	if (!op && px_is_pointer(clang_getCursorType(c)))
		escape_value(t, v);
	return unknown_val;
}

static struct val eval(struct tctx *t, CXCursor c)
{
	struct pfunc *f = t->f;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[3];
	long long v;

	if (t->elem->n_skip && cfg_elem_skips(t->elem, c))
		return pending(t, c);
	switch (k) {
	case CXCursor_UnaryExpr:     /* sizeof: not evaluated */
		return unknown_val;
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		if (px_int_const(c, &v)) {
			struct val cv = { V_CONST, 0, v, false };

			return cv;
		}
		return unknown_val;
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
		/* Parentheses and implicit conversions pass the value through;
		 * any other unexposed expression is not understood. */
		if (cfg_kids(c, kid, 2) == 1 && (k == CXCursor_ParenExpr || clang_equalCursors(px_strip(c), px_strip(kid[0])))) {
			struct val r = eval(t, kid[0]);

			if (r.kind == V_UNKNOWN && px_int_const(c, &v)) {
				struct val cv = { V_CONST, 0, v, false };

				return cv;
			}
			return r;
		}
		return eval_kids(t, c, true);
	case CXCursor_CStyleCastExpr: {
		unsigned n = cfg_kids(c, kid, 2);
		struct val r;

		if (n == 0 || n > 2)
			return unknown_val;
		r = eval(t, kid[n - 1]);
		if (r.kind == V_UNKNOWN && px_int_const(c, &v)) {
			struct val cv = { V_CONST, 0, v, false };

			return cv;
		}
		return r;
	}
	case CXCursor_DeclRefExpr: {
		CXCursor ref = clang_getCursorReferenced(c);
		enum CXCursorKind rk = clang_getCursorKind(ref);

		if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl)
			return key_val(px_key(f, c));
		if (rk == CXCursor_EnumConstantDecl && px_int_const(c, &v)) {
			struct val cv = { V_CONST, 0, v, false };

			return cv;
		}
		return unknown_val;
	}
	case CXCursor_MemberRefExpr:
		if (cfg_kids(c, kid, 1) == 1) {
			struct val b = eval(t, kid[0]);

			if (px_is_pointer(clang_getCursorType(px_strip(kid[0]))))
				deref(t, b, c);
		}
		return key_val(px_key(f, c));
	case CXCursor_ArraySubscriptExpr:
		if (cfg_kids(c, kid, 2) == 2) {
			struct val b = eval(t, kid[0]);

			eval(t, kid[1]);
			if (px_is_pointer(clang_getCursorType(px_strip(kid[0]))))
				deref(t, b, c);
		}
		return key_val(px_key(f, c));
	case CXCursor_UnaryOperator:
		return eval_unary(t, c);
	case CXCursor_BinaryOperator:
		return eval_binary(t, c);
	case CXCursor_CompoundAssignOperator:
		if (cfg_kids(c, kid, 2) == 2) {
			pkey lk = px_key(f, kid[0]);
			struct val r = eval(t, kid[1]);

			eval(t, kid[0]);
			escape_value(t, r);
			if (lk) {
				lose(t, lk, kid[0], "overwritten");
				remove_key(t, lk, true);
				sub_forget_fact(t->s, lk);
				if (f->keys.k[lk].is_root && f->keys.k[lk].is_ptr)
					sub_escape_root(f, t->s, lk, false);
			}
		}
		return unknown_val;
	case CXCursor_ConditionalOperator:
		if (cfg_kids(c, kid, 3) == 3) {
			struct val a, b;
			enum decision d;

			eval(t, kid[0]);
			d = decide(t, kid[0]);
			a = eval_guarded(t, d, true, kid[1]);
			escape_value(t, a);
			b = eval_guarded(t, d, false, kid[2]);
			escape_value(t, b);
		}
		return unknown_val;
	case CXCursor_CallExpr:
		return call(t, c);
	case CXCursor_InitListExpr:
	case CXCursor_CompoundLiteralExpr:
		return eval_kids(t, c, true);
	case CXCursor_StmtExpr:
		return unknown_val;
	default:
		if (px_int_const(c, &v)) {
			struct val cv = { V_CONST, 0, v, false };

			return cv;
		}
		return eval_kids(t, c, true);
	}
}

/* ---- elements ------------------------------------------------------------------------------------ */

/* Results nobody stored are lost: a leak right here. */
static void drop_pseudo(struct tctx *t, CXCursor at)
{
	struct pfunc *f = t->f;
	unsigned i;

	for (i = 0; i < t->s->n_rec;) {
		struct rec *r = &t->s->rec[i];

		if (is_pseudo(f, r->key) && key_text(&f->keys, r->key)[0] == '@' && r->key != t->s->pend_key) {
			lose(t, r->key, at, "discarded");
			sub_remove(t->s, r);
			continue;
		}
		i++;
	}
}

static void do_return(struct tctx *t, CXCursor ret)
{
	struct pfunc *f = t->f;
	struct sub *s = t->s;
	CXCursor kid[1];
	struct val v = unknown_val;
	unsigned i;

	s->exit_site = (unsigned short)site_add(f, SITE_RETURN, ret, 0);
	s->ret = RET_NONE;
	if (cfg_kids(ret, kid, 1) != 1)
		return;
	v = eval(t, kid[0]);
	s = t->s; /* a ?: in the value may have refined a copy */
	s->ret = RET_OTHER;
	if (v.kind == V_CONST && v.c == 0 && px_is_pointer(clang_getCursorType(px_strip(kid[0])))) {
		s->ret = RET_NULL;
		return;
	}
	if (v.kind == V_CONST && v.c == 0 && px_null_const(kid[0])) {
		s->ret = RET_NULL;
		return;
	}
	if ((v.kind == V_ACQ || v.kind == V_KEY) && !v.derived) {
		for (i = 0; i < s->n_rec; i++) {
			const struct rec *r = &s->rec[i];

			if (r->key == v.key && r->acq && r->acq->owner == KB_OWNER_VALUE &&
			    (r->state == R_HELD || r->state == R_MAYBE) && !(r->flags & (RF_LOSSY | RF_HANDED))) {
				s->ret = RET_RESOURCE;
				s->ret_acq = r->acq;
				s->ret_state = r->state;
				s->ret_site = r->site;
			}
		}
		if (s->ret == RET_OTHER && !is_pseudo(f, v.key)) {
			/* `if (p != NULL) init(p); return p;`: NULL on this path */
			const struct fact *fa = sub_fact(s, v.key);

			for (i = 0; i < s->n_rec; i++)
				if (s->rec[i].key == v.key && s->rec[i].state == R_NONE &&
				    (s->rec[i].flags & RF_NULL_KNOWN) && !(s->rec[i].flags & RF_LOSSY))
					s->ret = RET_NULL;
			if (fa && fa->lo == 0 && fa->hi == 0 && px_is_pointer(clang_getCursorType(px_strip(kid[0]))))
				s->ret = RET_NULL;
			if (s->ret == RET_NULL)
				return;
		}
	}
	if (v.kind == V_STATUS) {
		/* The caller learns from the status whether it holds the resource. */
		for (i = 0; i < s->n_rec;) {
			if (s->rec[i].guard == v.key) {
				sub_remove(s, &s->rec[i]);
				continue;
			}
			i++;
		}
		return;
	}
	escape_value(t, v);
}

static bool is_arm(struct pfunc *f, CXCursor c);

/* Can ELEM (which names the roots EI lists and calls nothing) change S? */
static bool matters(struct pfunc *f, const struct sub *s, const struct elem_info *ei)
{
	unsigned i, j;

	if (!ei || ei->always || s->pend_hash)
		return true;
	for (i = 0; i < ei->n_roots; i++) {
		pkey root = ei->roots[i];

		for (j = 0; j < s->n_rec; j++) {
			const struct rec *r = &s->rec[j];

			if ((r->guard && key_root(&f->keys, r->guard) == root) ||
			    (r->tie && key_root(&f->keys, r->tie) == root))
				return true;
			if (key_root(&f->keys, r->key) != root)
				continue;
			/* A lock held through p, or a release that did not free
			 * anything, cares about p itself (assigned, stored, its
			 * address taken), not about p->f or p[i]. */
			if (ei->bare[i] || (r->flags & RF_FREED) ||
			    ((!r->acq || r->acq->owner != KB_OWNER_FUNCTION) && r->state != R_RELEASED))
				return true;
		}
		if (sub_fact((struct sub *)s, root))
			return true;
	}
	return false;
}

/* One run of ELEM on T->S (which it may replace, or drop: T->S NULL). */
static void run_elem(struct tctx *t, bool arm)
{
	struct pfunc *f = t->f;
	const struct cfg_elem *elem = t->elem;
	struct val v;

	switch (elem->kind) {
	case CFG_ELEM_RETURN:
		do_return(t, elem->cursor);
		drop_pseudo(t, elem->cursor);
		break;
	case CFG_ELEM_COND:
		v = eval(t, elem->cursor);
		drop_pseudo(t, elem->cursor);
		(void)v;
		break;
	default:
		if (clang_getCursorKind(elem->cursor) == CXCursor_VarDecl) {
			CXCursor kid[8];
			unsigned n = cfg_kids(elem->cursor, kid, 8);
			pkey k = px_decl_key(f, elem->cursor);

			v = unknown_val;
			if (n >= 1 && n <= 8 && clang_isExpression(clang_getCursorKind(kid[n - 1])))
				v = eval(t, kid[n - 1]);
			if (k)
				assign(t, k, elem->cursor, v);
			else
				escape_value(t, v);
		} else {
			CXCursor assumed;

			v = eval(t, elem->cursor);
			if (px_assumption(elem->cursor, &assumed) && !state_assume(f, t->s, assumed)) {
				sub_unref(f, t->s); /* the author says this path cannot happen */
				t->s = NULL;
				return;
			}
			if (arm) {
				/* The arm of a ?: the element after it takes the value. */
				t->s->pend_hash = clang_hashCursor(px_strip(elem->cursor));
				t->s->pend_key = (v.kind == V_KEY || v.kind == V_ACQ) && !v.derived ? v.key : 0;
			}
		}
		drop_pseudo(t, elem->cursor);
		break;
	}
}

void transfer_elem(struct pfunc *f, struct pset *st, unsigned block, const struct cfg_elem *elem)
{
	struct pset out;
	unsigned i;
	const struct elem_info *ei = f->elem_info && f->elem_info[block] ?
				     &f->elem_info[block][elem - f->cfg->blocks[block].elems] : NULL;
	bool arm = elem->kind == CFG_ELEM_EXPR && (!ei || ei->always) && is_arm(f, elem->cursor);

	if (f->gave_up || st->n == 0)
		return;
	f->work += st->n;
	if (f->work > PATHS_MAX_WORK) {
		f->gave_up = true;
		return;
	}
	out.n = 0;
	for (i = 0; i < st->n; i++) {
		struct choice work[MAX_RUNS];
		unsigned n_work = 1;

		if (!matters(f, st->s[i], ei)) {
			pset_add(f, &out, st->s[i]);
			sub_unref(f, st->s[i]);
			continue;
		}
		/* One run per combination of the outcomes of the ?:, && and ||
		 * tests that matter (decide); usually one. */
		work[0].bits = 0;
		work[0].len = 0;
		while (n_work > 0) {
			struct tctx t;
			struct sub *s;

			memset(&t, 0, sizeof(t));
			t.pre = work[--n_work];
			t.work = work;
			t.n_work = &n_work;
			t.f = f;
			t.elem = elem;
			if (t.pre.len)
				f->work++;
			s = sub_copy(f, st->s[i]); /* the input stays for the other runs */
			if (!s)
				break;
			t.s = s;
			run_elem(&t, arm);
			if (t.s) {
				pset_add(f, &out, t.s);
				sub_unref(f, t.s);
			}
		}
		sub_unref(f, st->s[i]);
	}
	*st = out;
}

static bool is_arm(struct pfunc *f, CXCursor c)
{
	unsigned h = clang_hashCursor(px_strip(c)), i;

	for (i = 0; i < f->n_arms; i++)
		if (f->arms[i] == h)
			return true;
	return false;
}
