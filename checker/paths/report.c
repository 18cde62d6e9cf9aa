/* report.c - sites, and the events the rules get, each with its path.
 *
 * A site is a place in the function the engine may point at: a call that
 * acquires or releases, a branch, a return. Records and trails refer to
 * sites by index, so a sub-state stays small and copies cheaply.
 *
 * An event's path is built from the sub-state that saw the problem: the
 * acquisition, every branch taken after it (the sub-state's trail, newest
 * PATHS_MAX_TRAIL of them), and the place where it went wrong. One event
 * per (rule, place, resource): the first path found is the one shown.
 */
#include "paths_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sites ---------------------------------------------------------------------- */

static unsigned site_hash_of(enum site_kind kind, unsigned offset, unsigned detail)
{
	return (offset * 31u + detail) * 7u + (unsigned)kind;
}

static bool site_rehash(struct pfunc *f, unsigned n)
{
	unsigned *h = calloc(n, sizeof(*h)), i;

	if (!h)
		return false;
	for (i = 1; i < f->n_sites; i++) {
		const struct site *s = &f->sites[i];
		unsigned j = site_hash_of(s->kind, s->offset, s->detail) % n;

		while (h[j])
			j = (j + 1) % n;
		h[j] = i;
	}
	free(f->site_hash);
	f->site_hash = h;
	f->n_site_hash = n;
	return true;
}

unsigned site_add(struct pfunc *f, enum site_kind kind, CXCursor c, unsigned detail)
{
	unsigned offset = px_offset(f, c), j;
	struct site *s;

	if (f->n_site_hash) {
		j = site_hash_of(kind, offset, detail) % f->n_site_hash;
		while (f->site_hash[j]) {
			s = &f->sites[f->site_hash[j]];
			if (s->kind == kind && s->offset == offset && s->detail == detail)
				return f->site_hash[j];
			j = (j + 1) % f->n_site_hash;
		}
	}
	if (f->n_sites == 0)
		f->n_sites = 1;
	if (f->n_sites >= PATHS_MAX_SITES) {
		f->gave_up = true;
		return 0;
	}
	if (f->n_sites >= f->cap_sites) {
		unsigned ncap = f->cap_sites ? f->cap_sites * 2 : 64;
		struct site *ns = realloc(f->sites, ncap * sizeof(*ns));

		if (!ns) {
			f->nomem = f->gave_up = true;
			return 0;
		}
		f->sites = ns;
		f->cap_sites = ncap;
	}
	if ((f->n_sites + 1) * 2 > f->n_site_hash && !site_rehash(f, f->n_site_hash ? f->n_site_hash * 2 : 128)) {
		f->nomem = f->gave_up = true;
		return 0;
	}
	s = &f->sites[f->n_sites];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->offset = offset;
	s->detail = detail;
	px_loc(f, c, &s->loc);
	j = site_hash_of(kind, offset, detail) % f->n_site_hash;
	while (f->site_hash[j])
		j = (j + 1) % f->n_site_hash;
	f->site_hash[j] = f->n_sites;
	return f->n_sites++;
}

const struct site *site_get(const struct pfunc *f, unsigned i)
{
	static const struct site none;

	return i && i < f->n_sites ? &f->sites[i] : &none;
}

/* ---- events ----------------------------------------------------------------------- */

struct pev {
	struct path_event ev;
	char *message;                 /* owned */
	struct finding_note *notes;    /* owned array; messages owned, files borrowed */
	unsigned n_notes;
	unsigned primary;              /* site offset, for de-duplication */
	char *what;                    /* the resource's key text, for de-duplication; owned */
	const char *function;          /* borrowed from the file's function table */
};

struct report {
	struct pev *ev;
	unsigned n, cap;
	bool nomem;
};

struct report *report_new(void)
{
	return calloc(1, sizeof(struct report));
}

static void pev_clear(struct pev *e)
{
	unsigned i;

	free(e->message);
	free(e->what);
	for (i = 0; i < e->n_notes; i++)
		free(e->notes[i].message);
	free(e->notes);
}

void report_reset(struct report *r)
{
	unsigned i;

	for (i = 0; i < r->n; i++)
		pev_clear(&r->ev[i]);
	r->n = 0;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	report_reset(r);
	free(r->ev);
	free(r);
}

bool report_nomem(const struct report *r)
{
	return r->nomem;
}

/* A new event unless one of KIND at PRIMARY about WHAT exists. */
static struct pev *event(struct pfunc *f, enum path_event_kind kind, unsigned primary_site, const char *what)
{
	struct report *r = f->file->rep;
	const struct site *ps = site_get(f, primary_site);
	struct pev *e;
	unsigned i;

	for (i = 0; i < r->n; i++)
		if (r->ev[i].ev.kind == kind && r->ev[i].primary == ps->offset && strcmp(r->ev[i].what, what) == 0)
			return NULL;
	if (r->n == r->cap) {
		unsigned ncap = r->cap ? r->cap * 2 : 16;
		struct pev *ne = realloc(r->ev, ncap * sizeof(*ne));

		if (!ne) {
			r->nomem = true;
			return NULL;
		}
		r->ev = ne;
		r->cap = ncap;
	}
	e = &r->ev[r->n];
	memset(e, 0, sizeof(*e));
	e->what = ddl_strdup(what);
	if (!e->what) {
		r->nomem = true;
		return NULL;
	}
	r->n++;
	e->ev.kind = kind;
	e->ev.loc = ps->loc;
	e->ev.function = f->name;
	e->primary = ps->offset;
	return e;
}

static void set_message(struct pfunc *f, struct pev *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_message(struct pfunc *f, struct pev *e, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	e->message = ddl_strdup(buf);
	e->ev.message = e->message;
	if (!e->message)
		f->file->rep->nomem = true;
}

static void note(struct pfunc *f, struct pev *e, unsigned site, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void note(struct pfunc *f, struct pev *e, unsigned site, const char *kind, const char *fmt, ...)
{
	const struct site *s = site_get(f, site);
	struct finding_note *nn;
	char buf[512];
	va_list ap;

	if (!site || !s->loc.file)
		return;
	nn = realloc(e->notes, (e->n_notes + 1) * sizeof(*nn));
	if (!nn) {
		f->file->rep->nomem = true;
		return;
	}
	e->notes = nn;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	nn[e->n_notes].loc = s->loc;
	nn[e->n_notes].message = ddl_strdup(buf);
	nn[e->n_notes].kind = kind;
	if (!nn[e->n_notes].message) {
		f->file->rep->nomem = true;
		return;
	}
	e->n_notes++;
	e->ev.steps = e->notes;
	e->ev.n_steps = e->n_notes;
}

/* The branches S took after step SEQ. */
static void branches(struct pfunc *f, struct pev *e, const struct sub *s, unsigned seq)
{
	unsigned i;

	for (i = 0; i < s->n_trail; i++) {
		const struct step *st = &s->trail[i];
		const struct site *bs = site_get(f, st->site);
		char what[48];

		if (st->seq <= seq)
			continue;
		if (bs->detail == CFG_EDGE_TRUE)
			snprintf(what, sizeof(what), "taking the true branch");
		else if (bs->detail == CFG_EDGE_FALSE)
			snprintf(what, sizeof(what), "taking the false branch");
		else if (bs->detail == CFG_EDGE_EXCEPTION)
			snprintf(what, sizeof(what), "an exception goes to the __except handler");
		else if (bs->detail == 16)
			snprintf(what, sizeof(what), "the switch goes to its default");
		else if (bs->detail > 16)
			snprintf(what, sizeof(what), "the switch goes to case %d", (int)(short)(bs->detail - 17));
		else
			continue;
		note(f, e, st->site, "branch", "%s", what);
	}
}

/* How the resource of R is shown: "pool allocation 'p'". */
static void describe(struct pfunc *f, const struct rec *r, char *buf, size_t size)
{
	const struct site *s = site_get(f, r->site);
	const char *text = s->text;
	char key[160];

	key_display(&f->keys, r->key, key, sizeof(key));
	if (!text || !*text)
		text = key[0] == '@' || key[0] == '#' ? NULL : key;
	if (r->acq && r->acq->resource.where == KB_RES_RETURN && key[0] != '@')
		text = key; /* the variable that holds the result */
	if (text)
		snprintf(buf, size, "%s '%s'", r->kind ? r->kind : "resource", text);
	else
		snprintf(buf, size, "%s", r->kind ? r->kind : "resource");
}

static const char *acquirer_name(struct pfunc *f, const struct rec *r)
{
	const struct site *s = site_get(f, r->site);

	if (s->via)
		return s->via;
	if (s->name)
		return s->name;
	return r->acq ? r->acq->ddi->name : "?";
}

void report_missing(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned exit_site, const char *how)
{
	char res[200];
	struct pev *e;

	describe(f, r, res, sizeof(res));
	e = event(f, PATH_MISSING_RELEASE, r->site, res);
	if (!e)
		return;
	e->ev.ddi = r->acq ? r->acq->ddi : NULL;
	set_message(f, e, "%s from '%s' is not released on this path (%s)", res, acquirer_name(f, r),
		    release_name(r->acq));
	note(f, e, r->site, "acquire", "acquired here");
	branches(f, e, s, r->seq);
	if (strcmp(how, "returns") == 0)
		note(f, e, exit_site, "exit", "leaks when the function returns here");
	else if (strcmp(how, "ends") == 0)
		note(f, e, exit_site, "exit", "leaks when the function ends here");
	else if (strcmp(how, "discarded") == 0)
		note(f, e, exit_site, "exit", "leaks: the result is not stored anywhere");
	else if (strcmp(how, "acquired again") == 0)
		note(f, e, exit_site, "exit", "leaks when it is acquired again here");
	else {
		char key[160];

		note(f, e, exit_site, "exit", "leaks when '%s' is overwritten here",
		     key_display(&f->keys, r->key, key, sizeof(key)));
	}
}

void report_unmatched(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned site,
		      enum unmatched_kind what, const char *use)
{
	const struct site *rs = site_get(f, site), *as = site_get(f, r->site);
	const char *releaser = rs->via ? rs->via : rs->name ? rs->name : rs->ddi ? rs->ddi->name : "?";
	const char *key = key_text(&f->keys, r->key);
	const char *kind = r->kind ? r->kind : "resource";
	char res[200];
	struct pev *e;

	describe(f, r, res, sizeof(res));
	e = event(f, PATH_UNMATCHED_RELEASE, site, res);
	if (!e)
		return;
	e->ev.ddi = rs->ddi;
	switch (what) {
	case UM_NOT_HELD:
		set_message(f, e, "'%s' of a %s that is not held on this path", releaser, kind);
		if (!r->acq && (r->flags & RF_NULL_KNOWN))
			note(f, e, r->site, "assign", "'%s' is NULL here", key);
		else if (r->flags & RF_UNHELD)
			note(f, e, r->site, "acquire", "'%s' leaves no %s to release", as->name ? as->name : "this call",
			     kind);
		else if (r->flags & RF_RAISED)
			note(f, e, r->site, "acquire", "if '%s' raises an exception, nothing is acquired",
			     acquirer_name(f, r));
		else
			note(f, e, r->site, "acquire", "'%s' can fail here", acquirer_name(f, r));
		branches(f, e, s, r->seq);
		note(f, e, site, "release", "released here");
		break;
	case UM_DOUBLE:
		set_message(f, e, "'%s' of a %s that is already released on this path", releaser, kind);
		note(f, e, r->rel_site, "release", "first released here");
		branches(f, e, s, 0);
		note(f, e, site, "release", "released again here");
		break;
	case UM_USE_AFTER_FREE: {
		const struct site *fs = site_get(f, r->rel_site);

		set_message(f, e, "%s %s after '%s' freed it", res, use,
			    fs->via ? fs->via : fs->name ? fs->name : "its release");
		note(f, e, r->rel_site, "release", "freed here");
		branches(f, e, s, 0);
		note(f, e, site, "use", "used here");
		break;
	}
	}
}

void report_unchecked(struct pfunc *f, const struct sub *s, const struct rec *r, unsigned site, const char *use)
{
	const char *key = key_text(&f->keys, r->key);
	char what[160];
	struct pev *e;

	if (key[0] == '@')
		snprintf(what, sizeof(what), "the result");
	else
		snprintf(what, sizeof(what), "'%s'", key);
	e = event(f, PATH_UNCHECKED_RESULT, site, what);
	if (!e)
		return;
	e->ev.ddi = r->acq ? r->acq->ddi : NULL;
	set_message(f, e, "%s from '%s' may be NULL and %s here", what, acquirer_name(f, r), use);
	note(f, e, r->site, "acquire", "'%s' returns NULL when it fails", acquirer_name(f, r));
	branches(f, e, s, r->seq);
	if (r->state == R_NONE)
		note(f, e, site, "use", "used here, where the test above showed it is NULL");
	else
		note(f, e, site, "use", "used here without a NULL check");
}

void report_flush(struct report *r, path_event_fn fn, void *user)
{
	unsigned i;

	for (i = 0; i < r->n; i++)
		if (r->ev[i].message)
			fn(user, &r->ev[i].ev);
	report_reset(r);
}
