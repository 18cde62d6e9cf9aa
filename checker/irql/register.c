/* register.c - the roles a file gives routines, and the routines that may
 * be called from anywhere.
 *
 * A routine gets a role (knowledge-base "roles", "registered_by") when it is
 * passed as the registering argument of a DDI (KeInitializeDpc(&d, MyDpc, c);
 * a condition on another argument may apply, StorPortNotification with
 * RequestTimerCall), or stored into a registering member
 * (DriverObject->MajorFunction[i] = f, directly, chained a = b = f, or by a
 * helper that stores its parameter: the helper's callers' arguments get the
 * role, summary.c). The registration is recorded by name for the program to
 * resolve, since the routine may be defined in another file. A function
 * named other than as a callee (a callback, a dispatch table) may be called
 * from anywhere, so its entry IRQL is not only its callers'.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* The argument of CALL written as text T: the DeclRefExpr under CALL spelled like T's base. */
struct ref_find {
	const char *name;
	CXCursor found;
};

/* --- registrations --------------------------------------------------------------- */
void irql_x_add_role(struct irql_fn *fn, const struct kb_role *role, enum irql_role_how how, const char *file,
		     unsigned line, unsigned col, const char *by, const char *in_fn, bool field)
{
	struct irql_role_src *r;
	unsigned i;

	for (i = 0; i < fn->n_roles; i++)
		if (fn->roles[i].role == role)
			return;
	if (fn->n_roles == fn->cap_roles) {
		unsigned ncap = fn->cap_roles ? fn->cap_roles * 2 : 2;
		struct irql_role_src *nr = realloc(fn->roles, ncap * sizeof(*nr));

		if (!nr)
			return;
		fn->roles = nr;
		fn->cap_roles = ncap;
	}
	r = &fn->roles[fn->n_roles++];
	r->role = role;
	r->how = how;
	r->file = file;
	r->line = line;
	r->col = col;
	r->by = by;
	r->in_fn = in_fn;
	r->field = field;
}

/* C names a routine: register it (a function) or the enclosing function's parameter. */
static void register_routine(struct irql_xctx *x, CXCursor c, const struct kb_role *role, const char *by,
			     bool field, CXCursor at)
{
	struct irql_batch *b = x->u->out;
	CXCursor ref;
	enum CXCursorKind k;

	c = irql_x_strip(c);
	while (clang_getCursorKind(c) == CXCursor_UnaryOperator || clang_getCursorKind(c) == CXCursor_BinaryOperator) {
		/* &f, or a chained assignment a = b = f: the routine is the last operand */
		CXCursor kids[2];
		unsigned n = cfg_kids(c, kids, 2);

		if (n == 0)
			return;
		c = irql_x_strip(kids[n > 1 ? 1 : 0]);
	}
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return;
	ref = clang_getCursorReferenced(c);
	k = clang_getCursorKind(ref);
	if (k == CXCursor_FunctionDecl) {
		struct irql_regsite *nr = realloc(b->regs, (b->n_regs + 1) * sizeof(*nr));
		CXFile f;
		unsigned line, col, off;

		if (!nr) {
			x->u->nomem = true;
			return;
		}
		b->regs = nr;
		nr = &b->regs[b->n_regs++];
		memset(nr, 0, sizeof(*nr));
		nr->target = irql_x_spelling(&b->ar, ref);
		nr->tu = clang_getCursorLinkage(ref) == CXLinkage_Internal ? 0 : -1;
		nr->role = role;
		irql_x_loc(at, &f, &line, &col, &off);
		nr->file = irql_ar_strdup(&b->ar, x->file->path); /* copied into the program */
		nr->line = line;
		nr->col = col;
		nr->by = irql_ar_strdup(&b->ar, by);
		nr->field = field;
		nr->in_fn = irql_ar_strdup(&b->ar, x->fn->name);
	} else if (k == CXCursor_ParmDecl) {
		char *name = irql_x_spelling(&x->fn->ar, ref);
		int p = name ? irql_x_param(x->fn, name) : 0;
		void *np;

		if (!p)
			return;
		np = realloc(x->fn->pregs, (x->fn->n_pregs + 1) * sizeof(*x->fn->pregs));
		if (!np)
			return;
		x->fn->pregs = np;
		x->fn->pregs[x->fn->n_pregs].param = (unsigned)p;
		x->fn->pregs[x->fn->n_pregs].role = role;
		x->fn->n_pregs++;
	}
}

static enum CXChildVisitResult find_ref(CXCursor c, CXCursor parent, CXClientData data)
{
	struct ref_find *rf = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		CXString s = clang_getCursorSpelling(c);
		bool same = strcmp(clang_getCString(s), rf->name) == 0;

		clang_disposeString(s);
		if (same) {
			rf->found = c;
			return CXChildVisit_Break;
		}
	}
	return CXChildVisit_Recurse;
}

void irql_x_ddi_registrations(struct irql_xctx *x, const struct callargs *ca, const struct irql_argsrc *src)
{
	const struct kb *kb = x->u->kb;
	unsigned i, n = kb_reg_count(kb);

	for (i = 0; i < n; i++) {
		const struct kb_reg *r = kb_reg_get(kb, i);
		char base[128];
		struct ref_find rf;

		if (r->kind != KB_REG_ARG || r->ddi != ca->ddi || r->arg > ca->n || !ca->text[r->arg - 1])
			continue;
		if (r->cond.arg && irql_cond(&r->cond, src) != KB_TRUE)
			continue;
		if (!irql_key_base(ca->text[r->arg - 1], base, sizeof(base)))
			continue;
		rf.name = base;
		rf.found = clang_getNullCursor();
		clang_visitChildren(ca->call, find_ref, &rf);
		if (!clang_Cursor_isNull(rf.found))
			register_routine(x, rf.found, r->role, ca->ddi->name, false, ca->call);
	}
}

/* A store into a registering member: DriverObject->MajorFunction[i] = f. */
void irql_x_field_registration(struct irql_xctx *x, CXCursor lhs, CXCursor rhs, CXCursor at)
{
	const struct kb *kb = x->u->kb;
	CXCursor m = irql_x_strip(lhs), field, rec;
	CXString fs, rs;
	unsigned i, n;

	if (clang_getCursorKind(m) == CXCursor_ArraySubscriptExpr) {
		CXCursor kids[2];

		if (cfg_kids(m, kids, 2) < 1)
			return;
		m = irql_x_strip(kids[0]);
	}
	if (clang_getCursorKind(m) != CXCursor_MemberRefExpr)
		return;
	field = clang_getCursorReferenced(m);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return;
	rec = clang_getCursorSemanticParent(field);
	fs = clang_getCursorSpelling(field);
	rs = clang_getCursorSpelling(rec);
	n = kb_reg_count(kb);
	for (i = 0; i < n; i++) {
		const struct kb_reg *r = kb_reg_get(kb, i);

		if (r->kind == KB_REG_FIELD && strcmp(r->field, clang_getCString(fs)) == 0 &&
		    strcmp(r->record, clang_getCString(rs)) == 0)
			register_routine(x, rhs, r->role, r->field, true, at);
	}
	clang_disposeString(fs);
	clang_disposeString(rs);
}

void irql_x_add_addr(struct xunit *u, CXCursor fnref)
{
	struct irql_batch *b = u->out;
	struct irql_addr *na;
	char *name = irql_x_spelling(&b->ar, fnref);
	int tu = clang_getCursorLinkage(fnref) == CXLinkage_Internal ? 0 : -1;
	unsigned i;

	if (!name)
		return;
	for (i = 0; i < b->n_addrs; i++)
		if (b->addrs[i].tu == tu && strcmp(b->addrs[i].name, name) == 0)
			return;
	na = realloc(b->addrs, (b->n_addrs + 1) * sizeof(*na));
	if (!na) {
		u->nomem = true;
		return;
	}
	b->addrs = na;
	na[b->n_addrs].name = name;
	na[b->n_addrs].tu = tu;
	b->n_addrs++;
}

/* A function named other than as a callee may be called from anywhere. */
void irql_x_note_fn_ref(struct irql_xctx *x, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	CXSourceLocation l;
	unsigned i;

	if (clang_getCursorKind(ref) != CXCursor_FunctionDecl)
		return;
	l = clang_getCursorLocation(c);
	for (i = 0; i < x->n_calllocs; i++)
		if (clang_equalLocations(x->calllocs[i], l))
			return;
	irql_x_add_addr(x->u, ref);
}

enum CXChildVisitResult irql_x_visit_table(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
	    clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_FunctionDecl)
		irql_x_add_addr(data, clang_getCursorReferenced(c));
	return CXChildVisit_Recurse;
}
