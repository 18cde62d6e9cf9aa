/* cfg_build.c - statements into blocks: the CFG of one function body.
 *
 * One walk over the body's statements, recursive only on statement nesting
 * (a compound statement's children are iterated; else-if chains and stacked
 * case labels are loops). This file has the statements that branch in place:
 * if/else, while, do, for, switch and its labels; jumps, labels and __try
 * are cfg_scope.c's, expressions and conditions cfg_expr.c's.
 */
#include "cfg_impl.h"

#include <stdlib.h>
#include <string.h>

static void stmt_if(struct cfg_builder *b, CXCursor s)
{
	unsigned after = cfg_b_new_block(b);

	/* else-if chains are a loop, not a recursion: they can be long. */
	for (;;) {
		CXCursor k[3];
		unsigned n = cfg_kids(s, k, 3), then, els;

		if (n < 2 || b->stop)
			break;
		then = cfg_b_new_block(b);
		els = n == 3 ? cfg_b_new_block(b) : after;
		cfg_b_cond(b, k[0], then, els);
		cfg_b_start(b, then);
		cfg_b_stmt(b, k[1]);
		cfg_b_goto(b, after);
		if (n < 3)
			break;
		cfg_b_start(b, els);
		if (clang_getCursorKind(k[2]) == CXCursor_IfStmt) {
			s = k[2];
			continue;
		}
		cfg_b_stmt(b, k[2]);
		cfg_b_goto(b, after);
		break;
	}
	cfg_b_start(b, after);
}

static struct cfg_scope *push_loop(struct cfg_builder *b, unsigned brk, unsigned cont)
{
	struct cfg_scope *sc = cfg_b_push_scope(b, CFG_SCOPE_LOOP);

	if (sc) {
		sc->brk = brk;
		sc->cont = cont;
	}
	return sc;
}

static void stmt_while(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[2];
	unsigned head, body, after, level = b->n_scopes;

	if (cfg_kids(s, k, 2) != 2)
		return;
	head = cfg_b_new_block(b);
	body = cfg_b_new_block(b);
	after = cfg_b_new_block(b);
	cfg_b_goto(b, head);
	cfg_b_start(b, head);
	cfg_b_cond(b, k[0], body, after);
	if (!push_loop(b, after, head))
		return;
	cfg_b_start(b, body);
	cfg_b_stmt(b, k[1]);
	cfg_b_goto(b, head);
	b->n_scopes = level;
	cfg_b_start(b, after);
}

static void stmt_do(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[2];
	unsigned body, test, after, level = b->n_scopes;

	if (cfg_kids(s, k, 2) != 2)
		return;
	body = cfg_b_new_block(b);
	test = cfg_b_new_block(b);
	after = cfg_b_new_block(b);
	cfg_b_goto(b, body);
	if (!push_loop(b, after, test))
		return;
	cfg_b_start(b, body);
	cfg_b_stmt(b, k[0]);
	cfg_b_goto(b, test);
	b->n_scopes = level;
	cfg_b_start(b, test);
	cfg_b_cond(b, k[1], body, after);
	cfg_b_start(b, after);
}

/* Skip blanks and comments in S from I (below END). */
static size_t skip_blank(const char *s, size_t i, size_t end)
{
	while (i < end) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
			i++;
		} else if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
			for (i += 2; i + 1 < end && !(s[i] == '*' && s[i + 1] == '/'); i++)
				;
			i += 2;
		} else if (s[i] == '/' && i + 1 < end && s[i + 1] == '/') {
			while (i < end && s[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	return i;
}

/* libclang leaves out the missing parts of a for header, so which child is
 * the condition is read from where the two semicolons of the header are.
 * Returns false when the header is not plain text (built by a macro). */
static bool for_semicolons(CXTranslationUnit tu, CXCursor s, CXCursor body, CXFile *file, unsigned *semi)
{
	CXFile f2;
	unsigned from, to, depth = 0, n = 0;
	const char *src;
	size_t size, i;

	if (!cfg_exp_offset(clang_getRangeStart(clang_getCursorExtent(s)), file, &from) ||
	    !cfg_exp_offset(clang_getRangeStart(clang_getCursorExtent(body)), &f2, &to) ||
	    !clang_File_isEqual(*file, f2) || to <= from || !(src = clang_getFileContents(tu, *file, &size)) ||
	    to > size || size - from < 3 || memcmp(src + from, "for", 3) != 0)
		return false;
	for (i = from + 3; i < to && n < 2; i++) {
		size_t j = skip_blank(src, i, to);

		if (j != i) {
			i = j - 1;
			continue;
		}
		switch (src[i]) {
		case '(': case '[': case '{':
			depth++;
			break;
		case ')': case ']': case '}':
			if (depth == 0)
				return false;
			depth--;
			break;
		case '"': case '\'': {
			char q = src[i];

			for (i++; i < to && src[i] != q; i++)
				if (src[i] == '\\')
					i++;
			break;
		}
		case ';':
			if (depth == 1)
				semi[n++] = (unsigned)i;
			break;
		default:
			break;
		}
	}
	return n == 2;
}

static void stmt_for(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[4], init = clang_getNullCursor(), cond = clang_getNullCursor(), inc = clang_getNullCursor();
	unsigned n = cfg_kids(s, k, 4), i, semi[2], head, body, step, after, level = b->n_scopes;
	CXFile file;

	if (n < 1 || n > 4)
		return;
	if (n == 4) {
		init = k[0];
		cond = k[1];
		inc = k[2];
	} else if (for_semicolons(b->tu, s, k[n - 1], &file, semi)) {
		for (i = 0; i + 1 < n; i++) {
			CXFile f;
			unsigned off;

			if (!cfg_exp_offset(clang_getRangeStart(clang_getCursorExtent(k[i])), &f, &off))
				continue;
			if (off < semi[0])
				init = k[i];
			else if (off < semi[1])
				cond = k[i];
			else
				inc = k[i];
		}
	} else if (n == 2) {
		/* FIXME: a for header written by a macro with parts missing: guess
		 * the most common shapes, for (init; ;) by a declaration, else for (; cond; ). */
		if (clang_getCursorKind(k[0]) == CXCursor_DeclStmt)
			init = k[0];
		else
			cond = k[0];
	} else if (n == 3) {
		init = k[0];
		cond = k[1];
	}
	if (!clang_Cursor_isNull(init))
		cfg_b_stmt(b, init);
	head = cfg_b_new_block(b);
	body = cfg_b_new_block(b);
	step = clang_Cursor_isNull(inc) ? head : cfg_b_new_block(b);
	after = cfg_b_new_block(b);
	cfg_b_goto(b, head);
	cfg_b_start(b, head);
	if (clang_Cursor_isNull(cond))
		cfg_b_goto(b, body); /* for (;;) */
	else
		cfg_b_cond(b, cond, body, after);
	if (!push_loop(b, after, step))
		return;
	cfg_b_start(b, body);
	cfg_b_stmt(b, k[n - 1]);
	cfg_b_goto(b, step);
	b->n_scopes = level;
	if (step != head) {
		cfg_b_start(b, step);
		cfg_b_value(b, inc, inc, CFG_ELEM_EXPR, false);
		cfg_b_goto(b, head);
	}
	cfg_b_start(b, after);
}

static void stmt_switch(struct cfg_builder *b, CXCursor s)
{
	CXCursor k[2];
	unsigned sw, after, level = b->n_scopes;
	struct cfg_scope *sc;

	if (cfg_kids(s, k, 2) != 2)
		return;
	/* The condition is evaluated in full, then CASE edges leave its block. */
	cfg_b_value(b, k[0], k[0], CFG_ELEM_EXPR, true);
	cfg_b_ensure(b);
	sw = b->cur;
	after = cfg_b_new_block(b);
	if (!(sc = cfg_b_push_scope(b, CFG_SCOPE_SWITCH)))
		return;
	sc->brk = after;
	sc->sw_block = sw;
	sc->sw_cond = k[0];
	b->cur = CFG_NONE; /* code before the first label runs for no value */
	cfg_b_stmt(b, k[1]);
	cfg_b_goto(b, after);
	if (!b->scopes[level].has_default)
		cfg_b_case_edge(b, sw, after, k[0], 0, 0, true);
	b->n_scopes = level;
	cfg_b_start(b, after);
}

/* case V: / case LO ... HI: / default:. Stacked labels (case 1: case 2: ...)
 * nest in the AST; they are a loop here, not a recursion. */
static void stmt_case(struct cfg_builder *b, CXCursor s, bool is_default)
{
	for (;;) {
		CXCursor k[3];
		unsigned n = cfg_kids(s, k, 3), sw = cfg_b_innermost(b, false, true, false), blk;
		enum CXCursorKind sub;
		long long lo = 0, hi = 0;

		if (n < 1 || n > 3 || b->stop)
			return;
		blk = cfg_b_new_block(b);
		cfg_b_goto(b, blk); /* fallthrough from the label above */
		if (sw != CFG_NONE) {
			if (!is_default) {
				if (!cfg_eval_int(k[0], &lo))
					lo = 0;
				hi = lo;
				if (n == 3 && !cfg_eval_int(k[1], &hi))
					hi = lo;
			} else {
				b->scopes[sw].has_default = true;
			}
			cfg_b_case_edge(b, b->scopes[sw].sw_block, blk, b->scopes[sw].sw_cond, lo, hi, is_default);
		}
		cfg_b_start(b, blk);
		sub = clang_getCursorKind(k[n - 1]);
		if (sub != CXCursor_CaseStmt && sub != CXCursor_DefaultStmt) {
			cfg_b_stmt(b, k[n - 1]);
			return;
		}
		s = k[n - 1];
		is_default = sub == CXCursor_DefaultStmt;
	}
}

static enum CXChildVisitResult visit_stmt(CXCursor c, CXCursor parent, CXClientData data)
{
	struct cfg_builder *b = data;

	(void)parent;
	cfg_b_stmt(b, c);
	return b->stop ? CXChildVisit_Break : CXChildVisit_Continue;
}

static enum CXChildVisitResult visit_decl(CXCursor c, CXCursor parent, CXClientData data)
{
	struct cfg_builder *b = data;
	CXCursor init;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	init = clang_Cursor_getVarDeclInitializer(c);
	/* A static or extern local's initialiser is not run here. */
	if (clang_Cursor_isNull(init) || clang_Cursor_hasVarDeclGlobalStorage(c) == 1)
		return CXChildVisit_Continue;
	cfg_b_value(b, c, init, CFG_ELEM_EXPR, true);
	return b->stop ? CXChildVisit_Break : CXChildVisit_Continue;
}

void cfg_b_stmt(struct cfg_builder *b, CXCursor s)
{
	enum CXCursorKind k = clang_getCursorKind(s);
	unsigned i;

	if (b->stop)
		return;
	switch (k) {
	case CXCursor_CompoundStmt:
		clang_visitChildren(s, visit_stmt, b);
		break;
	case CXCursor_NullStmt:
		break;
	case CXCursor_DeclStmt:
		clang_visitChildren(s, visit_decl, b);
		break;
	case CXCursor_IfStmt:
		stmt_if(b, s);
		break;
	case CXCursor_WhileStmt:
		stmt_while(b, s);
		break;
	case CXCursor_DoStmt:
		stmt_do(b, s);
		break;
	case CXCursor_ForStmt:
		stmt_for(b, s);
		break;
	case CXCursor_SwitchStmt:
		stmt_switch(b, s);
		break;
	case CXCursor_CaseStmt:
		stmt_case(b, s, false);
		break;
	case CXCursor_DefaultStmt:
		stmt_case(b, s, true);
		break;
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
		i = cfg_b_innermost(b, true, k == CXCursor_BreakStmt, false);
		if (i == CFG_NONE)
			b->cur = CFG_NONE;
		else
			cfg_b_jump(b, k == CXCursor_BreakStmt ? b->scopes[i].brk : b->scopes[i].cont, i + 1);
		break;
	case CXCursor_SEHLeaveStmt:
		i = cfg_b_innermost(b, false, false, true);
		if (i == CFG_NONE)
			b->cur = CFG_NONE;
		else
			cfg_b_jump(b, b->scopes[i].leave, i + 1);
		break;
	case CXCursor_ReturnStmt: {
		CXCursor v[1];

		cfg_b_value(b, s, cfg_kids(s, v, 1) ? v[0] : clang_getNullCursor(), CFG_ELEM_RETURN, true);
		cfg_b_jump(b, b->cfg->exit, 0);
		break;
	}
	case CXCursor_GotoStmt:
		cfg_b_goto_stmt(b, s);
		break;
	case CXCursor_IndirectGotoStmt:
		/* FIXME: goto *p (GNU) could reach any label whose address is
		 * taken; drivers do not write it, so the path just ends here. */
		cfg_b_value(b, s, s, CFG_ELEM_EXPR, true);
		b->cur = CFG_NONE;
		break;
	case CXCursor_LabelStmt: {
		CXCursor sub[1];
		unsigned blk = cfg_b_label_block(b, s);

		cfg_b_goto(b, blk);
		cfg_b_start(b, blk);
		if (cfg_kids(s, sub, 1))
			cfg_b_stmt(b, sub[0]);
		break;
	}
	case CXCursor_SEHTryStmt:
		cfg_b_try_stmt(b, s);
		break;
	case CXCursor_GCCAsmStmt:
	case CXCursor_MSAsmStmt:
		cfg_b_elem(b, CFG_ELEM_EXPR, s, NULL, 0);
		break;
	default:
		if (clang_isExpression(k)) {
			cfg_b_value(b, s, s, CFG_ELEM_EXPR, false);
		} else if (clang_isStatement(k)) {
			/* An attributed statement and the like: what it wraps. */
			clang_visitChildren(s, visit_stmt, b);
		}
		break;
	}
}

static enum CXChildVisitResult find_body(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

struct cfg *cfg_build(CXCursor fn, const struct cfg_opts *opts, struct ddl_error *err)
{
	static const struct cfg_opts no_opts;
	struct cfg_builder b;
	struct cfg *cfg = calloc(1, sizeof(*cfg));
	CXCursor body = clang_getNullCursor();

	if (!cfg) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory building a control-flow graph");
		return NULL;
	}
	memset(&b, 0, sizeof(b));
	b.cfg = cfg;
	b.opts = opts ? opts : &no_opts;
	b.tu = clang_Cursor_getTranslationUnit(fn);
	b.cur = CFG_NONE;
	/* The entry is the body's first block: loop heads and labels always
	 * get blocks of their own, so nothing jumps back to it. The final pass
	 * renumbers the exit last. */
	cfg->exit = CFG_NONE;
	cfg->entry = cfg_b_new_block(&b);
	cfg->exit = cfg_b_new_block(&b);
	/* The body is the function's CompoundStmt child (the others are parameters, attributes, types). */
	clang_visitChildren(fn, find_body, &body);
	cfg_b_start(&b, cfg->entry);
	if (!clang_Cursor_isNull(body))
		cfg_b_stmt(&b, body);
	cfg_b_goto(&b, cfg->exit);
	cfg_b_finish(&b);
	free(b.extra);
	free(b.scopes);
	free(b.labels);
	if (b.nomem) {
		cfg_free(cfg);
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory building a control-flow graph");
		return NULL;
	}
	return cfg;
}
