/* facts.c - the variables branch facts follow, and what a branch says.
 *
 * A fact variable is a scalar local or parameter whose address is never
 * taken (a write through a pointer would go unseen), or the result of a
 * try-acquire call. A condition that tests one such variable against a
 * constant (flag, !flag, x == 3, x != 0, a switch case) gives a value fact;
 * any other condition on exactly one of them and nothing else
 * (NT_SUCCESS(status), flags & BIT) gives a fact keyed by its text.
 * state.c uses them to drop infeasible correlated paths.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

struct refs_count {
	struct irql_xctx *x;
	int var;
	unsigned refs, calls;
};

struct xvar *irql_x_var(struct irql_xctx *x, CXCursor ref)
{
	unsigned i;

	if (clang_Cursor_isNull(ref))
		return NULL;
	ref = clang_getCanonicalCursor(ref);
	for (i = 0; i < x->n_vars; i++)
		if (clang_equalCursors(x->vars[i].decl, ref))
			return &x->vars[i];
	return NULL;
}

/* The op of the try-acquire call C, or -1. */
int irql_x_result_op(const struct irql_xctx *x, CXCursor c)
{
	unsigned i;

	for (i = 0; i < x->n_results; i++)
		if (clang_equalCursors(x->results[i].call, c))
			return (int)x->results[i].op;
	return -1;
}

/* The tracked fact variable C refers to (a DeclRefExpr, through casts, or
 * the result of a try-acquire call), or -1. */
int irql_x_tracked(struct irql_xctx *x, CXCursor c)
{
	struct xvar *v;
	int r;

	c = irql_x_strip(c);
	if (clang_getCursorKind(c) == CXCursor_CallExpr && (r = irql_x_result_op(x, c)) >= 0)
		return (x->ops ? x->ops : x->fn->ops)[r].var;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return -1;
	v = irql_x_var(x, clang_getCursorReferenced(c));
	return v ? v->id : -1;
}

/* --- variables ------------------------------------------------------------------- */
static bool scalar_type(CXType t)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt:
	case CXType_ULong: case CXType_ULongLong: case CXType_Char_S: case CXType_SChar: case CXType_Short:
	case CXType_Int: case CXType_Long: case CXType_LongLong: case CXType_Enum: case CXType_Pointer:
		return true;
	default:
		return false;
	}
}

void irql_x_add_var(struct irql_xctx *x, CXCursor decl, bool local)
{
	struct xvar *nv;

	decl = clang_getCanonicalCursor(decl);
	if (irql_x_var(x, decl))
		return;
	nv = realloc(x->vars, (x->n_vars + 1) * sizeof(*nv));
	if (!nv) {
		x->u->nomem = true;
		return;
	}
	x->vars = nv;
	nv = &x->vars[x->n_vars++];
	nv->decl = decl;
	nv->name = irql_x_spelling(&x->fn->ar, decl);
	nv->local = local;
	nv->scalar = scalar_type(clang_getCursorType(decl));
	nv->addr_taken = false;
	nv->id = -1;
	if (!nv->name)
		x->n_vars--;
}

enum CXChildVisitResult irql_x_visit_vars(CXCursor c, CXCursor parent, CXClientData data)
{
	struct irql_xctx *x = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_VarDecl) {
		irql_x_add_var(x, c, true);
	} else if (k == CXCursor_UnaryOperator) {
		char buf[8];
		const char *oper = cfg_operator(c, buf, sizeof(buf));
		CXCursor kids[1];

		if ((!oper || strcmp(oper, "&") == 0) && cfg_kids(c, kids, 1) == 1) {
			CXCursor s = irql_x_strip(kids[0]);

			if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
				struct xvar *v;

				irql_x_add_var(x, clang_getCursorReferenced(s), false);
				v = irql_x_var(x, clang_getCursorReferenced(s));
				if (v && oper)
					v->addr_taken = true;
				else if (v)
					v->addr_taken = true; /* an operator we cannot read: assume the worst */
			}
		}
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult count_refs(CXCursor c, CXCursor parent, CXClientData data)
{
	struct refs_count *rc = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_CallExpr || k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator)
		rc->calls += k == CXCursor_CallExpr;
	if (k == CXCursor_DeclRefExpr) {
		struct xvar *v = irql_x_var(rc->x, clang_getCursorReferenced(c));

		if (v && v->id >= 0) {
			if (rc->var >= 0 && rc->var != v->id)
				rc->refs += 100;
			rc->var = v->id;
			rc->refs++;
		} else if (v || clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_VarDecl) {
			rc->refs += 100; /* an untracked variable: the condition is not about ours alone */
		}
	}
	return CXChildVisit_Recurse;
}

/* What taking the TRUE (TRUTH) or FALSE edge of COND says about a tracked variable. */
void irql_x_edge_test(struct irql_xctx *x, CXCursor cond, bool truth, struct irql_test *t)
{
	CXCursor c = irql_x_strip(cond);
	enum CXCursorKind k = clang_getCursorKind(c);
	char buf[8];
	const char *oper;
	int var;

	t->kind = T_NONE;
	if (k == CXCursor_UnaryOperator && (oper = cfg_operator(c, buf, sizeof(buf))) && strcmp(oper, "!") == 0) {
		CXCursor kids[1];

		if (cfg_kids(c, kids, 1) == 1)
			irql_x_edge_test(x, kids[0], !truth, t);
		return;
	}
	var = irql_x_tracked(x, c);
	if (var >= 0) {
		t->var = (uint16_t)var;
		t->kind = truth ? T_NE : T_EQ;
		t->value = 0;
		return;
	}
	if (k == CXCursor_BinaryOperator && (oper = cfg_operator(c, buf, sizeof(buf))) &&
	    (strcmp(oper, "==") == 0 || strcmp(oper, "!=") == 0)) {
		CXCursor kids[2];
		long long v;
		int lv, rv;

		if (cfg_kids(c, kids, 2) != 2)
			return;
		lv = irql_x_tracked(x, kids[0]);
		rv = irql_x_tracked(x, kids[1]);
		if (lv >= 0 && rv < 0 && irql_x_eval(kids[1], &v))
			var = lv;
		else if (rv >= 0 && lv < 0 && irql_x_eval(kids[0], &v))
			var = rv;
		else
			return;
		t->var = (uint16_t)var;
		t->value = v;
		t->kind = (strcmp(oper, "==") == 0) == truth ? T_EQ : T_NE;
		return;
	}
	/* Any other condition on one tracked variable and nothing else
	 * (NT_SUCCESS(status), flags & X): remembered by its text. */
	{
		struct refs_count rc = { x, -1, 0, 0 };
		char *text;

		if (k == CXCursor_DeclRefExpr)
			return;
		clang_visitChildren(c, count_refs, &rc);
		if (rc.var < 0 || rc.refs != 1 || rc.calls)
			return;
		text = irql_x_text(x, c);
		if (!text)
			return;
		t->var = (uint16_t)rc.var;
		t->kind = truth ? T_TXT_TRUE : T_TXT_FALSE;
		t->value = (long long)irql_hash(text);
	}
}
