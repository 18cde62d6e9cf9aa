/* engine.c - from a parsed file to DDI call events.
 *
 * Three passes over the main file's function definitions:
 *  1. walk each body once, keeping the structured-exception context on a
 *     small stack, and record every call: the DDI it resolves to (resolve.c:
 *     by the name written at the call site first, then by the callee), and every call of,
 *     or reference to, a function defined in this file;
 *  2. compute which static helpers are guarded by all their callers (a
 *     greatest fixpoint, so recursion is fine) and the Storport facts;
 *  3. hand each DDI call to the callback in source order.
 * Header bodies (inline DDIs such as KeLowerIrql) are never walked: only
 * definitions whose location is in the main file are.
 */
#include "engine.h"
#include "resolve.h"
#include "../frontend/fe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fn_info {
	CXCursor decl;
	char *name;         /* owned */
	bool is_static;
	bool address_taken; /* referenced other than as a callee: may be called from anywhere */
	bool guarded;       /* every call site is guarded (computed) */
	unsigned first_site, n_sites; /* into st->sites after sorting */
	struct finding_loc *unguarded; /* owned array of locations (files borrowed) */
	unsigned n_unguarded;
};

struct call_site {         /* a call of a function defined in this file */
	unsigned caller, callee; /* fn_info indices */
	bool in_try_except;
	struct finding_loc loc;
};

struct rec {               /* a DDI call */
	struct eng_call ev;
	char *written, *callee; /* owned */
	unsigned fn;
};

struct eng_state {
	const struct fe_tu *tu;
	const struct kb *kb;
	const char *src;       /* main file contents (libclang's buffer) */
	size_t src_size;
	struct fn_info *fns;
	unsigned n_fns;
	struct call_site *sites;
	unsigned n_sites, cap_sites;
	struct rec *recs;
	unsigned n_recs, cap_recs;
	bool nomem;
	bool calls_storport_entry;
	struct eng_resolver *res; /* which DDI a call is (resolve.c); owned */
};

/* The structured-exception context while walking one function. */
struct walk {
	struct eng_state *st;
	unsigned fn;
	unsigned try_except, try_finally, handler;
	CXSourceLocation *callee_locs; /* where direct calls of local functions start */
	unsigned n_callee_locs, cap_callee_locs;
};

static unsigned fn_index(const struct eng_state *st, CXCursor decl)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	unsigned i;

	for (i = 0; i < st->n_fns; i++)
		if (clang_equalCursors(clang_getCanonicalCursor(st->fns[i].decl), canon))
			return i;
	return (unsigned)-1;
}

static bool loc_of(const struct eng_state *st, CXCursor c, struct finding_loc *loc, unsigned *offset)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile file;
	unsigned line, col, off;

	clang_getFileLocation(clang_getRangeStart(r), &file, &line, &col, &off);
	loc->file = st->tu->path;
	loc->line = line;
	loc->col = col;
	loc->end_col = 0;
	if (offset)
		*offset = off;
	return file && clang_File_isEqual(file, st->tu->main_file);
}

static char *cursor_name(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = ddl_strdup(clang_getCString(s));

	clang_disposeString(s);
	return r;
}

static void add_site(struct eng_state *st, unsigned caller, unsigned callee, bool guarded,
		     const struct finding_loc *loc)
{
	if (st->n_sites == st->cap_sites) {
		unsigned ncap = st->cap_sites ? st->cap_sites * 2 : 32;
		struct call_site *ns = realloc(st->sites, ncap * sizeof(*ns));

		if (!ns) {
			st->nomem = true;
			return;
		}
		st->sites = ns;
		st->cap_sites = ncap;
	}
	st->sites[st->n_sites].caller = caller;
	st->sites[st->n_sites].callee = callee;
	st->sites[st->n_sites].in_try_except = guarded;
	st->sites[st->n_sites].loc = *loc;
	st->n_sites++;
}

/* One CallExpr. Calls of local functions become call sites; calls of known
 * DDIs (resolve.c) become records. */
static void on_call_expr(struct walk *w, CXCursor call)
{
	struct eng_state *st = w->st;
	CXCursor ref = clang_getCursorReferenced(call);
	struct finding_loc loc;
	struct eng_resolved res;
	unsigned i;
	const struct kb_ddi *ddi;
	struct rec *r;
	CXSourceRange ext;
	unsigned b, e;

	if (!loc_of(st, call, &loc, NULL))
		return; /* a call whose written form is outside this file */
	if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		unsigned idx = fn_index(st, ref);

		if (idx != (unsigned)-1) {
			add_site(st, w->fn, idx, w->try_except > 0, &loc);
			if (w->n_callee_locs == w->cap_callee_locs) {
				unsigned ncap = w->cap_callee_locs ? w->cap_callee_locs * 2 : 16;
				CXSourceLocation *nl = realloc(w->callee_locs, ncap * sizeof(*nl));

				if (!nl) {
					st->nomem = true;
					return;
				}
				w->callee_locs = nl;
				w->cap_callee_locs = ncap;
			}
			w->callee_locs[w->n_callee_locs++] = clang_getCursorLocation(call);
			return;
		}
	}
	if (!eng_resolve_call(st->res, call, &res))
		return;
	ddi = res.ddi;
	if (!ddi) {
		eng_resolved_clear(&res);
		return;
	}
	/* One written call is one event: a header macro that expands to several
	 * calls (or to a call of another DDI) is reported once, as written. */
	for (i = st->n_recs; res.written_ddi && i-- > 0 && st->recs[i].fn == w->fn;)
		if (st->recs[i].ev.ddi == ddi && st->recs[i].ev.loc.line == loc.line &&
		    st->recs[i].ev.loc.col == loc.col) {
			eng_resolved_clear(&res);
			return;
		}
	if (st->n_recs == st->cap_recs) {
		unsigned ncap = st->cap_recs ? st->cap_recs * 2 : 32;
		struct rec *nr = realloc(st->recs, ncap * sizeof(*nr));

		if (!nr) {
			st->nomem = true;
			eng_resolved_clear(&res);
			return;
		}
		st->recs = nr;
		st->cap_recs = ncap;
	}
	r = &st->recs[st->n_recs++];
	memset(r, 0, sizeof(*r));
	r->written = res.written;
	r->callee = res.callee;
	if (!r->written)
		st->nomem = true;
	r->fn = w->fn;
	r->ev.ddi = ddi;
	r->ev.cursor = call;
	r->ev.loc = loc;
	r->ev.via_macro = res.via_macro;
	r->ev.args_match = res.args_match;
	r->ev.in_try_except = w->try_except > 0;
	r->ev.in_try_finally = w->try_finally > 0;
	r->ev.in_handler = w->handler > 0;
	ext = clang_getCursorExtent(call);
	r->ev.trusted = true;
	if (fe_main_offset(st->tu, clang_getRangeStart(ext), &b) &&
	    fe_main_offset(st->tu, clang_getRangeEnd(ext), &e))
		r->ev.trusted = !fe_range_has_error(st->tu, b, e + 1);
	if (ddi->storport_entry)
		st->calls_storport_entry = true;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data);

static void walk_children(struct walk *w, CXCursor c)
{
	clang_visitChildren(c, visit, w);
}

static enum CXChildVisitResult collect_kids(CXCursor c, CXCursor parent, CXClientData data)
{
	struct { CXCursor k[2]; unsigned n; } *col = data;

	(void)parent;
	if (col->n < 2)
		col->k[col->n++] = c;
	return CXChildVisit_Continue;
}

/* Is the filter of EXCEPT_STMT the constant EXCEPTION_CONTINUE_SEARCH (0)? */
static bool filter_continues_search(CXCursor except_stmt)
{
	struct { CXCursor k[2]; unsigned n; } col = { .n = 0 };
	CXEvalResult ev;
	bool zero = false;

	clang_visitChildren(except_stmt, collect_kids, &col);
	if (col.n < 1)
		return false;
	ev = clang_Cursor_Evaluate(col.k[0]);
	if (ev) {
		zero = clang_EvalResult_getKind(ev) == CXEval_Int && clang_EvalResult_getAsLongLong(ev) == 0;
		clang_EvalResult_dispose(ev);
	}
	return zero;
}

/* __try { A } __except (F) { H }  /  __try { A } __finally { H }:
 * only A is guarded, and only by __except; F and H are not. */
static void walk_try(struct walk *w, CXCursor try_stmt)
{
	struct { CXCursor k[2]; unsigned n; } col = { .n = 0 };
	bool except, guards;

	clang_visitChildren(try_stmt, collect_kids, &col);
	if (col.n < 2) {
		walk_children(w, try_stmt);
		return;
	}
	except = clang_getCursorKind(col.k[1]) == CXCursor_SEHExceptStmt;
	/* __except (EXCEPTION_CONTINUE_SEARCH) handles nothing: no guard, and no
	 * __finally either. */
	guards = except && !filter_continues_search(col.k[1]);
	if (guards)
		w->try_except++;
	else if (!except)
		w->try_finally++;
	visit(col.k[0], try_stmt, w);
	if (guards)
		w->try_except--;
	else if (!except)
		w->try_finally--;
	w->handler++;
	visit(col.k[1], try_stmt, w);
	w->handler--;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	if (w->st->nomem)
		return CXChildVisit_Break;
	switch (k) {
	case CXCursor_SEHTryStmt:
		walk_try(w, c);
		return CXChildVisit_Continue;
	case CXCursor_UnaryExpr:
		/* sizeof / _Alignof: the operand is not evaluated, nothing is called. */
		return CXChildVisit_Continue;
	case CXCursor_CallExpr:
		on_call_expr(w, c);
		break;
	case CXCursor_DeclRefExpr: {
		/* A local function named other than as a callee may be called
		 * through a pointer from anywhere (a callback). The callee of a
		 * direct call starts where its CallExpr starts. */
		CXCursor ref = clang_getCursorReferenced(c);
		unsigned idx, i;

		if (clang_getCursorKind(ref) != CXCursor_FunctionDecl ||
		    (idx = fn_index(w->st, ref)) == (unsigned)-1)
			break;
		for (i = 0; i < w->n_callee_locs; i++)
			if (clang_equalLocations(w->callee_locs[i], clang_getCursorLocation(c)))
				break;
		if (i == w->n_callee_locs)
			w->st->fns[idx].address_taken = true;
		break;
	}
	default:
		break;
	}
	walk_children(w, c);
	return CXChildVisit_Continue;
}

/* Collect the function definitions of the main file (pass 0). */
static enum CXChildVisitResult collect_fns(CXCursor c, CXCursor parent, CXClientData data)
{
	struct eng_state *st = data;
	struct fn_info *nf;
	unsigned off;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
	    !fe_main_offset(st->tu, clang_getCursorLocation(c), &off))
		return CXChildVisit_Continue;
	nf = realloc(st->fns, (st->n_fns + 1) * sizeof(*nf));
	if (!nf) {
		st->nomem = true;
		return CXChildVisit_Break;
	}
	st->fns = nf;
	memset(&nf[st->n_fns], 0, sizeof(*nf));
	nf[st->n_fns].decl = c;
	nf[st->n_fns].name = cursor_name(c);
	nf[st->n_fns].is_static = clang_getCursorLinkage(c) == CXLinkage_Internal;
	st->n_fns++;
	return CXChildVisit_Continue;
}

static void add_unguarded(struct eng_state *st, struct fn_info *f, const struct finding_loc *loc)
{
	struct finding_loc *nu = realloc(f->unguarded, (f->n_unguarded + 1) * sizeof(*nu));

	if (!nu) {
		st->nomem = true;
		return;
	}
	f->unguarded = nu;
	nu[f->n_unguarded++] = *loc;
}

/* The call sites that leave static helper FN (and, through it, helper TARGET)
 * unguarded: walk up the chain of static helpers to the first call that is
 * made from a function that may be entered from anywhere. */
static void collect_unguarded(struct eng_state *st, unsigned target, unsigned fn, bool *seen)
{
	unsigned i;

	if (seen[fn])
		return;
	seen[fn] = true;
	for (i = 0; i < st->n_sites; i++) {
		const struct call_site *s = &st->sites[i];
		const struct fn_info *caller;

		if (s->callee != fn || s->in_try_except)
			continue;
		caller = &st->fns[s->caller];
		if (caller->guarded)
			continue;
		if (caller->is_static && !caller->address_taken && caller->n_sites)
			collect_unguarded(st, target, s->caller, seen);
		else
			add_unguarded(st, &st->fns[target], &s->loc);
	}
}

/* Greatest fixpoint: a static helper is guarded when it has call sites, its
 * address is never taken, and every site is inside __try/__except or in a
 * guarded function. Start from "all candidates guarded" and remove. */
static void compute_guards(struct eng_state *st)
{
	bool changed = true;
	unsigned i;

	for (i = 0; i < st->n_fns; i++)
		st->fns[i].guarded = st->fns[i].is_static && !st->fns[i].address_taken;
	for (i = 0; i < st->n_sites; i++)
		st->fns[st->sites[i].callee].n_sites++;
	for (i = 0; i < st->n_fns; i++)
		if (!st->fns[i].n_sites)
			st->fns[i].guarded = false;
	while (changed) {
		changed = false;
		for (i = 0; i < st->n_sites; i++) {
			const struct call_site *s = &st->sites[i];

			if (st->fns[s->callee].guarded && !s->in_try_except && !st->fns[s->caller].guarded) {
				st->fns[s->callee].guarded = false;
				changed = true;
			}
		}
	}
	for (i = 0; i < st->n_fns && !st->nomem; i++) {
		bool *seen;

		if (!st->fns[i].is_static || st->fns[i].address_taken || st->fns[i].guarded)
			continue;
		seen = calloc(st->n_fns, sizeof(*seen));
		if (!seen) {
			st->nomem = true;
			return;
		}
		collect_unguarded(st, i, i, seen);
		free(seen);
	}
}

static bool includes_storport(const struct eng_state *st, struct eng_tu_facts *facts);

static void state_free(struct eng_state *st)
{
	unsigned i;

	for (i = 0; i < st->n_fns; i++) {
		free(st->fns[i].name);
		free(st->fns[i].unguarded);
	}
	for (i = 0; i < st->n_recs; i++) {
		free(st->recs[i].written);
		free(st->recs[i].callee);
	}
	eng_resolver_free(st->res);
	free(st->fns);
	free(st->sites);
	free(st->recs);
}

enum ddl_status eng_run(const struct fe_tu *tu, const struct kb *kb, eng_call_fn fn, void *user,
			struct eng_tu_facts *facts, struct eng_stats *stats)
{
	struct eng_state st;
	size_t size = 0;
	unsigned i;

	memset(&st, 0, sizeof(st));
	memset(facts, 0, sizeof(*facts));
	memset(stats, 0, sizeof(*stats));
	st.tu = tu;
	st.kb = kb;
	st.res = eng_resolver_new(tu, kb);
	if (!st.res)
		return DDL_ERR_NOMEM;
	st.src = eng_resolver_source(st.res, &size);
	st.src_size = size;
	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fns, &st);
	for (i = 0; i < st.n_fns && !st.nomem; i++) {
		struct walk w = { .st = &st, .fn = i };

		clang_visitChildren(st.fns[i].decl, visit, &w);
		free(w.callee_locs);
	}
	if (eng_resolver_nomem(st.res))
		st.nomem = true;
	if (!st.nomem)
		compute_guards(&st);
	if (st.nomem) {
		state_free(&st);
		return DDL_ERR_NOMEM;
	}
	stats->n_functions = st.n_fns;
	if (!includes_storport(&st, facts) && st.calls_storport_entry) {
		facts->storport_miniport = true;
		snprintf(facts->storport_reason, sizeof(facts->storport_reason),
			 "it calls the Storport initialisation routine");
	}
	for (i = 0; i < st.n_recs; i++) {
		struct rec *r = &st.recs[i];
		const struct fn_info *f = &st.fns[r->fn];

		r->ev.written = r->written;
		r->ev.callee = r->callee ? r->callee : r->written;
		r->ev.function = f->name;
		r->ev.guarded_by_callers = f->guarded;
		r->ev.unguarded_sites = f->unguarded;
		r->ev.n_unguarded_sites = f->n_unguarded;
		r->ev.engine = &st;
		if (!r->ev.trusted)
			stats->n_untrusted_calls++;
		fn(user, &r->ev);
	}
	state_free(&st);
	return DDL_OK;
}

/* A file counts as a Storport miniport when it includes one of the KB's
 * Storport headers, directly or through another header. */
struct incl_scan {
	const struct kb *kb;
	struct eng_tu_facts *facts;
};

static void on_inclusion(void *user, const char *path, unsigned depth)
{
	struct incl_scan *scan = user;
	const char *base;

	(void)depth;
	if (scan->facts->storport_miniport)
		return;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (kb_is_storport_header(scan->kb, base)) {
		scan->facts->storport_miniport = true;
		snprintf(scan->facts->storport_reason, sizeof(scan->facts->storport_reason),
			 "it includes %s", base);
	}
}

static bool includes_storport(const struct eng_state *st, struct eng_tu_facts *facts)
{
	struct incl_scan scan = { st->kb, facts };

	/* Through the frontend: the headers a PCH holds count too. */
	fe_inclusions(st->tu, on_inclusion, &scan);
	return facts->storport_miniport;
}

static CXCursor arg_cursor(const struct eng_call *call, unsigned index)
{
	if (!call->args_match || index == 0 || (int)index > clang_Cursor_getNumArguments(call->cursor))
		return clang_getNullCursor();
	return clang_Cursor_getArgument(call->cursor, index - 1);
}

bool eng_call_arg_value(const struct eng_call *call, unsigned index, long long *value)
{
	CXCursor a = arg_cursor(call, index);
	CXEvalResult ev;
	bool ok = false;

	if (clang_Cursor_isNull(a))
		return false;
	ev = clang_Cursor_Evaluate(a);
	if (!ev)
		return false;
	if (clang_EvalResult_getKind(ev) == CXEval_Int) {
		*value = clang_EvalResult_getAsLongLong(ev);
		ok = true;
	}
	clang_EvalResult_dispose(ev);
	return ok;
}

enum kb_tri eng_call_cond(const struct eng_call *call, const struct kb_cond *cond)
{
	long long v = 0;
	bool known;

	if (!cond->arg)
		return KB_TRUE;
	if (!call->args_match)
		return KB_UNKNOWN;
	known = eng_call_arg_value(call, cond->arg, &v);
	return kb_cond_eval(cond, known, v);
}

const char *eng_call_arg_text(const struct eng_call *call, unsigned index, char *buf, unsigned size)
{
	const struct eng_state *st = call->engine;
	CXCursor a = arg_cursor(call, index);
	unsigned b, e, n, i, o = 0;

	buf[0] = '\0';
	if (clang_Cursor_isNull(a) || !st->src)
		return buf;
	if (!fe_main_offset(st->tu, clang_getRangeStart(clang_getCursorExtent(a)), &b) ||
	    !fe_main_offset(st->tu, clang_getRangeEnd(clang_getCursorExtent(a)), &e) || e < b ||
	    e > st->src_size)
		return buf;
	/* The expansion range of a token ends at its start: take the whole last token. */
	{
		CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(a));
		CXFile f;
		unsigned l, c, fo;

		clang_getFileLocation(end, &f, &l, &c, &fo);
		if (f && clang_File_isEqual(f, st->tu->main_file) && fo >= b && fo <= st->src_size)
			e = fo;
	}
	n = e - b;
	for (i = 0; i < n && o + 1 < size; i++) {
		char ch = st->src[b + i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch == ' ' && o && buf[o - 1] == ' ')
			continue;
		buf[o++] = ch;
	}
	buf[o] = '\0';
	return buf;
}

const char *eng_call_param_name(const struct eng_call *call, unsigned index, char *buf, unsigned size)
{
	CXCursor callee = clang_getCursorReferenced(call->cursor);
	CXString s;

	buf[0] = '\0';
	if (!call->args_match || clang_Cursor_isNull(callee) ||
	    (int)index > clang_Cursor_getNumArguments(callee) || index == 0)
		return NULL;
	s = clang_getCursorSpelling(clang_Cursor_getArgument(callee, index - 1));
	snprintf(buf, size, "%s", clang_getCString(s));
	clang_disposeString(s);
	return buf[0] ? buf : NULL;
}
