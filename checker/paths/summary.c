/* summary.c - what a function of this file does, for its callers.
 *
 * Read off the sub-states at the function's exit:
 *   - a release of something reached through a parameter or a global that
 *     happens on every path (or on every path where the pointer is not
 *     NULL) is a release the caller performs by calling it: Cleanup(ctx),
 *     UnlockDevice(ext);
 *   - a lock or reference held at every exit, reached through a parameter
 *     or a global, is an acquisition the caller performs: LockDevice(ext);
 *   - a resource returned on every path (or NULL) makes the call an
 *     acquisition of the same kind: AllocateContext();
 *   - a parameter that escapes on some path (stored, passed on, released on
 *     some paths only) escapes at every call.
 * Everything else about a parameter is "borrowed". A function not yet
 * summarised (recursion) is unknown to its callers: its arguments escape.
 */
#include "paths_impl.h"

#include <stdlib.h>
#include <string.h>

void summary_clear(struct psummary *s)
{
	unsigned i;

	for (i = 0; i < s->n_eff; i++)
		free(s->eff[i].tmpl);
	free(s->eff);
	memset(s, 0, sizeof(*s));
}

static bool add_effect(struct psummary *out, const struct peffect *e)
{
	struct peffect *ne = realloc(out->eff, (out->n_eff + 1) * sizeof(*ne));

	if (!ne)
		return false;
	out->eff = ne;
	ne[out->n_eff++] = *e;
	return true;
}

static bool exported_root(const struct pfunc *f, pkey k)
{
	enum root_kind rk = f->keys.k[key_root(&f->keys, k)].kind;

	return rk == ROOT_PARAM || rk == ROOT_GLOBAL;
}

/* Is KIND the kind of a lock held by the routine (so that a release under an
 * unknown name may be an alias of a held one)? */
static bool lock_kind(const struct site *rel_site, const char *kind)
{
	const struct kb_ddi *d = rel_site->ddi;
	unsigned i, k;

	for (i = 0; d && i < d->n_releases; i++)
		if (strcmp(d->releases[i].kind, kind) == 0)
			for (k = 0; k < d->releases[i].n_of; k++)
				if (d->releases[i].of[k]->n_acquires &&
				    d->releases[i].of[k]->acquires[0].owner == KB_OWNER_FUNCTION)
					return true;
	return false;
}

static bool null_on(const struct sub *s, pkey root)
{
	unsigned i;

	for (i = 0; i < s->n_fact; i++)
		if (s->fact[i].var == root)
			return s->fact[i].lo == 0 && s->fact[i].hi == 0;
	return false;
}

enum ddl_status summary_build(struct pfunc *f, const struct pset *exit_state, struct psummary *out)
{
	unsigned i, j, k;

	memset(out, 0, sizeof(*out));
	out->n_params = f->n_params;
	out->lock_annotated = f->lock_annotated;
	out->registers_callback = f->registers_callback;
	out->done = true;
	if (!exit_state || exit_state->n == 0)
		return DDL_OK; /* never returns: nothing for the caller to learn */
	/* Escapes: a parameter handed on on any path. */
	for (i = 0; i < f->n_params && i < 32; i++)
		for (j = 0; j < exit_state->n; j++)
			if (f->params[i] && sub_escaped(exit_state->s[j], f->params[i]))
				out->escapes |= 1UL << i;
	/* Releases and acquisitions, by (key, kind) of the first sub-state's records. */
	for (j = 0; j < exit_state->n; j++) {
		const struct sub *s0 = exit_state->s[j];

		for (i = 0; i < s0->n_rec; i++) {
			const struct rec *r = &s0->rec[i];
			unsigned rel = 0, held = 0, nullskip = 0, other = 0, absent = 0, bal = 0;
			bool frees = true, dup = false;
			struct peffect eff;

			if (!r->kind || !exported_root(f, r->key) || (r->flags & (RF_LOSSY | RF_PARAM)))
				continue;
			/* Seen in an earlier sub-state: already decided. */
			for (k = 0; k < j && !dup; k++)
				dup = sub_find(exit_state->s[k], r->key, r->kind) != NULL;
			if (dup)
				continue;
			for (k = 0; k < exit_state->n; k++) {
				const struct rec *o = sub_find(exit_state->s[k], r->key, r->kind);

				if (!o && null_on(exit_state->s[k], key_root(&f->keys, r->key)))
					nullskip++;
				else if (!o)
					absent++;
				else if (o->flags & RF_LOSSY)
					other++;
				else if (o->state == R_RELEASED && !o->acq) {
					rel++;
					frees = frees && (o->flags & RF_FREED);
				} else if (o->state == R_RELEASED)
					bal++;  /* acquired and released here: nothing for the caller */
				else if (o->state == R_HELD && o->acq == r->acq)
					held++;
				else
					other++;
			}
			memset(&eff, 0, sizeof(eff));
			if (rel && !held && !other && !absent && !bal) {
				eff.kind = EFF_RELEASE;
				eff.kind_name = r->kind;
				eff.frees = frees;
				eff.if_nonnull = nullskip > 0;
				eff.owner_function = lock_kind(site_get(f, r->rel_site), r->kind);
			} else if (held && !rel && !other && !absent && !bal && !nullskip && r->acq &&
				   (r->acq->owner == KB_OWNER_FUNCTION || r->acq->owner == KB_OWNER_OBJECT)) {
				eff.kind = EFF_ACQUIRE;
				eff.acq = r->acq;
			} else {
				/* Released or held on some paths only: unknown to the caller. */
				pkey root = key_root(&f->keys, r->key);

				if (f->keys.k[root].kind == ROOT_PARAM && f->keys.k[root].param &&
				    f->keys.k[root].param <= 32 && (rel || held || other))
					out->escapes |= 1UL << (f->keys.k[root].param - 1);
				if (f->keys.k[root].kind == ROOT_GLOBAL && (rel || held || other))
					out->global_unknown = true;
				continue;
			}
			eff.tmpl = key_template(&f->keys, r->key);
			if (!eff.tmpl || !add_effect(out, &eff)) {
				free(eff.tmpl);
				if (!eff.tmpl)
					continue;
				return DDL_ERR_NOMEM;
			}
		}
	}
	/* Parameters used as not NULL on every path, before any test. */
	for (i = 0; i < f->n_params && i < 32; i++) {
		bool all = f->params[i] != 0;

		for (j = 0; j < exit_state->n && all; j++) {
			const struct rec *r = sub_find(exit_state->s[j], f->params[i], paths_param_kind);

			all = r && r->state == R_HELD && !(r->flags & RF_LOSSY);
		}
		if (all)
			out->derefs |= 1UL << i;
	}
	/* The result: the same kind of resource (or NULL) on every path. */
	{
		const struct kb_acquire *acq = NULL;
		bool ok = true, may_fail = false;

		for (j = 0; j < exit_state->n && ok; j++) {
			const struct sub *s = exit_state->s[j];

			if (s->ret == RET_NULL)
				may_fail = true;
			else if (s->ret == RET_RESOURCE && (!acq || acq == s->ret_acq)) {
				acq = s->ret_acq;
				if (s->ret_state == R_MAYBE)
					may_fail = true;
			} else
				ok = false;
		}
		if (ok && acq && acq->needs_release) {
			out->ret_acq = acq;
			out->ret_may_fail = may_fail;
		}
	}
	return DDL_OK;
}

bool summary_acquires(const struct pfunc *f, const struct psummary *s, pkey key, const char *kind)
{
	char *tmpl = key_template(&f->keys, key);
	unsigned i;
	bool yes = false;

	for (i = 0; tmpl && i < s->n_eff && !yes; i++)
		yes = s->eff[i].kind == EFF_ACQUIRE && strcmp(s->eff[i].acq->kind, kind) == 0 &&
		      strcmp(s->eff[i].tmpl, tmpl) == 0;
	free(tmpl);
	return yes;
}
