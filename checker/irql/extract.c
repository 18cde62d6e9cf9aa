/* extract.c - a parsed file into the IRQL model.
 *
 * For every function defined in a driver file of the unit (the main file,
 * and .c files it includes: the CodeQL harness includes its test program
 * that way): its CFG (cfg/) reduced to the operations that matter for the
 * IRQL, in evaluation order within each element (arguments before the call):
 *  - a call of a knowledge-base DDI (resolved by the name written at the
 *    call site, engine/resolve.c): its bounds and IRQL change (changes.c);
 *  - a call of any other function by name (its summary is applied when the
 *    program is solved), with the argument texts for slot substitution;
 *  - assignments of constants to local scalars and parameters, and the
 *    conditions on them at branches: the facts that keep correlated
 *    branches apart (`if (locked) release` after `if (x) { acquire; locked = TRUE; }`).
 * It also collects the roles the file gives routines: declarations
 * (entry.c), arguments of registering DDIs (KeInitializeDpc(&d, MyDpc, c)),
 * stores into registering members (DriverObject->MajorFunction[i] = f,
 * directly, chained, or through a helper's parameter), and exports.
 * A function touched by a compiler error or with a truncated CFG is kept
 * (by name, so callers know it) but marked not ok: never analysed, never
 * reported. The arguments of calls are args.c's, registrations register.c's,
 * fact variables and branch tests facts.c's (extract.h).
 */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- cursor helpers (shared with args.c, register.c, facts.c) ------------------ */

bool irql_x_loc(CXCursor c, CXFile *file, unsigned *line, unsigned *col, unsigned *off)
{
	clang_getExpansionLocation(clang_getCursorLocation(c), file, line, col, off);
	return *file != NULL;
}

char *irql_x_spelling(struct irql_arena *a, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = irql_ar_strdup(a, clang_getCString(s));

	clang_disposeString(s);
	return r;
}

/* Strip parentheses, implicit conversions and casts. */
CXCursor irql_x_strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid = clang_getNullCursor();

		if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr)
			return c;
		{
			CXCursor kids[2];
			unsigned n = cfg_kids(c, kids, 2);

			/* a cast's first child may be the TypeRef */
			for (unsigned i = 0; i < n && i < 2; i++)
				if (clang_isExpression(clang_getCursorKind(kids[i])))
					kid = kids[i];
		}
		if (clang_Cursor_isNull(kid))
			return c;
		c = kid;
	}
}

bool irql_x_eval(CXCursor c, long long *v)
{
	CXEvalResult ev = clang_Cursor_Evaluate(c);
	bool ok = false;

	if (!ev)
		return false;
	if (clang_EvalResult_getKind(ev) == CXEval_Int) {
		*v = clang_EvalResult_getAsLongLong(ev);
		ok = true;
	}
	clang_EvalResult_dispose(ev);
	return ok;
}

/* --- slots --------------------------------------------------------------------- */
int irql_x_param(const struct irql_fn *fn, const char *name)
{
	unsigned i;

	for (i = 0; i < fn->n_params; i++)
		if (fn->params[i] && strcmp(fn->params[i], name) == 0)
			return (int)i + 1;
	return 0;
}

int16_t irql_x_slot(struct irql_xctx *x, const char *key)
{
	return irql_fn_intern_key(x->fn, key);
}

/* The canonical text of expression C as written (its expansion range in its file). */
char *irql_x_text(struct irql_xctx *x, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	unsigned b, e, i, j;

	clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &b);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &e);
	if (!f1 || !f2 || !clang_File_isEqual(f1, x->file->file) || !clang_File_isEqual(f2, x->file->file) || e <= b)
		return NULL;
	i = irql_tok_at(x->file, b);
	j = irql_tok_at(x->file, e);
	return irql_tokens_text(&x->fn->ar, x->file, i, j);
}


static bool ends_with_c(const char *path)
{
	size_t n = strlen(path);
	static const char *const exts[] = { ".c", ".cc", ".cpp", ".cxx" };
	unsigned i;

	for (i = 0; i < 4; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && strcasecmp(path + n - e, exts[i]) == 0)
			return true;
	}
	return false;
}

static struct irql_file *file_of(struct xunit *u, CXFile f)
{
	unsigned i;

	for (i = 0; i < u->n_files; i++)
		if (clang_File_isEqual(u->files[i].file, f))
			return &u->files[i];
	return NULL;
}

/* The driver file F (main file, or an included .c), tokenized on first use; NULL for headers. */
static struct irql_file *driver_file(struct xunit *u, CXFile f)
{
	struct irql_file *df = file_of(u, f), *nf;
	bool is_main;
	CXString name;

	if (df)
		return df->toks || df->n_toks == 0 ? df : NULL;
	is_main = clang_File_isEqual(f, u->tu->main_file);
	name = clang_getFileName(f);
	if (!is_main && !ends_with_c(clang_getCString(name))) {
		clang_disposeString(name);
		return NULL;
	}
	nf = realloc(u->files, (u->n_files + 1) * sizeof(*nf));
	if (!nf) {
		clang_disposeString(name);
		u->nomem = true;
		return NULL;
	}
	u->files = nf;
	df = &u->files[u->n_files++];
	memset(df, 0, sizeof(*df));
	df->file = f;
	df->is_main = is_main;
	df->path = irql_ar_strdup(&u->out->ar, is_main ? u->tu->path : clang_getCString(name));
	clang_disposeString(name);
	if (irql_file_tokens(u->tu->tu, df) != DDL_OK)
		u->nomem = true;
	/* compiler errors in this file */
	{
		unsigned i, n = clang_getNumDiagnostics(u->tu->tu);

		for (i = 0; i < n; i++) {
			CXDiagnostic d = clang_getDiagnostic(u->tu->tu, i);
			CXFile ef;
			unsigned off;

			if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
				clang_getExpansionLocation(clang_getDiagnosticLocation(d), &ef, NULL, NULL, &off);
				if (ef && clang_File_isEqual(ef, f)) {
					unsigned *ne = realloc(df->err_offs, (df->n_errs + 1) * sizeof(*ne));

					if (ne) {
						df->err_offs = ne;
						ne[df->n_errs++] = off;
					}
				}
			}
			clang_disposeDiagnostic(d);
		}
	}
	return df;
}

static bool has_error(const struct irql_file *f, unsigned b, unsigned e)
{
	unsigned i;

	for (i = 0; i < f->n_errs; i++)
		if (f->err_offs[i] >= b && f->err_offs[i] <= e)
			return true;
	return false;
}

static struct irql_op *new_op(struct irql_xctx *x, enum irql_op_kind kind)
{
	struct irql_op *op;

	if (x->n_ops == x->cap_ops) {
		unsigned ncap = x->cap_ops ? x->cap_ops * 2 : 32;
		struct irql_op *no = realloc(x->ops, ncap * sizeof(*no));

		if (!no) {
			x->u->nomem = true;
			return NULL;
		}
		x->ops = no;
		x->cap_ops = ncap;
	}
	op = &x->ops[x->n_ops++];
	memset(op, 0, sizeof(*op));
	op->kind = (uint8_t)kind;
	op->max = op->min = op->to = op->restore_const = -1;
	op->save = op->restore = op->match = SLOT_NONE;
	op->callee = -1;
	op->callee_tu = -1;
	return op;
}

static void fact_op(struct irql_xctx *x, int var, bool set, long long value)
{
	struct irql_op *op;

	if (var < 0)
		return;
	op = new_op(x, set ? OP_SET : OP_KILL);
	if (op) {
		op->var = (uint16_t)var;
		op->value = value;
	}
}

/* --- one call -------------------------------------------------------------------- */
static bool is_noreturn(void *user, CXCursor call)
{
	struct xunit *u = user;
	struct eng_resolved r;
	bool nr = false;

	if (eng_resolve_call(u->res, call, &r)) {
		nr = r.ddi && r.ddi->noreturn;
		eng_resolved_clear(&r);
	} else {
		CXCursor ref = clang_getCursorReferenced(call);

		if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
			CXString s = clang_getCursorSpelling(ref);
			const struct kb_ddi *d = kb_lookup(u->kb, clang_getCString(s));

			nr = d && d->noreturn;
			clang_disposeString(s);
		}
	}
	return nr;
}

static bool decl_says_anything(const struct irql_decl *d)
{
	return d->req_min >= 0 || d->req_max >= 0 || d->raises >= 0 || d->always_max >= 0 || d->always_min >= 0 ||
	       d->says_change || d->same;
}

static void call_op(struct irql_xctx *x, CXCursor call)
{
	struct xunit *u = x->u;
	CXCursor ref = clang_getCursorReferenced(call);
	CXFile f;
	unsigned line, col, off, i;
	const struct kb_ddi *ddi = NULL;
	char *written = NULL, *callee = NULL;
	bool via_macro = false, args_match = false;
	struct callargs ca;
	struct irql_argsrc src;
	struct irql_op *op;

	clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(call)), &f, &line, &col, &off);
	if (!f || !clang_File_isEqual(f, x->file->file))
		return; /* written in a header (an inline DDI's body) */
	if (x->file->is_main) {
		struct eng_resolved r;

		if (eng_resolve_call(u->res, call, &r)) {
			ddi = r.ddi;
			via_macro = r.via_macro;
			args_match = r.args_match;
			written = irql_ar_strdup(&x->fn->ar, r.written);
			callee = irql_ar_strdup(&x->fn->ar, r.callee);
			eng_resolved_clear(&r);
		}
	} else {
		/* an included .c file: the name written there, then the callee */
		unsigned t = irql_tok_at(x->file, off);

		if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl)
			callee = irql_x_spelling(&x->fn->ar, ref);
		if (t < x->file->n_toks && x->file->toks[t].off == off && x->file->toks[t].kind == CXToken_Identifier)
			written = irql_ar_strndup(&x->fn->ar, x->file->toks[t].text, x->file->toks[t].len);
		if (written && callee && strcmp(written, callee) != 0)
			ddi = kb_lookup(u->kb, written);
		via_macro = ddi != NULL;
		if (!ddi && callee) {
			ddi = kb_lookup(u->kb, callee);
			written = callee;
		}
		args_match = ddi && callee && kb_lookup(u->kb, callee) == ddi;
	}
	if (!ddi && (clang_Cursor_isNull(ref) || clang_getCursorKind(ref) != CXCursor_FunctionDecl))
		return; /* through a pointer: unknown, no effect */
	if (ddi) {
		/* One written call is one op: a header macro that expands to
		 * several calls counts once, as written. */
		for (i = x->n_ops; i-- > 0;)
			if (x->ops[i].kind == OP_DDI && x->ops[i].ddi == ddi && x->ops[i].line == line &&
			    x->ops[i].col == col)
				return;
	}
	memset(&ca, 0, sizeof(ca));
	ca.x = x;
	ca.call = call;
	ca.ddi = ddi;
	ca.via_macro = via_macro;
	if (written)
		irql_x_read_args(&ca, off, written);
	if (ca.n == 0 && callee && (!written || strcmp(written, callee) != 0))
		irql_x_read_args(&ca, off, callee);
	ca.cursor_args = (!via_macro || args_match) && clang_Cursor_getNumArguments(call) >= 0 &&
			 (unsigned)clang_Cursor_getNumArguments(call) == ca.n && ca.n > 0;
	memset(&src, 0, sizeof(src));
	src.n = ca.n;
	src.text = ca.text;
	src.value = irql_x_arg_value;
	src.param_name = irql_x_arg_param;
	src.user = &ca;
	src.slot = irql_x_arg_slot;
	op = new_op(x, ddi ? OP_DDI : OP_CALL);
	if (!op)
		return;
	op->file = x->fn->file;
	op->line = line;
	op->col = col;
	if (ddi) {
		unsigned idx = (unsigned)(op - x->ops);

		/* SRC's slot callback may grow the slot table but not the ops */
		irql_ddi_op(&x->fn->ar, ddi, &src, op);
		op = &x->ops[idx];
		op->name = written ? written : ddi->name;
		if ((op->flags & OPF_IF_TRUE) && x->fn->n_vars < 0xffff) {
			struct pending *nr = realloc(x->results, (x->n_results + 1) * sizeof(*nr));

			if (nr) {
				op->var = (uint16_t)x->fn->n_vars++;
				x->results = nr;
				nr[x->n_results].call = call;
				nr[x->n_results].op = idx;
				x->n_results++;
			} else {
				op->flags &= (uint8_t)~OPF_IF_TRUE;
			}
		}
		if (op->flags & OPF_PENDING) {
			struct pending *np = realloc(x->pend, (x->n_pend + 1) * sizeof(*np));

			op->save = SLOT_UNTRACKED;
			if (np) {
				x->pend = np;
				np[x->n_pend].call = call;
				np[x->n_pend].op = idx;
				x->n_pend++;
			}
		}
		irql_x_ddi_registrations(x, &ca, &src);
		return;
	}
	op->name = callee;
	op->callee_tu = clang_getCursorLinkage(ref) == CXLinkage_Internal ? 0 : -1;
	op->n_args = ca.n;
	if (ca.n) {
		op->args = irql_ar_alloc(&x->fn->ar, ca.n * sizeof(*op->args));
		op->argval = irql_ar_alloc(&x->fn->ar, ca.n * sizeof(*op->argval));
		if (op->args)
			for (i = 0; i < ca.n; i++)
				op->args[i] = ca.text[i];
		for (i = 0; op->argval && i < ca.n && i < 32; i++)
			if (irql_x_arg_value(&ca, i + 1, &op->argval[i]))
				op->argknown |= 1u << i;
	}
	{
		struct irql_decl d;

		irql_decl_init(&d);
		irql_decl_read(ref, &x->fn->ar, &d);
		if (decl_says_anything(&d)) {
			op->cdecl = irql_ar_alloc(&x->fn->ar, sizeof(*op->cdecl));
			if (op->cdecl)
				*op->cdecl = d;
		}
	}
}

/* X = CALL(...) or T X = CALL(...): a pending "save into the result" goes to X. */
static void resolve_pending(struct irql_xctx *x, CXCursor value, const char *dest_key)
{
	unsigned i;

	value = irql_x_strip(value);
	if (clang_getCursorKind(value) != CXCursor_CallExpr)
		return;
	for (i = 0; i < x->n_pend; i++)
		if (clang_equalCursors(x->pend[i].call, value)) {
			x->ops[x->pend[i].op].save = dest_key ? irql_x_slot(x, dest_key) : SLOT_UNTRACKED;
			x->pend[i] = x->pend[--x->n_pend];
			return;
		}
}

static void handle(struct irql_xctx *x, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	char opbuf[8];
	const char *oper;

	switch (k) {
	case CXCursor_CallExpr:
		call_op(x, c);
		break;
	case CXCursor_BinaryOperator: {
		CXCursor kids[2];

		if (cfg_kids(c, kids, 2) != 2)
			break;
		oper = cfg_operator(c, opbuf, sizeof(opbuf));
		if (!oper) {
			/* inside a macro body: an assignment keeps its left side's type */
			CXType t = clang_getCursorType(c), lt = clang_getCursorType(kids[0]);

			if (clang_equalTypes(clang_getCanonicalType(t), clang_getCanonicalType(lt)) &&
			    clang_getCanonicalType(lt).kind == CXType_Pointer)
				oper = "=";
		}
		if (oper && strcmp(oper, "=") == 0) {
			int var = irql_x_tracked(x, kids[0]), r = -1;
			long long v = 0;

			if (clang_getCursorKind(irql_x_strip(kids[1])) == CXCursor_CallExpr)
				r = irql_x_result_op(x, irql_x_strip(kids[1]));
			if (var >= 0 && r >= 0)
				x->ops[r].var = (uint16_t)var; /* ok = ExTryToAcquireFastMutex(...): OK is the result */
			else if (var >= 0) {
				bool known = irql_x_eval(kids[1], &v);

				fact_op(x, var, known, v);
			}
			resolve_pending(x, kids[1], irql_x_text(x, kids[0]));
			irql_x_field_registration(x, kids[0], kids[1], c);
		} else if (!oper) {
			fact_op(x, irql_x_tracked(x, kids[0]), false, 0);
		}
		break;
	}
	case CXCursor_CompoundAssignOperator: {
		CXCursor kids[2];

		if (cfg_kids(c, kids, 2) >= 1)
			fact_op(x, irql_x_tracked(x, kids[0]), false, 0);
		break;
	}
	case CXCursor_UnaryOperator: {
		CXCursor kids[1];

		if (cfg_kids(c, kids, 1) < 1)
			break;
		oper = cfg_operator(c, opbuf, sizeof(opbuf));
		if (!oper || strcmp(oper, "++") == 0 || strcmp(oper, "--") == 0)
			fact_op(x, irql_x_tracked(x, kids[0]), false, 0);
		break;
	}
	case CXCursor_VarDecl: {
		struct xvar *v = irql_x_var(x, c);
		CXCursor kids[4];
		unsigned n = cfg_kids(c, kids, 4), i;
		CXCursor init = clang_getNullCursor();
		long long val = 0;

		for (i = 0; i < n && i < 4; i++)
			if (clang_isExpression(clang_getCursorKind(kids[i])))
				init = kids[i];
		if (v && v->id >= 0 && !clang_Cursor_isNull(init) &&
		    clang_getCursorKind(irql_x_strip(init)) == CXCursor_CallExpr && irql_x_result_op(x, irql_x_strip(init)) >= 0)
			x->ops[irql_x_result_op(x, irql_x_strip(init))].var = (uint16_t)v->id;
		else if (v && v->id >= 0) {
			bool known = !clang_Cursor_isNull(init) && irql_x_eval(init, &val);

			fact_op(x, v->id, known, val);
		}
		if (!clang_Cursor_isNull(init) && v)
			resolve_pending(x, init, v->name);
		break;
	}
	default:
		break;
	}
}

static enum CXChildVisitResult visit_post(CXCursor c, CXCursor parent, CXClientData data)
{
	struct irql_xctx *x = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (x->u->nomem)
		return CXChildVisit_Break;
	if (cfg_elem_skips(x->elem, c) || k == CXCursor_UnaryExpr || clang_isStatement(k) ||
	    k == CXCursor_LambdaExpr)
		return CXChildVisit_Continue; /* evaluated elsewhere, or not at all (sizeof) */
	if (k == CXCursor_CallExpr) {
		if (x->n_calllocs == x->cap_calllocs) {
			unsigned ncap = x->cap_calllocs ? x->cap_calllocs * 2 : 8;
			CXSourceLocation *nl = realloc(x->calllocs, ncap * sizeof(*nl));

			if (nl) {
				x->calllocs = nl;
				x->cap_calllocs = ncap;
			}
		}
		if (x->n_calllocs < x->cap_calllocs)
			x->calllocs[x->n_calllocs++] = clang_getCursorLocation(c);
	}
	clang_visitChildren(c, visit_post, x);
	if (k == CXCursor_DeclRefExpr)
		irql_x_note_fn_ref(x, c);
	handle(x, c);
	return CXChildVisit_Continue;
}

/* --- one function ----------------------------------------------------------------- */
static bool build_graph(struct irql_xctx *x, const struct cfg *cfg)
{
	struct irql_fn *fn = x->fn;
	unsigned b, e, n_edges = 0, *first = calloc(cfg->n_blocks + 1, sizeof(*first));
	unsigned *count = calloc(cfg->n_blocks + 1, sizeof(*count));

	if (!first || !count) {
		free(first);
		free(count);
		return false;
	}
	for (b = 0; b < cfg->n_blocks; b++) {
		first[b] = x->n_ops;
		for (e = 0; e < cfg->blocks[b].n_elems; e++) {
			x->elem = &cfg->blocks[b].elems[e];
			if (clang_getCursorKind(x->elem->cursor) == CXCursor_CallExpr ||
			    clang_getCursorKind(x->elem->cursor) == CXCursor_VarDecl ||
			    clang_isExpression(clang_getCursorKind(x->elem->cursor))) {
				/* the element itself is an expression: visit it as a node */
				if (clang_getCursorKind(x->elem->cursor) == CXCursor_CallExpr && x->n_calllocs < x->cap_calllocs)
					x->calllocs[x->n_calllocs++] = clang_getCursorLocation(x->elem->cursor);
				clang_visitChildren(x->elem->cursor, visit_post, x);
				handle(x, x->elem->cursor);
			} else {
				clang_visitChildren(x->elem->cursor, visit_post, x);
			}
			x->n_pend = 0;
			x->n_calllocs = 0;
		}
		count[b] = x->n_ops - first[b];
		n_edges += cfg->blocks[b].n_succs;
	}
	fn->ops = x->ops;
	fn->n_ops = x->n_ops;
	x->ops = NULL;
	fn->g.n_blocks = cfg->n_blocks;
	fn->g.entry = cfg->entry;
	fn->g.exit = cfg->exit;
	fn->g.blocks = calloc(cfg->n_blocks + 1, sizeof(*fn->g.blocks));
	fn->elems = calloc(fn->n_ops + 1, sizeof(*fn->elems));
	fn->edges = calloc(n_edges + 1, sizeof(*fn->edges));
	fn->tests = calloc(n_edges + 1, sizeof(*fn->tests));
	if (!fn->g.blocks || !fn->elems || !fn->edges || !fn->tests) {
		free(first);
		free(count);
		return false;
	}
	fn->n_edges = n_edges;
	n_edges = 0;
	for (b = 0; b < cfg->n_blocks; b++) {
		const struct cfg_block *ob = &cfg->blocks[b];
		struct cfg_block *nb = &fn->g.blocks[b];

		nb->elems = fn->elems + first[b];
		nb->n_elems = count[b];
		for (e = 0; e < count[b]; e++) {
			fn->elems[first[b] + e].kind = CFG_ELEM_EXPR;
			fn->elems[first[b] + e].cursor = clang_getNullCursor();
		}
		nb->succs = fn->edges + n_edges;
		nb->n_succs = ob->n_succs;
		nb->preds = ob->n_preds ? malloc(ob->n_preds * sizeof(*nb->preds)) : NULL;
		if (ob->n_preds && !nb->preds) {
			free(first);
			free(count);
			return false;
		}
		if (ob->n_preds)
			memcpy(nb->preds, ob->preds, ob->n_preds * sizeof(*nb->preds));
		nb->n_preds = ob->n_preds;
		nb->try_except_depth = ob->try_except_depth;
		for (e = 0; e < ob->n_succs; e++) {
			const struct cfg_edge *oe = &ob->succs[e];
			struct cfg_edge *ne = &fn->edges[n_edges];
			struct irql_test *t = &fn->tests[n_edges];

			*ne = *oe;
			ne->cond = clang_getNullCursor();
			t->kind = T_NONE;
			if ((oe->kind == CFG_EDGE_TRUE || oe->kind == CFG_EDGE_FALSE) && !clang_Cursor_isNull(oe->cond)) {
				irql_x_edge_test(x, oe->cond, oe->kind == CFG_EDGE_TRUE, t);
			} else if (oe->kind == CFG_EDGE_CASE && !oe->is_default && oe->case_value == oe->case_high) {
				int var = irql_x_tracked(x, oe->cond);

				if (var >= 0) {
					t->var = (uint16_t)var;
					t->kind = T_EQ;
					t->value = oe->case_value;
				}
			}
			n_edges++;
		}
	}
	free(first);
	free(count);
	return true;
}

static void free_xctx(struct irql_xctx *x)
{
	free(x->results);
	free(x->calllocs);
	free(x->vars);
	free(x->ops);
	free(x->pend);
}

static void extract_fn(struct xunit *u, CXCursor def, struct irql_file *file)
{
	struct irql_batch *b = u->out;
	struct irql_fn *fn = calloc(1, sizeof(*fn)), **nf;
	struct irql_xctx x;
	CXFile f;
	unsigned off, i, begin, end;
	int n;
	enum irql_role_how how;
	const struct kb_role *role;
	struct cfg *cfg = NULL;
	struct ddl_error err = { 0 };
	struct cfg_opts opts = { is_noreturn, u };

	if (!fn) {
		u->nomem = true;
		return;
	}
	nf = realloc(b->fns, (b->n_fns + 1) * sizeof(*nf));
	if (!nf) {
		free(fn);
		u->nomem = true;
		return;
	}
	b->fns = nf;
	b->fns[b->n_fns++] = fn;
	memset(&x, 0, sizeof(x));
	x.u = u;
	x.fn = fn;
	x.file = file;
	x.def = def;
	fn->name = irql_x_spelling(&fn->ar, def);
	fn->file = irql_ar_strdup(&fn->ar, file->path);
	irql_x_loc(def, &f, &fn->line, &fn->col, &off);
	fn->is_static = clang_getCursorLinkage(def) == CXLinkage_Internal;
	fn->tu = 0;
	irql_decl_init(&fn->decl);
	irql_decl_read(def, &fn->ar, &fn->decl);
	n = clang_Cursor_getNumArguments(def);
	if (n > 0) {
		fn->params = irql_ar_alloc(&fn->ar, (size_t)n * sizeof(*fn->params));
		if (fn->params)
			for (i = 0; i < (unsigned)n; i++)
				fn->params[i] = irql_x_spelling(&fn->ar, clang_Cursor_getArgument(def, i));
		fn->n_params = fn->params ? (unsigned)n : 0;
	}
	role = irql_decl_role(def, u->kb, &how);
	if (role) {
		CXCursor canon = clang_getCanonicalCursor(def);
		CXFile cf;
		unsigned cl, cc, co;
		CXString cn;

		irql_x_loc(canon, &cf, &cl, &cc, &co);
		cn = clang_getFileName(cf);
		irql_x_add_role(fn, role, how, irql_ar_strdup(&fn->ar, cf && file_of(u, cf) ? file_of(u, cf)->path :
							 clang_getCString(cn)), cl, cc, NULL, NULL, false);
		clang_disposeString(cn);
	}
	if (!fn->is_static) {
		unsigned k, nr = kb_reg_count(u->kb);

		for (k = 0; k < nr; k++) {
			const struct kb_reg *r = kb_reg_get(u->kb, k);

			if (r->kind == KB_REG_EXPORT && strcmp(r->name, fn->name) == 0)
				irql_x_add_role(fn, r->role, ROLE_EXPORT, fn->file, fn->line, fn->col, NULL, NULL, false);
		}
	}
	{
		const char *how_p = NULL;
		unsigned pl = fn->line, pc = fn->col;
		struct irql_paging *pg = file->paging;

		if (!pg)
			pg = file->paging = irql_paging_scan(file, u->tu->tu, &u->out->ar);
		if (pg && irql_paging_of(pg, file, u->tu->tu, def, fn->name, &fn->ar, &how_p, &pl, &pc)) {
			fn->pageable = true;
			fn->paged_how = how_p;
			fn->paged_file = fn->file;
			fn->paged_line = pl;
			fn->paged_col = pc;
		}
	}
	/* Trust: no compiler error inside the definition. */
	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(def)), NULL, NULL, NULL, &begin);
	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(def)), NULL, NULL, NULL, &end);
	if (has_error(file, begin, end))
		goto out;
	/* Variables: parameters and locals, which of them facts can follow. */
	for (i = 0; i < fn->n_params; i++)
		irql_x_add_var(&x, clang_Cursor_getArgument(def, i), false);
	clang_visitChildren(def, irql_x_visit_vars, &x);
	fn->locals = irql_ar_alloc(&fn->ar, (x.n_vars + 1) * sizeof(*fn->locals));
	for (i = 0; fn->locals && i < x.n_vars; i++)
		if (x.vars[i].local)
			fn->locals[fn->n_locals++] = x.vars[i].name;
	for (i = 0; i < x.n_vars; i++)
		if (x.vars[i].scalar && !x.vars[i].addr_taken && fn->n_vars < 0xffff &&
		    clang_getCursorKind(x.vars[i].decl) != CXCursor_FunctionDecl)
			x.vars[i].id = (int)fn->n_vars++;
	cfg = cfg_build(def, &opts, &err);
	if (!cfg) {
		u->nomem = true;
		goto out;
	}
	if (cfg->truncated)
		goto out;
	if (!build_graph(&x, cfg)) {
		u->nomem = true;
		goto out;
	}
	fn->ok = !u->nomem;
out:
	cfg_free(cfg);
	free_xctx(&x);
}

struct collect {
	struct xunit *u;
};

static enum CXChildVisitResult collect_fns(CXCursor c, CXCursor parent, CXClientData data)
{
	struct xunit *u = data;
	CXFile f;
	unsigned line, col, off;
	struct irql_file *df;

	(void)parent;
	if (u->nomem)
		return CXChildVisit_Break;
	if (clang_getCursorKind(c) == CXCursor_VarDecl && irql_x_loc(c, &f, &line, &col, &off) && driver_file(u, f)) {
		/* a function in a file-scope table (a dispatch table) may be called from anywhere */
		clang_visitChildren(c, irql_x_visit_table, u);
		return CXChildVisit_Continue;
	}
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	if (!irql_x_loc(c, &f, &line, &col, &off))
		return CXChildVisit_Continue;
	df = driver_file(u, f);
	if (!df)
		return CXChildVisit_Continue;
	extract_fn(u, c, df);
	return CXChildVisit_Continue;
}

enum ddl_status irql_extract(const struct fe_tu *tu, const struct kb *kb, struct irql_batch *out)
{
	struct xunit u;
	unsigned i;

	memset(out, 0, sizeof(*out));
	memset(&u, 0, sizeof(u));
	u.tu = tu;
	u.kb = kb;
	u.out = out;
	u.res = eng_resolver_new(tu, kb);
	if (!u.res)
		return DDL_ERR_NOMEM;
	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fns, &u);
	if (eng_resolver_nomem(u.res))
		u.nomem = true;
	eng_resolver_free(u.res);
	for (i = 0; i < u.n_files; i++) {
		irql_paging_free(u.files[i].paging);
		irql_file_free(&u.files[i]);
	}
	free(u.files);
	if (u.nomem) {
		irql_batch_free(out);
		return DDL_ERR_NOMEM;
	}
	return DDL_OK;
}

void irql_fn_free(struct irql_fn *fn)
{
	unsigned b;

	if (!fn)
		return;
	for (b = 0; fn->g.blocks && b < fn->g.n_blocks; b++)
		free(fn->g.blocks[b].preds);
	free(fn->g.blocks);
	free(fn->elems);
	free(fn->edges);
	free(fn->tests);
	free(fn->ops);
	free(fn->slots);
	free(fn->roles);
	free(fn->pregs);
	free(fn->sum.slot_exit);
	free(fn->sum.matches);
	free(fn->op_in);
	if (fn->eff) {
		unsigned i;

		for (i = 0; i < fn->n_ops; i++) {
			free(fn->eff[i].map);
			free(fn->eff[i].konst);
		}
		free(fn->eff);
	}
	irql_ar_free(&fn->ar);
	free(fn);
}

void irql_batch_free(struct irql_batch *b)
{
	unsigned i;

	for (i = 0; i < b->n_fns; i++)
		irql_fn_free(b->fns[i]);
	free(b->fns);
	free(b->regs);
	free(b->addrs);
	irql_ar_free(&b->ar);
	memset(b, 0, sizeof(*b));
}
