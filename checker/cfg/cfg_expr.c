/* cfg_expr.c - expressions into elements and branches.
 *
 * A full expression is one element: the engines walk its cursor tree. It is
 * split only where evaluation really branches and the branch matters:
 *  - in a condition, every operand of && and || is a COND of its own, `!`
 *    swaps the TRUE and FALSE targets, c ? a : b branches on c, and the left
 *    side of a comma is an EXPR before the rest;
 *  - inside any full expression, a ?: whose arms call something, and an && or
 *    || whose right side calls something, get their blocks: `x = c ? a() : b()`
 *    puts a() and b() on different branches, then the element for the whole
 *    expression lists the ?: in its skip set (cfg_elem_skips);
 *  - a statement expression ({ ... }) is its statements;
 *  - a call that never returns (cfg_opts.is_noreturn) ends its block.
 * A condition that is an integer constant without side effects (while (1),
 * do {} while (0), if (0)) is not an element: one NORMAL edge goes to the
 * branch it selects.
 * libclang before 17 does not say which operator a BinaryOperator is, so it
 * is read from the source between the operands (cfg_operator); when it sits
 * inside a macro body nothing can be read and the condition stays whole.
 * FIXME: a split-off arm is evaluated before the rest of its full
 * expression, even when the rest comes first in C (f(g(), c ? a() : b())).
 */
#include "cfg_impl.h"

#include <stdlib.h>
#include <string.h>

struct kids {
	CXCursor *out;
	unsigned max, n;
};

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n < k->max)
		k->out[k->n] = c;
	k->n++;
	return CXChildVisit_Continue;
}

/* The children of C: stores the first MAX into OUT, returns how many there are. */
unsigned cfg_kids(CXCursor c, CXCursor *out, unsigned max)
{
	struct kids k = { out, max, 0 };

	clang_visitChildren(c, collect, &k);
	return k.n;
}

bool cfg_exp_offset(CXSourceLocation loc, CXFile *file, unsigned *off)
{
	unsigned line, col;

	*file = NULL;
	clang_getExpansionLocation(loc, file, &line, &col, off);
	return *file != NULL;
}

static bool same_extent(CXCursor a, CXCursor b)
{
	CXSourceRange ra = clang_getCursorExtent(a), rb = clang_getCursorExtent(b);

	return clang_equalLocations(clang_getRangeStart(ra), clang_getRangeStart(rb)) &&
	       clang_equalLocations(clang_getRangeEnd(ra), clang_getRangeEnd(rb));
}

/* C without the parentheses and implicit conversions around it (libclang
 * shows an implicit cast as an UnexposedExpr with one child of the same extent). */
CXCursor cfg_strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid[2];

		if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
			return c;
		if (cfg_kids(c, kid, 2) != 1 || (k == CXCursor_UnexposedExpr && !same_extent(c, kid[0])))
			return c;
		c = kid[0];
	}
}

bool cfg_eval_int(CXCursor c, long long *v)
{
	CXEvalResult ev = clang_Cursor_Evaluate(c);
	bool ok = false;

	if (!ev)
		return false;
	switch (clang_EvalResult_getKind(ev)) {
	case CXEval_Int:
		*v = clang_EvalResult_isUnsignedInt(ev) ? (long long)clang_EvalResult_getAsUnsigned(ev)
							: clang_EvalResult_getAsLongLong(ev);
		ok = true;
		break;
	case CXEval_Float:
		*v = clang_EvalResult_getAsDouble(ev) != 0.0;
		ok = true;
		break;
	default:
		break;
	}
	clang_EvalResult_dispose(ev);
	return ok;
}

/* ---- operators from the source ---------------------------------------------- */

static const char *const puncts[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
};

/* The punctuator of the source between FROM and TO (expansion locations
 * in one file), after blanks and comments. */
static const char *punct_between(CXTranslationUnit tu, CXSourceLocation from, CXSourceLocation to, char *buf,
				 size_t size)
{
	CXFile f1, f2;
	unsigned a, z, i;
	const char *src;
	size_t len;

	if (size < 4 || !cfg_exp_offset(from, &f1, &a) || !cfg_exp_offset(to, &f2, &z) || !clang_File_isEqual(f1, f2) ||
	    z <= a || !(src = clang_getFileContents(tu, f1, &len)) || z > len)
		return NULL;
	while (a < z) {
		if (src[a] == ' ' || src[a] == '\t' || src[a] == '\n' || src[a] == '\r' || src[a] == '\\') {
			a++;
		} else if (src[a] == '/' && a + 1 < z && src[a + 1] == '*') {
			for (a += 2; a + 1 < z && !(src[a] == '*' && src[a + 1] == '/'); a++)
				;
			a += 2;
		} else if (src[a] == '/' && a + 1 < z && src[a + 1] == '/') {
			while (a < z && src[a] != '\n')
				a++;
		} else {
			break;
		}
	}
	if (a >= z)
		return NULL;
	for (i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
		size_t n = strlen(puncts[i]);

		if (a + n <= z && memcmp(src + a, puncts[i], n) == 0) {
			memcpy(buf, puncts[i], n + 1);
			return buf;
		}
	}
	if (!strchr("!%&*+,-./:<=>?^|~", src[a]))
		return NULL;
	buf[0] = src[a];
	buf[1] = '\0';
	return buf;
}

const char *cfg_operator(CXCursor op, char *buf, size_t size)
{
	enum CXCursorKind k = clang_getCursorKind(op);
	CXTranslationUnit tu = clang_Cursor_getTranslationUnit(op);
	CXCursor kid[3];
	unsigned n = cfg_kids(op, kid, 3);
	CXSourceRange r = clang_getCursorExtent(op);
	const char *p;

	if ((k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator) && n == 2)
		return punct_between(tu, clang_getRangeEnd(clang_getCursorExtent(kid[0])),
				     clang_getRangeStart(clang_getCursorExtent(kid[1])), buf, size);
	if (k != CXCursor_UnaryOperator || n != 1)
		return NULL;
	/* Prefix (! - ~ ++ & *) before the operand, else postfix (++ --) after it. */
	p = punct_between(tu, clang_getRangeStart(r), clang_getRangeStart(clang_getCursorExtent(kid[0])), buf, size);
	if (!p)
		p = punct_between(tu, clang_getRangeEnd(clang_getCursorExtent(kid[0])), clang_getRangeEnd(r), buf, size);
	return p;
}

static bool op_is(CXCursor c, const char *what)
{
	char buf[8];
	const char *op = cfg_operator(c, buf, sizeof(buf));

	return op && strcmp(op, what) == 0;
}

/* ---- scans -------------------------------------------------------------------- */

struct scan {
	bool calls;   /* look for calls (and statement expressions) */
	bool found;
};

static enum CXChildVisitResult scan_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct scan *sc = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_UnaryExpr)
		return CXChildVisit_Continue; /* sizeof: not evaluated */
	if (k == CXCursor_CallExpr || k == CXCursor_StmtExpr)
		sc->found = true;
	else if (!sc->calls && (k == CXCursor_CompoundAssignOperator ||
				(k == CXCursor_BinaryOperator && op_is(c, "=")) ||
				(k == CXCursor_UnaryOperator && (op_is(c, "++") || op_is(c, "--")))))
		sc->found = true;
	return sc->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static bool scan(CXCursor c, bool calls)
{
	struct scan sc = { calls, false };

	if (scan_visit(c, clang_getNullCursor(), &sc) == CXChildVisit_Recurse)
		clang_visitChildren(c, scan_visit, &sc);
	return sc.found;
}

/* Does evaluating C call something? */
static bool has_call(CXCursor c)
{
	return scan(c, true);
}

/* Does evaluating C call or assign anything? */
bool cfg_has_effects(CXCursor c)
{
	return scan(c, false);
}

/* ---- full expressions ----------------------------------------------------------- */

/* What one full expression collects while its branching parts get blocks. */
struct lower {
	struct cfg_builder *b;
	CXCursor *skip;
	unsigned n_skip, cap_skip;
	bool noreturn;          /* it calls something that never returns */
};

static void add_skip(struct lower *lw, CXCursor c)
{
	if (lw->n_skip == lw->cap_skip) {
		unsigned ncap = lw->cap_skip ? lw->cap_skip * 2 : 4;
		CXCursor *ns = realloc(lw->skip, ncap * sizeof(*ns));

		if (!ns) {
			lw->b->nomem = lw->b->stop = true;
			return;
		}
		lw->skip = ns;
		lw->cap_skip = ncap;
	}
	lw->skip[lw->n_skip++] = c;
}

static void stmt_expr_body(struct cfg_builder *b, CXCursor se, bool as_cond, unsigned t, unsigned f);

/* Give C blocks of its own if it branches over calls: a ?:, && or ||, or a
 * statement expression. Returns true when it did (C is then skipped). */
static bool split(struct cfg_builder *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[3];
	unsigned n;

	if (k == CXCursor_StmtExpr) {
		stmt_expr_body(b, c, false, 0, 0);
		return true;
	}
	if (k == CXCursor_ConditionalOperator) {
		unsigned t, f, join;
		bool ct, cf;

		if (cfg_kids(c, kid, 3) != 3)
			return false;
		ct = has_call(kid[1]);
		cf = has_call(kid[2]);
		if (!ct && !cf)
			return false;
		t = cfg_b_new_block(b);
		f = cfg_b_new_block(b);
		join = cfg_b_new_block(b);
		cfg_b_cond(b, kid[0], t, f);
		cfg_b_start(b, t);
		if (ct)
			cfg_b_value(b, kid[1], kid[1], CFG_ELEM_EXPR, false);
		cfg_b_goto(b, join);
		cfg_b_start(b, f);
		if (cf)
			cfg_b_value(b, kid[2], kid[2], CFG_ELEM_EXPR, false);
		cfg_b_goto(b, join);
		cfg_b_start(b, join);
		return true;
	}
	if (k == CXCursor_BinaryOperator && (n = cfg_kids(c, kid, 2)) == 2 && has_call(kid[1])) {
		bool and = op_is(c, "&&");
		unsigned rhs, join;

		if (!and && !op_is(c, "||"))
			return false;
		rhs = cfg_b_new_block(b);
		join = cfg_b_new_block(b);
		if (and)
			cfg_b_cond(b, kid[0], rhs, join);
		else
			cfg_b_cond(b, kid[0], join, rhs);
		cfg_b_start(b, rhs);
		cfg_b_value(b, kid[1], kid[1], CFG_ELEM_EXPR, false);
		cfg_b_goto(b, join);
		cfg_b_start(b, join);
		return true;
	}
	return false;
}

static bool is_noreturn(struct cfg_builder *b, CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_CallExpr && b->opts->is_noreturn &&
	       b->opts->is_noreturn(b->opts->user, c);
}

static enum CXChildVisitResult lower_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct lower *lw = data;

	(void)parent;
	if (lw->b->stop)
		return CXChildVisit_Break;
	if (clang_getCursorKind(c) == CXCursor_UnaryExpr)
		return CXChildVisit_Continue; /* sizeof: not evaluated */
	if (split(lw->b, c)) {
		add_skip(lw, c);
		return CXChildVisit_Continue;
	}
	if (is_noreturn(lw->b, c))
		lw->noreturn = true;
	return CXChildVisit_Recurse;
}

/* Give the branching parts of ROOT their blocks, collecting what to skip. */
static void lower_children(struct lower *lw, CXCursor root)
{
	if (is_noreturn(lw->b, root))
		lw->noreturn = true;
	clang_visitChildren(root, lower_visit, lw);
}

void cfg_b_value(struct cfg_builder *b, CXCursor elem, CXCursor root, enum cfg_elem_kind kind, bool always)
{
	struct lower lw;

	if (b->stop)
		return;
	memset(&lw, 0, sizeof(lw));
	lw.b = b;
	if (!clang_Cursor_isNull(root)) {
		CXCursor top = cfg_strip(root);

		if (clang_getCursorKind(top) == CXCursor_UnaryExpr) {
			/* sizeof x; evaluates nothing */
		} else if (split(b, top)) {
			if (!always)
				return;
			add_skip(&lw, top);
		} else {
			lower_children(&lw, top);
		}
	}
	if (!b->stop)
		cfg_b_elem(b, kind, elem, lw.skip, lw.n_skip);
	if (lw.noreturn)
		b->cur = CFG_NONE;
	free(lw.skip);
}

/* ({ s1; s2; e; }): the statements, then E as a value or as a condition. */
static void stmt_expr_body(struct cfg_builder *b, CXCursor se, bool as_cond, unsigned t, unsigned f)
{
	CXCursor body[1], *all;
	unsigned n, i;

	if (cfg_kids(se, body, 1) != 1)
		return;
	n = cfg_kids(body[0], NULL, 0);
	if (!n) {
		if (as_cond)
			cfg_b_goto(b, t); /* ({}) in a condition is an error; any target will do */
		return;
	}
	if (!(all = malloc(n * sizeof(*all)))) {
		b->nomem = b->stop = true;
		return;
	}
	cfg_kids(body[0], all, n);
	for (i = 0; i + 1 < n; i++)
		cfg_b_stmt(b, all[i]);
	if (as_cond && clang_isExpression(clang_getCursorKind(all[n - 1])))
		cfg_b_cond(b, all[n - 1], t, f);
	else if (as_cond) {
		cfg_b_stmt(b, all[n - 1]);
		cfg_b_goto(b, t);
	} else
		cfg_b_stmt(b, all[n - 1]);
	free(all);
}

/* ---- conditions ----------------------------------------------------------------- */

void cfg_b_cond(struct cfg_builder *b, CXCursor e, unsigned t, unsigned f)
{
	CXCursor s = cfg_strip(e), kid[3];
	enum CXCursorKind k = clang_getCursorKind(s);
	struct lower lw;
	long long v;

	if (b->stop)
		return;
	cfg_b_ensure(b);
	if (k == CXCursor_UnaryOperator && cfg_kids(s, kid, 1) == 1 && op_is(s, "!")) {
		cfg_b_cond(b, kid[0], f, t);
		return;
	}
	if (k == CXCursor_BinaryOperator && cfg_kids(s, kid, 2) == 2) {
		char buf[8];
		const char *op = cfg_operator(s, buf, sizeof(buf));
		unsigned rhs;

		if (op && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)) {
			rhs = cfg_b_new_block(b);
			if (op[0] == '&')
				cfg_b_cond(b, kid[0], rhs, f);
			else
				cfg_b_cond(b, kid[0], t, rhs);
			cfg_b_start(b, rhs);
			cfg_b_cond(b, kid[1], t, f);
			return;
		}
		if (op && strcmp(op, ",") == 0) {
			cfg_b_value(b, kid[0], kid[0], CFG_ELEM_EXPR, false);
			cfg_b_cond(b, kid[1], t, f);
			return;
		}
	}
	if (k == CXCursor_ConditionalOperator && cfg_kids(s, kid, 3) == 3) {
		unsigned ct = cfg_b_new_block(b), cf = cfg_b_new_block(b);

		cfg_b_cond(b, kid[0], ct, cf);
		cfg_b_start(b, ct);
		cfg_b_cond(b, kid[1], t, f);
		cfg_b_start(b, cf);
		cfg_b_cond(b, kid[2], t, f);
		return;
	}
	if (k == CXCursor_StmtExpr) {
		stmt_expr_body(b, s, true, t, f);
		return;
	}
	if (cfg_eval_int(s, &v) && !cfg_has_effects(s)) {
		cfg_b_goto(b, v ? t : f);
		return;
	}
	memset(&lw, 0, sizeof(lw));
	lw.b = b;
	lower_children(&lw, s);
	if (lw.noreturn) {
		cfg_b_elem(b, CFG_ELEM_EXPR, s, lw.skip, lw.n_skip);
		b->cur = CFG_NONE;
	} else if (!b->stop) {
		unsigned cur;

		cfg_b_elem(b, CFG_ELEM_COND, s, lw.skip, lw.n_skip);
		cur = b->cur;
		cfg_b_edge(b, cur, t, CFG_EDGE_TRUE, s);
		cfg_b_edge(b, cur, f, CFG_EDGE_FALSE, s);
		b->cur = CFG_NONE;
	}
	free(lw.skip);
}
