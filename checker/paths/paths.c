/* paths.c - the path engine's driver: every function of the main file.
 *
 * Functions are analysed callees first (Tarjan's strongly connected
 * components of the call graph), so that a call of a helper of this file
 * uses the helper's summary (summary.c). A recursive group is analysed
 * PATHS_SCC_ROUNDS times, and only the last round reports; until a member
 * has a summary, calls of it are unknown (their arguments escape).
 *
 * One function: CFG (cfg/), dataflow to a fixpoint (dataflow/, the client is
 * state.c), then one more pass over every reachable block from its
 * in-state with reporting on, and the exit's sub-states checked for what is
 * still held. A function whose body has compiler errors, whose CFG is
 * truncated, or that hits a bound (paths_impl.h) reports nothing.
 */
#include "paths_impl.h"
#include "../frontend/fe.h"

#include <stdlib.h>
#include <string.h>

/* ---- the file's functions ---------------------------------------------------- */

struct collect {
	struct pfile *pf;
	bool nomem;
};

static enum CXChildVisitResult collect_fn(CXCursor c, CXCursor parent, CXClientData data)
{
	struct collect *col = data;
	struct pfile *pf = col->pf;
	struct pfn_entry *nf;
	unsigned off;
	CXString s;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
	    !fe_main_offset(pf->tu, clang_getCursorLocation(c), &off))
		return CXChildVisit_Continue;
	nf = realloc(pf->fns, (pf->n_fns + 1) * sizeof(*nf));
	if (!nf) {
		col->nomem = true;
		return CXChildVisit_Break;
	}
	pf->fns = nf;
	memset(&nf[pf->n_fns], 0, sizeof(*nf));
	nf[pf->n_fns].decl = c;
	s = clang_getCursorSpelling(c);
	nf[pf->n_fns].name = ddl_strdup(clang_getCString(s));
	clang_disposeString(s);
	if (!nf[pf->n_fns].name) {
		col->nomem = true;
		return CXChildVisit_Break;
	}
	pf->n_fns++;
	return CXChildVisit_Continue;
}

int pfile_fn_index(const struct pfile *pf, CXCursor decl)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	unsigned i;

	for (i = 0; i < pf->n_fns; i++)
		if (clang_equalCursors(clang_getCanonicalCursor(pf->fns[i].decl), canon))
			return (int)i;
	return -1;
}

/* ---- the call graph, callees first ------------------------------------------------ */

struct graph {
	unsigned **out;    /* callees of each function */
	unsigned *n_out;
	bool nomem;
};

struct gwalk {
	struct pfile *pf;
	struct graph *g;
	unsigned from;
};

static enum CXChildVisitResult graph_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct gwalk *w = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CallExpr) {
		CXCursor ref = clang_getCursorReferenced(c);
		int to = clang_getCursorKind(ref) == CXCursor_FunctionDecl ? pfile_fn_index(w->pf, ref) : -1;

		if (to >= 0) {
			unsigned *no = realloc(w->g->out[w->from], (w->g->n_out[w->from] + 1) * sizeof(*no));

			if (!no) {
				w->g->nomem = true;
				return CXChildVisit_Break;
			}
			w->g->out[w->from] = no;
			no[w->g->n_out[w->from]++] = (unsigned)to;
		}
	}
	return CXChildVisit_Recurse;
}

struct tarjan {
	struct graph *g;
	unsigned n, counter;
	unsigned *index, *low, *stack, sp;
	bool *on;
	unsigned *order, n_order;      /* functions, callees first */
	unsigned *comp, n_comp;        /* component of each function */
};

static void strongconnect(struct tarjan *t, unsigned v)
{
	unsigned i;

	t->index[v] = t->low[v] = ++t->counter;
	t->stack[t->sp++] = v;
	t->on[v] = true;
	for (i = 0; i < t->g->n_out[v]; i++) {
		unsigned w = t->g->out[v][i];

		if (!t->index[w]) {
			strongconnect(t, w);
			if (t->low[w] < t->low[v])
				t->low[v] = t->low[w];
		} else if (t->on[w] && t->index[w] < t->low[v]) {
			t->low[v] = t->index[w];
		}
	}
	if (t->low[v] == t->index[v]) {
		unsigned w;

		do {
			w = t->stack[--t->sp];
			t->on[w] = false;
			t->comp[w] = t->n_comp;
			t->order[t->n_order++] = w;
		} while (w != v);
		t->n_comp++;
	}
}

/* ---- one function -------------------------------------------------------------------- */

/* A DDI the knowledge base marks noreturn, or a function declared
 * __declspec(noreturn) / __attribute__((noreturn)) (a driver's raise
 * helper: CdRaiseStatusEx). libclang shows the attribute only in the
 * spelling of the function's type. */
static bool is_noreturn(void *user, CXCursor call)
{
	struct pfile *pf = user;
	struct eng_resolved res;
	CXCursor ref = clang_getCursorReferenced(call);
	bool yes = false;

	if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		CXString ts = clang_getTypeSpelling(clang_getCursorType(ref));
		const char *t = clang_getCString(ts);

		yes = t && strstr(t, "__attribute__((noreturn))") != NULL;
		clang_disposeString(ts);
		if (yes)
			return true;
	}
	if (eng_resolve_call(pf->res, call, &res)) {
		yes = res.ddi && res.ddi->noreturn;
		eng_resolved_clear(&res);
	}
	return yes;
}

/* Lock annotations that say the function means to return holding, or
 * to release, what its callers hold (concurrencysal.h, driverspecs.h). */
static enum CXChildVisitResult annot_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	static const char *const words[] = {
		"_Acquires_", "_Releases_", "__drv_acquires", "__drv_releases", "_Kernel_acquires_resource_",
		"_Kernel_releases_resource_",
	};
	struct pfunc *f = data;
	CXString s;
	const char *t;
	unsigned i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_AnnotateAttr)
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	t = clang_getCString(s);
	for (i = 0; t && strncmp(t, "ddilint:", 8) == 0 && i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(t, words[i]))
			f->lock_annotated = true;
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

struct try_walk {
	struct pfunc *f;
	bool nomem;
};

static bool main_range(struct pfunc *f, CXCursor c, unsigned *b, unsigned *e)
{
	CXSourceRange r = clang_getCursorExtent(c);

	return fe_main_offset(f->file->tu, clang_getRangeStart(r), b) &&
	       fe_main_offset(f->file->tu, clang_getRangeEnd(r), e);
}

static enum CXChildVisitResult try_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct try_walk *w = data;
	struct pfunc *f = w->f;
	CXCursor kid[2], last[1];
	struct ptry *nt, t;
	unsigned n;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_SEHTryStmt)
		return CXChildVisit_Recurse;
	if (cfg_kids(c, kid, 2) == 2 && clang_getCursorKind(kid[1]) == CXCursor_SEHExceptStmt &&
	    main_range(f, kid[0], &t.body_begin, &t.body_end)) {
		t.last_begin = t.last_end = 0;
		n = cfg_kids(kid[0], NULL, 0);
		if (n) {
			CXCursor *all = malloc(n * sizeof(*all));

			if (all) {
				cfg_kids(kid[0], all, n);
				last[0] = all[n - 1];
				free(all);
				/* Only a statement that is the call itself: then an exception
				 * out of the __try came from that call, if it came at all. */
				if (clang_getCursorKind(px_strip(last[0])) == CXCursor_CallExpr)
					main_range(f, last[0], &t.last_begin, &t.last_end);
			}
		}
		nt = realloc(f->tries, (f->n_tries + 1) * sizeof(*nt));
		if (!nt) {
			w->nomem = true;
			return CXChildVisit_Break;
		}
		f->tries = nt;
		f->tries[f->n_tries++] = t;
	}
	return CXChildVisit_Recurse;
}

/* ---- aliases: single-assignment locals -------------------------------------------- */

struct alias_var {
	CXCursor decl;       /* a local VarDecl or a ParmDecl */
	unsigned defs;       /* initialiser + assignments */
	bool bad;            /* address taken, ++, op=: not a plain alias */
	CXCursor rhs;        /* the one value it is set from */
};

struct alias_walk {
	struct pfunc *f;
	struct alias_var *v;
	unsigned n, cap;
	bool nomem;
};

static struct alias_var *alias_slot(struct alias_walk *w, CXCursor decl)
{
	unsigned i;

	for (i = 0; i < w->n; i++)
		if (clang_equalCursors(w->v[i].decl, decl))
			return &w->v[i];
	if (w->n == w->cap) {
		unsigned ncap = w->cap ? w->cap * 2 : 16;
		struct alias_var *nv = realloc(w->v, ncap * sizeof(*nv));

		if (!nv) {
			w->nomem = true;
			return NULL;
		}
		w->v = nv;
		w->cap = ncap;
	}
	memset(&w->v[w->n], 0, sizeof(w->v[w->n]));
	w->v[w->n].decl = decl;
	w->v[w->n].rhs = clang_getNullCursor();
	return &w->v[w->n++];
}

/* The variable (local or parameter) that E names, or a null cursor. */
static CXCursor var_of(CXCursor e)
{
	CXCursor ref;

	e = px_strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	ref = clang_getCursorReferenced(e);
	if (clang_getCursorKind(ref) == CXCursor_ParmDecl ||
	    (clang_getCursorKind(ref) == CXCursor_VarDecl && clang_Cursor_getStorageClass(ref) != CX_SC_Static &&
	     clang_Cursor_getStorageClass(ref) != CX_SC_Extern &&
	     clang_getCursorKind(clang_getCursorSemanticParent(ref)) == CXCursor_FunctionDecl))
		return ref;
	return clang_getNullCursor();
}

static enum CXChildVisitResult alias_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct alias_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[8], v;
	struct alias_var *av;
	char buf[8];
	const char *op;
	unsigned n;

	(void)parent;
	if (w->nomem)
		return CXChildVisit_Break;
	if (k == CXCursor_VarDecl && clang_getCursorKind(clang_getCursorSemanticParent(c)) == CXCursor_FunctionDecl &&
	    clang_Cursor_getStorageClass(c) != CX_SC_Static && clang_Cursor_getStorageClass(c) != CX_SC_Extern) {
		n = cfg_kids(c, kid, 8);
		if ((av = alias_slot(w, c)) && n >= 1 && n <= 8 && clang_isExpression(clang_getCursorKind(kid[n - 1]))) {
			av->defs++;
			av->rhs = kid[n - 1];
		}
	} else if (k == CXCursor_BinaryOperator && cfg_kids(c, kid, 2) == 2 && !clang_Cursor_isNull(v = var_of(kid[0]))) {
		op = px_operator(w->f, c, buf, sizeof(buf));
		if ((av = alias_slot(w, v))) {
			if (!op) {
				av->bad = true; /* an operator inside a macro body: maybe an assignment */
			} else if (strcmp(op, "=") == 0) {
				av->defs++;
				av->rhs = kid[1];
			}
		}
	} else if (k == CXCursor_CompoundAssignOperator && cfg_kids(c, kid, 2) == 2 &&
		   !clang_Cursor_isNull(v = var_of(kid[0]))) {
		if ((av = alias_slot(w, v)))
			av->bad = true;
	} else if (k == CXCursor_UnaryOperator && cfg_kids(c, kid, 1) == 1 && !clang_Cursor_isNull(v = var_of(kid[0]))) {
		op = px_operator(w->f, c, buf, sizeof(buf));
		if ((!op || strcmp(op, "&") == 0 || strcmp(op, "++") == 0 || strcmp(op, "--") == 0) &&
		    (av = alias_slot(w, v)))
			av->bad = true;
	}
	return CXChildVisit_Recurse;
}

/* A local set once from a path through a parameter or a global that is
 * itself never assigned (ext = DeviceObject->DeviceExtension) is that path:
 * keys through it match the caller's and the callee's spelling. */
static bool find_aliases(struct pfunc *f)
{
	struct alias_walk w;
	unsigned i;

	memset(&w, 0, sizeof(w));
	w.f = f;
	clang_visitChildren(f->decl, alias_visit, &w);
	for (i = 0; i < w.n && !w.nomem; i++) {
		struct alias_var *av = &w.v[i];
		CXCursor rhs = px_strip(av->rhs), base = rhs, kid[2];
		pkey lk, ak, root;
		unsigned j;
		bool ok = true;

		if (clang_getCursorKind(av->decl) != CXCursor_VarDecl || av->defs != 1 || av->bad ||
		    clang_Cursor_isNull(rhs))
			continue;
		/* Only a load path: p->f, p->f.g, *p; not a variable alone, not a call. */
		if (clang_getCursorKind(rhs) != CXCursor_MemberRefExpr)
			continue;
		while (clang_getCursorKind(base) == CXCursor_MemberRefExpr && cfg_kids(base, kid, 1) == 1)
			base = px_strip(kid[0]);
		if (clang_Cursor_isNull(var_of(base)) && clang_getCursorKind(base) != CXCursor_DeclRefExpr)
			continue;
		for (j = 0; j < w.n; j++)
			if (clang_equalCursors(w.v[j].decl, clang_getCursorReferenced(base)) && w.v[j].defs)
				ok = false; /* the root is assigned here too */
		if (!ok || !(ak = px_key(f, rhs)))
			continue;
		root = key_root(&f->keys, ak);
		if (f->keys.k[root].kind != ROOT_PARAM && f->keys.k[root].kind != ROOT_GLOBAL)
			continue;
		lk = px_decl_key(f, av->decl);
		if (!lk || f->keys.k[lk].kind != ROOT_LOCAL || lk == ak)
			continue;
		if (lk >= f->n_alias_of) {
			unsigned n = lk + 64;
			pkey *na = realloc(f->alias_of, n * sizeof(*na));

			if (!na) {
				w.nomem = true;
				break;
			}
			memset(na + f->n_alias_of, 0, (n - f->n_alias_of) * sizeof(*na));
			f->alias_of = na;
			f->n_alias_of = n;
		}
		f->alias_of[lk] = ak;
	}
	free(w.v);
	return !w.nomem;
}

struct edge_ref {
	const struct cfg_edge *e;
	unsigned src;
};

static int cmp_edge(const void *a, const void *b)
{
	const void *x = ((const struct edge_ref *)a)->e, *y = ((const struct edge_ref *)b)->e;

	return x < y ? -1 : x > y;
}

static bool build_edges(struct pfunc *f)
{
	struct edge_ref *all;
	unsigned b, i, n = 0;

	for (b = 0; b < f->cfg->n_blocks; b++)
		n += f->cfg->blocks[b].n_succs;
	all = malloc((n ? n : 1) * sizeof(*all));
	f->edge_ptr = malloc((n ? n : 1) * sizeof(*f->edge_ptr));
	f->edge_src = malloc((n ? n : 1) * sizeof(*f->edge_src));
	f->edge_site = calloc(n ? n : 1, sizeof(*f->edge_site));
	f->edge_test = calloc(n ? n : 1, sizeof(*f->edge_test));
	f->edge_tested = calloc(n ? n : 1, sizeof(*f->edge_tested));
	if (!all || !f->edge_ptr || !f->edge_src || !f->edge_site || !f->edge_test || !f->edge_tested) {
		free(all);
		return false;
	}
	n = 0;
	for (b = 0; b < f->cfg->n_blocks; b++)
		for (i = 0; i < f->cfg->blocks[b].n_succs; i++) {
			all[n].e = &f->cfg->blocks[b].succs[i];
			all[n++].src = b;
		}
	qsort(all, n, sizeof(*all), cmp_edge);
	for (i = 0; i < n; i++) {
		f->edge_ptr[i] = all[i].e;
		f->edge_src[i] = all[i].src;
	}
	f->n_edges = n;
	free(all);
	return true;
}

/* What the elements tell before the analysis: which variables conditions
 * test (facts are kept only for them), which keys a release takes (a NULL
 * stored there is worth remembering), which ?: arms leave a pending value. */
struct prescan {
	struct pfunc *f;
	bool nomem;
};

static enum CXChildVisitResult prescan_call(CXCursor c, CXCursor parent, CXClientData data)
{
	struct prescan *ps = data;
	struct pfunc *f = ps->f;
	struct pcall pc;
	unsigned i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	pcall_resolve(f, c, &pc);
	if (pc.registers_callback || (pc.callee == CALLEE_LOCAL && pc.sum && pc.sum->registers_callback))
		f->registers_callback = true;
	if (pc.callee == CALLEE_DDI) {
		for (i = 0; i < pc.ddi->n_acquires; i++) {
			const struct kb_acquire *a = &pc.ddi->acquires[i];
			pkey k = a->owner == KB_OWNER_OBJECT && a->resource.arg && a->resource.arg <= 32 &&
					 !clang_Cursor_isNull(pc.ddi_arg[a->resource.arg])
				 ? px_key(f, pc.ddi_arg[a->resource.arg]) : 0;

			if (k)
				f->keys.k[key_root(&f->keys, k)].watch_escape = true;
		}
		for (i = 0; i < pc.ddi->n_releases; i++) {
			unsigned a = pc.ddi->releases[i].resource.arg;
			pkey k = a && a <= 32 && !clang_Cursor_isNull(pc.ddi_arg[a]) ? px_key(f, pc.ddi_arg[a]) : 0;

			if (k)
				f->keys.k[k].released = true;
		}
	} else if (pc.callee == CALLEE_LOCAL && pc.sum) {
		pkey args[32];

		for (i = 0; i < pc.n_args; i++)
			args[i] = px_key(f, pc.args[i].cursor);
		for (i = 0; i < pc.sum->n_eff; i++)
			if (pc.sum->eff[i].kind == EFF_RELEASE) {
				pkey k = key_subst(&f->keys, pc.sum->eff[i].tmpl, args, pc.n_args);

				if (k)
					f->keys.k[k].released = true;
			}
	}
	pcall_clear(&pc);
	return CXChildVisit_Recurse;
}

struct sw_walk {
	struct pfunc *f;
	bool nomem;
};

static enum CXChildVisitResult default_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_SwitchStmt)
		return CXChildVisit_Continue; /* a nested switch's labels are its own */
	if (clang_getCursorKind(c) == CXCursor_DefaultStmt) {
		*(bool *)data = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult switch_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct sw_walk *w = data;
	CXCursor kid[2];

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_SwitchStmt && cfg_kids(c, kid, 2) == 2) {
		bool has = false;

		clang_visitChildren(kid[1], default_visit, &has);
		if (!has) {
			unsigned *no = realloc(w->f->nodefault_offs, (w->f->n_nodefault_offs + 1) * sizeof(*no));

			if (!no) {
				w->nomem = true;
				return CXChildVisit_Break;
			}
			w->f->nodefault_offs = no;
			no[w->f->n_nodefault_offs++] = px_offset(w->f, kid[0]);
		}
	}
	return CXChildVisit_Recurse;
}

struct ei_walk {
	struct pfunc *f;
	struct elem_info *ei;
};

static void ei_add(struct ei_walk *w, pkey root, bool bare)
{
	unsigned i;

	for (i = 0; i < w->ei->n_roots; i++)
		if (w->ei->roots[i] == root) {
			w->ei->bare[i] |= bare;
			return;
		}
	if (w->ei->n_roots == EI_MAX_ROOTS) {
		w->ei->always = true;
		return;
	}
	w->ei->bare[w->ei->n_roots] = bare;
	w->ei->roots[w->ei->n_roots++] = root;
}

/* Walk C; BASE: C is the base of a member access or subscript (a use of
 * what the variable points at, not of the variable itself). */
static void ei_walk(struct ei_walk *w, CXCursor c, bool base, unsigned depth)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[8];
	unsigned n, i;

	if (w->ei->always)
		return;
	if (depth > 64 || k == CXCursor_CallExpr || k == CXCursor_StmtExpr) {
		w->ei->always = true;
		return;
	}
	if (k == CXCursor_UnaryExpr)
		return; /* sizeof */
	if (k == CXCursor_DeclRefExpr) {
		CXCursor ref = clang_getCursorReferenced(c);
		pkey key, root;

		if (clang_getCursorKind(ref) != CXCursor_VarDecl && clang_getCursorKind(ref) != CXCursor_ParmDecl)
			return;
		key = px_key(w->f, c);
		root = key_root(&w->f->keys, key);
		if (!root || w->f->keys.k[root].tested || w->f->keys.k[root].released) {
			w->ei->always = true; /* facts and NULL placeholders follow these */
			return;
		}
		/* an alias (ext standing for Dev->DeviceExtension) is never a bare use of the root */
		ei_add(w, root, !base && key == root);
		return;
	}
	n = cfg_kids(c, kid, 8);
	if (n > 8) {
		w->ei->always = true;
		return;
	}
	for (i = 0; i < n; i++) {
		bool b = base;

		if (k == CXCursor_MemberRefExpr || (k == CXCursor_ArraySubscriptExpr && i == 0))
			b = true;
		else if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr)
			b = false;
		ei_walk(w, kid[i], b, depth + 1);
	}
}

/* After the prescan (tested and released flags are known). */
static bool elem_infos(struct pfunc *f)
{
	unsigned b, i;

	f->elem_info = calloc(f->cfg->n_blocks, sizeof(*f->elem_info));
	if (!f->elem_info)
		return false;
	for (b = 0; b < f->cfg->n_blocks; b++) {
		const struct cfg_block *blk = &f->cfg->blocks[b];

		if (!blk->n_elems)
			continue;
		f->elem_info[b] = calloc(blk->n_elems, sizeof(**f->elem_info));
		if (!f->elem_info[b])
			return false;
		for (i = 0; i < blk->n_elems; i++) {
			const struct cfg_elem *el = &blk->elems[i];
			struct ei_walk w = { f, &f->elem_info[b][i] };
			enum CXCursorKind k = clang_getCursorKind(el->cursor);

			/* a ?: arm leaves a pending value; a return ends a path;
			 * skipped sub-expressions carry values */
			if (el->kind == CFG_ELEM_RETURN || el->n_skip || k == CXCursor_CallExpr) {
				w.ei->always = true;
				continue;
			}
			if (el->kind == CFG_ELEM_EXPR && f->n_arms) {
				unsigned h = clang_hashCursor(px_strip(el->cursor)), a;

				for (a = 0; a < f->n_arms && !w.ei->always; a++)
					w.ei->always = f->arms[a] == h;
				if (w.ei->always)
					continue;
			}
			if (k == CXCursor_VarDecl) {
				/* the variable declared is assigned here */
				pkey dk = px_decl_key(f, el->cursor), root = key_root(&f->keys, dk);
				CXCursor kid[8];
				unsigned n = cfg_kids(el->cursor, kid, 8);

				if (!root || f->keys.k[root].tested || f->keys.k[root].released || n > 8) {
					w.ei->always = true;
					continue;
				}
				ei_add(&w, root, true);
				if (n && clang_isExpression(clang_getCursorKind(kid[n - 1])))
					ei_walk(&w, kid[n - 1], false, 0);
				continue;
			}
			ei_walk(&w, el->cursor, false, 0);
		}
	}
	return true;
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static bool prescan(struct pfunc *f)
{
	struct prescan ps = { f, false };
	unsigned b, i, j;

	for (b = 0; b < f->cfg->n_blocks; b++) {
		const struct cfg_block *blk = &f->cfg->blocks[b];

		for (i = 0; i < blk->n_elems; i++) {
			const struct cfg_elem *el = &blk->elems[i];

			if (el->kind == CFG_ELEM_COND) {
				unsigned *no = realloc(f->cond_offs, (f->n_cond_offs + 1) * sizeof(*no));

				if (!no)
					return false;
				f->cond_offs = no;
				f->cond_offs[f->n_cond_offs++] = px_offset(f, el->cursor);
			}
			if (clang_getCursorKind(el->cursor) == CXCursor_CallExpr)
				prescan_call(el->cursor, clang_getNullCursor(), &ps);
			{
				CXCursor assumed;
				struct cond_test t;

				if (px_assumption(el->cursor, &assumed)) {
					px_cond_test(f, assumed, &t);
					if (t.kind != TEST_NONE && t.subject && f->keys.k[t.subject].is_root)
						f->keys.k[t.subject].tested = true;
				}
			}
			clang_visitChildren(el->cursor, prescan_call, &ps);
			for (j = 0; j < el->n_skip; j++) {
				CXCursor kid[3];

				if (clang_getCursorKind(el->skip[j]) == CXCursor_ConditionalOperator &&
				    cfg_kids(el->skip[j], kid, 3) == 3) {
					unsigned *na = realloc(f->arms, (f->n_arms + 2) * sizeof(*na));

					if (!na)
						return false;
					f->arms = na;
					f->arms[f->n_arms++] = clang_hashCursor(px_strip(kid[1]));
					f->arms[f->n_arms++] = clang_hashCursor(px_strip(kid[2]));
				}
			}
		}
		for (i = 0; i < blk->n_succs; i++) {
			const struct cfg_edge *e = &blk->succs[i];
			pkey k = 0;

			if (e->kind == CFG_EDGE_TRUE || e->kind == CFG_EDGE_FALSE) {
				struct cond_test t;

				px_cond_test(f, e->cond, &t);
				k = t.kind != TEST_NONE ? t.subject : 0;
			} else if (e->kind == CFG_EDGE_CASE) {
				k = px_key(f, e->cond);
			}
			if (k && f->keys.k[k].is_root)
				f->keys.k[k].tested = true;
		}
	}
	if (f->n_cond_offs)
		qsort(f->cond_offs, f->n_cond_offs, sizeof(*f->cond_offs), cmp_unsigned);
	{
		struct sw_walk sw = { f, false };

		clang_visitChildren(f->decl, switch_visit, &sw);
		if (sw.nomem)
			return false;
		if (f->n_nodefault_offs)
			qsort(f->nodefault_offs, f->n_nodefault_offs, sizeof(*f->nodefault_offs), cmp_unsigned);
	}
	return !ps.nomem;
}

/* ---- loops whose body releases ------------------------------------------------------ */

struct relscan {
	struct pfunc *f;
	pkey *keys;
	unsigned n, cap;
	bool nomem;
};

static void relscan_add(struct relscan *rs, pkey k)
{
	unsigned i;

	for (i = 0; i < rs->n; i++)
		if (rs->keys[i] == k)
			return;
	if (rs->n == rs->cap) {
		unsigned ncap = rs->cap ? rs->cap * 2 : 8;
		pkey *nk = realloc(rs->keys, ncap * sizeof(*nk));

		if (!nk) {
			rs->nomem = true;
			return;
		}
		rs->keys = nk;
		rs->cap = ncap;
	}
	rs->keys[rs->n++] = k;
}

static enum CXChildVisitResult relscan_call(CXCursor c, CXCursor parent, CXClientData data)
{
	struct relscan *rs = data;
	struct pfunc *f = rs->f;
	struct pcall pc;
	unsigned i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	pcall_resolve(f, c, &pc);
	if (pc.callee == CALLEE_DDI) {
		for (i = 0; i < pc.ddi->n_releases; i++) {
			unsigned a = pc.ddi->releases[i].resource.arg;
			pkey k = a && a <= 32 && !clang_Cursor_isNull(pc.ddi_arg[a]) ? px_key(f, pc.ddi_arg[a]) : 0;

			if (k)
				relscan_add(rs, k);
		}
	} else if (pc.callee == CALLEE_LOCAL && pc.sum) {
		pkey args[32];

		for (i = 0; i < pc.n_args; i++)
			args[i] = px_key(f, pc.args[i].cursor);
		for (i = 0; i < pc.sum->n_eff; i++)
			if (pc.sum->eff[i].kind == EFF_RELEASE) {
				pkey k = key_subst(&f->keys, pc.sum->eff[i].tmpl, args, pc.n_args);

				if (k)
					relscan_add(rs, k);
			}
	}
	pcall_clear(&pc);
	return CXChildVisit_Recurse;
}

/* The for and while statements of the function: their extent, and where
 * the body starts (the condition comes before it). */
struct loop_stmt {
	unsigned begin, body, end;
};

struct loop_walk {
	struct pfunc *f;
	struct loop_stmt *l;
	unsigned n, cap;
	bool nomem;
};

static enum CXChildVisitResult loop_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct loop_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[4];
	unsigned n, bb, be;

	(void)parent;
	if (k != CXCursor_ForStmt && k != CXCursor_WhileStmt)
		return CXChildVisit_Recurse;
	n = cfg_kids(c, kid, 4);
	if (n == 0 || n > 4 || !main_range(w->f, kid[n - 1], &bb, &be))
		return CXChildVisit_Recurse;
	if (w->n == w->cap) {
		unsigned ncap = w->cap ? w->cap * 2 : 8;
		struct loop_stmt *nl = realloc(w->l, ncap * sizeof(*nl));

		if (!nl) {
			w->nomem = true;
			return CXChildVisit_Break;
		}
		w->l = nl;
		w->cap = ncap;
	}
	w->l[w->n].body = bb;
	if (main_range(w->f, c, &w->l[w->n].begin, &w->l[w->n].end))
		w->n++;
	return CXChildVisit_Recurse;
}

/* Loops whose body releases something: f->loop_released[h] (h the block
 * of the loop's condition) lists those keys, then the blocks inside the
 * loop statement (state.c: leaving such a loop). A release reached
 * through `break` is inside the statement, if not on the way back. */
static bool find_loops(struct pfunc *f)
{
	const struct cfg *cfg = f->cfg;
	struct loop_walk w;
	unsigned b, i, u, j;
	bool ok = false;

	memset(&w, 0, sizeof(w));
	w.f = f;
	clang_visitChildren(f->decl, loop_visit, &w);
	f->loop_released = calloc(cfg->n_blocks, sizeof(*f->loop_released));
	if (w.nomem || !f->loop_released)
		goto out;
	for (b = 0; b < cfg->n_blocks; b++) {
		const struct cfg_block *hb = &cfg->blocks[b];
		const struct loop_stmt *ls = NULL;
		struct relscan rs;
		unsigned at, members = 0;

		if (!hb->n_elems || hb->elems[hb->n_elems - 1].kind != CFG_ELEM_COND)
			continue;
		at = px_offset(f, hb->elems[hb->n_elems - 1].cursor);
		/* The innermost loop whose condition part holds this condition. */
		for (i = 0; i < w.n; i++)
			if (at >= w.l[i].begin && at < w.l[i].body && (!ls || w.l[i].begin >= ls->begin))
				ls = &w.l[i];
		if (!ls)
			continue;
		memset(&rs, 0, sizeof(rs));
		rs.f = f;
		for (u = 0; u < cfg->n_blocks; u++) {
			unsigned first = cfg->blocks[u].n_elems ? px_offset(f, cfg->blocks[u].elems[0].cursor) : 0;

			if (!cfg->blocks[u].n_elems || first < ls->begin || first >= ls->end)
				continue;
			members++;
			for (j = 0; j < cfg->blocks[u].n_elems; j++) {
				CXCursor c = cfg->blocks[u].elems[j].cursor;

				if (clang_getCursorKind(c) == CXCursor_CallExpr)
					relscan_call(c, clang_getNullCursor(), &rs);
				clang_visitChildren(c, relscan_call, &rs);
			}
		}
		if (rs.nomem) {
			free(rs.keys);
			goto out;
		}
		if (rs.n) {
			pkey *list = malloc((rs.n + members + 2) * sizeof(*list));

			if (!list) {
				free(rs.keys);
				goto out;
			}
			memcpy(list, rs.keys, rs.n * sizeof(*list));
			list[rs.n] = 0;
			i = rs.n + 1;
			for (u = 0; u < cfg->n_blocks; u++) {
				unsigned first = cfg->blocks[u].n_elems ? px_offset(f, cfg->blocks[u].elems[0].cursor) : 0;

				if (cfg->blocks[u].n_elems && first >= ls->begin && first < ls->end)
					list[i++] = (pkey)(u + 1);
			}
			list[i] = 0;
			f->loop_released[b] = list;
		}
		free(rs.keys);
	}
	ok = true;
out:
	free(w.l);
	return ok;
}

static void pset_clear(struct pfunc *f, struct pset *st)
{
	unsigned i;

	for (i = 0; i < st->n; i++)
		sub_unref(f, st->s[i]);
	st->n = 0;
}

/* Is anything still held at the exit (sub-state S) a leak? */
static void check_exit(struct pfunc *f, const struct sub *s, const struct psummary *sum, unsigned end_site)
{
	unsigned i;

	for (i = 0; i < s->n_rec; i++) {
		const struct rec *r = &s->rec[i];
		pkey root = key_root(&f->keys, r->key);
		const struct key_info *rk = &f->keys.k[root];
		const char *text = key_text(&f->keys, r->key);
		bool leak = false;

		if ((r->state != R_HELD && r->state != R_MAYBE) || (r->flags & (RF_LOSSY | RF_HANDED)) || !r->acq ||
		    !r->acq->needs_release || text[0] == '@' ||
		    (r->site < f->n_multi_site && f->multi_site[r->site]))
			continue;
		switch (r->acq->owner) {
		case KB_OWNER_VALUE:
			leak = (rk->kind == ROOT_LOCAL || rk->kind == ROOT_PARAM) && !sub_escaped(s, root);
			break;
		case KB_OWNER_OBJECT:
			/* A reference or a page lock on an object this function got
			 * from somewhere: only a local object it never handed on. */
			leak = rk->kind == ROOT_LOCAL && (r->key == root || key_deref(&f->keys, r->key) == root) &&
			       !sub_escaped(s, root);
			break;
		case KB_OWNER_FUNCTION:
			/* A routine that never releases a lock its caller can reach (a
			 * parameter's, a global) is an acquire routine (a file system's
			 * AcquireForLazyWrite callback, a lock helper): it means to
			 * return holding it. One that releases it on other paths and not
			 * on this one leaks it, and so does one holding a lock nobody
			 * else can name (its own local lock). */
			leak = !f->lock_annotated && !summary_acquires(f, sum, r->key, r->kind) &&
			       (f->keys.k[r->key].released || rk->kind == ROOT_LOCAL);
			break;
		}
		if (leak)
			report_missing(f, s, r, s->exit_site ? s->exit_site : end_site, s->exit_site ? "returns" : "ends");
	}
}

static void pfunc_free(struct pfunc *f)
{
	unsigned i;

	for (i = 1; i < f->n_sites; i++) {
		free(f->sites[i].text);
		free(f->sites[i].name);
	}
	free(f->sites);
	free(f->site_hash);
	free(f->tries);
	free(f->params);
	free(f->edge_ptr);
	free(f->edge_src);
	free(f->edge_site);
	free(f->edge_test);
	free(f->edge_tested);
	free(f->arms);
	free(f->cond_offs);
	free(f->nodefault_offs);
	free(f->alias_of);
	free(f->multi_site);
	free(f->ops);
	if (f->elem_info)
		for (i = 0; i < f->cfg->n_blocks; i++)
			free(f->elem_info[i]);
	free(f->elem_info);
	if (f->loop_released)
		for (i = 0; i < f->cfg->n_blocks; i++)
			free(f->loop_released[i]);
	free(f->loop_released);
	keytab_free(&f->keys);
	cfg_free(f->cfg);
}

/* A body whose AST error recovery degraded without an error in the file
 * itself (a header that is missing: its types are unknown, so member
 * accesses and calls through them are not what they seem) has expressions
 * of no type, or of the "dependent" type clang gives a recovery expression.
 * Nothing in it is trusted. */
static enum CXChildVisitResult degraded_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (clang_isExpression(k) && k != CXCursor_InitListExpr &&
	    (clang_getCursorType(c).kind == CXType_Invalid || clang_getCursorType(c).kind == CXType_Dependent)) {
		*(bool *)data = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static bool degraded(CXCursor fn)
{
	bool bad = false;

	clang_visitChildren(fn, degraded_visit, &bad);
	return bad;
}

/* Analyse function IDX; REPORTING: this is the pass whose events count.
 * Fills *SUM (done = false when nothing could be learnt). */
static enum ddl_status analyse(struct pfile *pf, unsigned idx, bool reporting, struct psummary *sum)
{
	struct pfunc f;
	struct cfg_opts opts = { is_noreturn, pf };
	struct ddl_error err;
	struct df_client cl;
	struct df_result *res = NULL;
	struct try_walk tw;
	CXCursor decl = pf->fns[idx].decl;
	unsigned b, i, n, end_site;
	enum ddl_status st = DDL_OK;
	int np;

	memset(sum, 0, sizeof(*sum));
	memset(&f, 0, sizeof(f));
	f.file = pf;
	f.decl = decl;
	f.name = pf->fns[idx].name;
	f.index = idx;
	f.reporting = false;
	keytab_init(&f.keys);
	{
		unsigned bo, eo;

		/* Error recovery may have dropped anything: trust nothing here. */
		if (!main_range(&f, decl, &bo, &eo) || fe_range_has_error(pf->tu, bo, eo + 1) || degraded(decl))
			goto out;
	}
	np = clang_Cursor_getNumArguments(decl);
	if (np > 0) {
		f.params = calloc((size_t)np, sizeof(*f.params));
		if (!f.params) {
			st = DDL_ERR_NOMEM;
			goto out;
		}
		f.n_params = (unsigned)np;
		for (i = 0; i < f.n_params; i++)
			f.params[i] = px_param_key(&f, clang_Cursor_getArgument(decl, i), i + 1);
	}
	clang_visitChildren(decl, annot_visit, &f);
	if (!find_aliases(&f)) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	f.cfg = cfg_build(decl, &opts, &err);
	if (!f.cfg) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	if (f.cfg->truncated || f.cfg->n_blocks > PATHS_MAX_BLOCKS)
		goto out;
	tw.f = &f;
	tw.nomem = false;
	clang_visitChildren(decl, try_visit, &tw);
	if (tw.nomem || !build_edges(&f) || !prescan(&f) || !find_loops(&f) || !elem_infos(&f)) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	state_client(&f, &cl);
	if (df_solve(f.cfg, &cl, &res) != DDL_OK) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	if (df_outcome(res) != DF_CONVERGED || f.gave_up || f.keys.full)
		goto out;
	{
		const struct pset *exit_st = df_reachable(res, f.cfg->exit) ? df_state_in(res, f.cfg->exit) : NULL;

		st = summary_build(&f, exit_st, sum);
		if (st != DDL_OK)
			goto out;
		if (!reporting)
			goto out;
		f.reporting = true;
		end_site = site_add(&f, SITE_END, decl, 1);
		if (end_site) {
			/* The closing brace. */
			CXSourceRange r = clang_getCursorExtent(decl);
			CXFile file;
			unsigned line, col, off;

			clang_getFileLocation(clang_getRangeEnd(r), &file, &line, &col, &off);
			f.sites[end_site].loc.line = line;
			f.sites[end_site].loc.col = col > 1 ? col - 1 : col;
		}
		for (b = 0; b < f.cfg->n_blocks && !f.gave_up; b++) {
			const struct cfg_block *blk = &f.cfg->blocks[b];
			struct pset cur;

			if (!df_reachable(res, b) || !blk->n_elems)
				continue;
			memcpy(&cur, df_state_in(res, b), sizeof(cur));
			for (i = 0; i < cur.n; i++)
				cur.s[i]->refs++;
			for (n = 0; n < blk->n_elems; n++)
				transfer_elem(&f, &cur, b, &blk->elems[n]);
			pset_clear(&f, &cur);
		}
		if (exit_st && !f.gave_up)
			for (i = 0; i < exit_st->n; i++)
				check_exit(&f, exit_st->s[i], sum, end_site);
		if (f.gave_up)
			report_reset(pf->rep);
	}
out:
	if (f.gave_up || f.nomem) {
		summary_clear(sum);
		if (reporting)
			report_reset(pf->rep);
	}
	if (f.nomem)
		st = DDL_ERR_NOMEM;
	df_free(res);
	pfunc_free(&f);
	return st;
}

/* ---- the run ------------------------------------------------------------------------------ */

static void pfile_free(struct pfile *pf)
{
	unsigned i;

	for (i = 0; i < pf->n_fns; i++) {
		free(pf->fns[i].name);
		summary_clear(&pf->fns[i].sum);
	}
	free(pf->fns);
	eng_resolver_free(pf->res);
	report_free(pf->rep);
}

enum ddl_status paths_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			  path_event_fn fn, void *user)
{
	struct pfile pf;
	struct collect col;
	struct graph g;
	struct tarjan t;
	enum ddl_status st = DDL_OK;
	unsigned i, start;

	(void)facts;
	memset(&pf, 0, sizeof(pf));
	memset(&g, 0, sizeof(g));
	memset(&t, 0, sizeof(t));
	pf.tu = tu;
	pf.kb = kb;
	pf.res = eng_resolver_new(tu, kb);
	pf.rep = report_new();
	if (!pf.res || !pf.rep) {
		pfile_free(&pf);
		return DDL_ERR_NOMEM;
	}
	pf.src = eng_resolver_source(pf.res, &pf.src_size);
	col.pf = &pf;
	col.nomem = false;
	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fn, &col);
	if (col.nomem || !pf.n_fns) {
		pfile_free(&pf);
		return col.nomem ? DDL_ERR_NOMEM : DDL_OK;
	}
	g.out = calloc(pf.n_fns, sizeof(*g.out));
	g.n_out = calloc(pf.n_fns, sizeof(*g.n_out));
	t.index = calloc(pf.n_fns, sizeof(*t.index));
	t.low = calloc(pf.n_fns, sizeof(*t.low));
	t.stack = calloc(pf.n_fns, sizeof(*t.stack));
	t.on = calloc(pf.n_fns, sizeof(*t.on));
	t.order = calloc(pf.n_fns, sizeof(*t.order));
	t.comp = calloc(pf.n_fns, sizeof(*t.comp));
	if (!g.out || !g.n_out || !t.index || !t.low || !t.stack || !t.on || !t.order || !t.comp) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < pf.n_fns && !g.nomem; i++) {
		struct gwalk w = { &pf, &g, i };

		clang_visitChildren(pf.fns[i].decl, graph_visit, &w);
	}
	if (g.nomem) {
		st = DDL_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < pf.n_fns; i++) {
		unsigned e;

		for (e = 0; e < g.n_out[i]; e++)
			if (g.out[i][e] != i)
				pf.fns[g.out[i][e]].called = true;
	}
	t.g = &g;
	t.n = pf.n_fns;
	for (i = 0; i < pf.n_fns; i++)
		if (!t.index[i])
			strongconnect(&t, i);
	/* t.order lists the components callees first, members of one component together. */
	for (start = 0; start < t.n_order && st == DDL_OK;) {
		unsigned end = start, round, rounds, k;
		bool recursive = false;

		while (end < t.n_order && t.comp[t.order[end]] == t.comp[t.order[start]])
			end++;
		for (k = start; k < end && !recursive; k++) {
			unsigned v = t.order[k], e;

			for (e = 0; e < g.n_out[v]; e++)
				recursive |= t.comp[g.out[v][e]] == t.comp[v];
		}
		rounds = recursive ? PATHS_SCC_ROUNDS : 1;
		for (round = 0; round < rounds && st == DDL_OK; round++) {
			bool last = round + 1 == rounds;

			for (k = start; k < end && st == DDL_OK; k++) {
				unsigned v = t.order[k];
				struct psummary sum;

				st = analyse(&pf, v, last, &sum);
				if (st != DDL_OK)
					break;
				summary_clear(&pf.fns[v].sum);
				pf.fns[v].sum = sum;
				if (last) {
					if (report_nomem(pf.rep)) {
						st = DDL_ERR_NOMEM;
						break;
					}
					report_flush(pf.rep, fn, user);
				}
			}
		}
		start = end;
	}
out:
	if (g.out)
		for (i = 0; i < pf.n_fns; i++)
			free(g.out[i]);
	free(g.out);
	free(g.n_out);
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.on);
	free(t.order);
	free(t.comp);
	pfile_free(&pf);
	return st;
}
