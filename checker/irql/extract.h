/* extract.h - private to extract.c, args.c, register.c and facts.c: the
 * state of one unit's extraction and the helpers they share.
 *
 *   extract.c   the unit walk, one function's model, its ops (calls,
 *               assignments), the shared cursor helpers
 *   args.c      a call's arguments as written, and their constant values
 *   register.c  routines given roles by registrations, and functions whose
 *               address is taken
 *   facts.c     the variables facts follow, and what a branch says about them
 */
#ifndef IRQL_EXTRACT_H
#define IRQL_EXTRACT_H

#include "irql_impl.h"
#include "../engine/resolve.h"

struct xunit {
	const struct fe_tu *tu;
	const struct kb *kb;
	struct eng_resolver *res;
	struct irql_file *files;
	unsigned n_files;
	struct irql_batch *out;
	bool nomem;
};

struct xvar {
	CXCursor decl;
	const char *name;
	bool local, scalar, addr_taken;
	int id;                     /* tracked fact variable, or -1 */
};

struct pending {
	CXCursor call;
	unsigned op;
};

struct irql_xctx {
	struct xunit *u;
	struct irql_fn *fn;
	struct irql_file *file;
	CXCursor def;
	struct xvar *vars;
	unsigned n_vars;
	struct irql_op *ops;
	unsigned n_ops, cap_ops;
	struct pending *pend;
	unsigned n_pend;
	const struct cfg_elem *elem;
	CXSourceLocation *calllocs; /* where the direct calls of the element start */
	unsigned n_calllocs, cap_calllocs;
	struct pending *results;    /* try-acquire calls whose result decides their effect (op = index) */
	unsigned n_results;
};

/* --- arguments of a call as written ---------------------------------------- */
struct callargs {
	struct irql_xctx *x;
	CXCursor call;
	bool cursor_args;           /* the CallExpr's own arguments are the written ones */
	unsigned n;
	unsigned rng[16][2];
	const char *text[16];
	const struct kb_ddi *ddi;
	bool via_macro;
};

/* extract.c: cursor helpers */
/* C's expansion location. False when it has no file. */
bool irql_x_loc(CXCursor c, CXFile *file, unsigned *line, unsigned *col, unsigned *off);
/* C's spelling, in A. */
char *irql_x_spelling(struct irql_arena *a, CXCursor c);
/* C without parentheses, implicit conversions and casts. */
CXCursor irql_x_strip(CXCursor c);
/* The integer value of constant expression C. */
bool irql_x_eval(CXCursor c, long long *v);
/* The 1-based parameter of FN called NAME, or 0. */
int irql_x_param(const struct irql_fn *fn, const char *name);
/* KEY as a slot of X's function (irql_fn_intern_key). */
int16_t irql_x_slot(struct irql_xctx *x, const char *key);
/* The canonical text of expression C as written, or NULL. */
char *irql_x_text(struct irql_xctx *x, CXCursor c);

/* args.c: the arguments of the call CA->call written at OFF, whose name is NAME */
void irql_x_read_args(struct callargs *ca, unsigned off, const char *name);
/* struct irql_argsrc callbacks, USER being a struct callargs */
bool irql_x_arg_value(void *user, unsigned i, long long *v);
int16_t irql_x_arg_slot(void *user, const char *key);
const char *irql_x_arg_param(void *user, unsigned i, char *buf, size_t size);

/* register.c */
/* Give FN ROLE (once per role), with where and how it was given; FIELD: through
 * a structure field store. Borrows FILE, BY and IN_FN (arena or KB strings). */
void irql_x_add_role(struct irql_fn *fn, const struct kb_role *role, enum irql_role_how how, const char *file,
		     unsigned line, unsigned col, const char *by, const char *in_fn, bool field);
/* The roles CA's arguments give routines (KeInitializeDpc(&d, MyDpc, c)). */
void irql_x_ddi_registrations(struct irql_xctx *x, const struct callargs *ca, const struct irql_argsrc *src);
/* LHS = RHS stores a routine into a registering member (MajorFunction). */
void irql_x_field_registration(struct irql_xctx *x, CXCursor lhs, CXCursor rhs, CXCursor at);
void irql_x_add_addr(struct xunit *u, CXCursor fnref);
/* A DeclRefExpr C naming a function other than as a callee. */
void irql_x_note_fn_ref(struct irql_xctx *x, CXCursor c);
/* Visitor of a file-scope variable's initializer (a dispatch table). */
enum CXChildVisitResult irql_x_visit_table(CXCursor c, CXCursor parent, CXClientData data);

/* facts.c */
struct xvar *irql_x_var(struct irql_xctx *x, CXCursor ref);
/* The op of try-acquire call C whose result decides its effect, or -1. */
int irql_x_result_op(const struct irql_xctx *x, CXCursor c);
/* The fact variable C refers to, or -1. */
int irql_x_tracked(struct irql_xctx *x, CXCursor c);
void irql_x_add_var(struct irql_xctx *x, CXCursor decl, bool local);
/* Visitor collecting a body's local variables and the ones whose address is taken. */
enum CXChildVisitResult irql_x_visit_vars(CXCursor c, CXCursor parent, CXClientData data);
/* What taking the TRUE (TRUTH) or FALSE edge of COND says about a fact variable. */
void irql_x_edge_test(struct irql_xctx *x, CXCursor cond, bool truth, struct irql_test *t);

#endif
