/* explain.c - why an IRQL is what it is: the texts and notes of findings.
 *
 * A finding's message ends with the provenance of the offending IRQL: the
 * call that set it ("spin lock acquired at line 12 (KeAcquireSpinLock)",
 * "spin lock acquired by 'DevLock' at line 27"), or how the function got its
 * entry IRQL (its SAL, its role and where the role came from, the caller
 * that calls it there). The notes walk the chain: up through the callers
 * that gave the entry IRQL, down through the helpers to the call that
 * requires a bound. Lines in another file are written file.c:N.
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- helpers for texts ----------------------------------------------------------------- */
const char *irql_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* "line 12" in the same file, "trace.c:12" in another. */
void irql_lineref(char *buf, size_t size, const char *here, const char *file, unsigned line)
{
	if (!file || !here || strcmp(here, file) == 0)
		snprintf(buf, size, "line %u", line);
	else
		snprintf(buf, size, "%s:%u", irql_base_name(file), line);
}

void irql_note(struct notes *ns, const char *file, unsigned line, unsigned col, const char *kind, const char *fmt,
		 ...)
{
	struct finding_note *nn;
	char buf[512];
	va_list ap;
	unsigned i;

	if (!file || !line || ns->n >= 16)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < ns->n; i++)
		if (ns->v[i].loc.line == line && strcmp(ns->v[i].loc.file, file) == 0 && strcmp(ns->v[i].message, buf) == 0)
			return;
	nn = realloc(ns->v, (ns->n + 1) * sizeof(*nn));
	if (!nn) {
		ns->nomem = true;
		return;
	}
	ns->v = nn;
	memset(&nn[ns->n], 0, sizeof(nn[ns->n]));
	nn[ns->n].loc.file = ddl_strdup(file);
	nn[ns->n].loc.line = line;
	nn[ns->n].loc.col = col;
	nn[ns->n].message = ddl_strdup(buf);
	nn[ns->n].kind = kind;
	if (!nn[ns->n].loc.file || !nn[ns->n].message) {
		free(nn[ns->n].loc.file);
		free(nn[ns->n].message);
		ns->nomem = true;
		return;
	}
	ns->n++;
}

void irql_notes_free(struct notes *ns)
{
	unsigned i;

	for (i = 0; i < ns->n; i++) {
		free(ns->v[i].loc.file);
		free(ns->v[i].message);
	}
	free(ns->v);
	ns->v = NULL;
	ns->n = 0;
}

void irql_emit(struct irql_program *p, const struct irql_fn *fn, enum irql_event_kind kind, const char *file,
	       unsigned line, unsigned col, struct notes *ns, const char *fmt, ...)
{
	struct irql_finding *f;
	char buf[1024];
	va_list ap;
	unsigned i;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < p->n_findings; i++) {
		const struct irql_finding *o = &p->findings[i];

		if (o->kind == kind && o->loc.line == line && o->loc.col == col && strcmp(o->loc.file, file) == 0 &&
		    strcmp(o->message, buf) == 0) {
			irql_notes_free(ns);
			return;
		}
	}
	if (p->n_findings == p->cap_findings) {
		unsigned ncap = p->cap_findings ? p->cap_findings * 2 : 16;
		struct irql_finding *nf = realloc(p->findings, ncap * sizeof(*nf));

		if (!nf) {
			p->nomem = true;
			irql_notes_free(ns);
			return;
		}
		p->findings = nf;
		p->cap_findings = ncap;
	}
	f = &p->findings[p->n_findings];
	memset(f, 0, sizeof(*f));
	f->tu = fn->tu;
	f->kind = kind;
	f->loc.file = irql_ar_strdup(&p->ar, file);
	f->loc.line = line;
	f->loc.col = col;
	f->function = fn->name;
	f->message = ddl_strdup(buf);
	if (!f->loc.file || !f->message) {
		free(f->message);
		p->nomem = true;
		irql_notes_free(ns);
		return;
	}
	f->notes = ns->v;
	f->n_notes = ns->n;
	ns->v = NULL;
	ns->n = 0;
	p->n_findings++;
}

/* Why FN runs at LEVEL at op PROV - 1 (or its entry, PROV 0): text into BUF, notes into NS. */
void irql_why_level(struct irql_program *p, const struct irql_fn *fn, int level, int prov, const char *here, char *buf,
		      size_t size, struct notes *ns, unsigned depth)
{
	char at[128];
	const struct irql_op *op;

	if (prov <= 0 || prov > (int)fn->n_ops) {
		irql_why_entry(p, fn, level, here, buf, size, ns, depth);
		return;
	}
	op = &fn->ops[prov - 1];
	irql_lineref(at, sizeof(at), here, op->file, op->line);
	if (op->kind == OP_DDI) {
		if (op->to >= 0 && op->holds) {
			snprintf(buf, size, "%s acquired at %s (%s)", op->holds, at, op->name);
			irql_note(ns, op->file, op->line, op->col, "acquire", "%s acquired here, IRQL %s", op->holds,
			     irql_level_name(level));
		} else if (op->to >= 0) {
			snprintf(buf, size, "IRQL raised at %s (%s)", at, op->name);
			irql_note(ns, op->file, op->line, op->col, "raise", "IRQL set to %s here", irql_level_name(level));
		} else if (op->restore_const >= 0) {
			snprintf(buf, size, "IRQL lowered at %s (%s)", at, op->name);
			irql_note(ns, op->file, op->line, op->col, "lower", "IRQL set to %s here", irql_level_name(level));
		} else {
			snprintf(buf, size, "IRQL restored at %s (%s) to a value saved at %s", at, op->name,
				 irql_level_name(level));
			irql_note(ns, op->file, op->line, op->col, "restore", "IRQL restored to %s here",
			     irql_level_name(level));
		}
		return;
	}
	if (op->kind == OP_CALL) {
		const struct irql_fn *callee = op->callee >= 0 ? p->fns[op->callee] : NULL;
		const struct irql_op *inner = NULL;

		if (callee && callee->sum.exit_prov[level] && callee->sum.exit_prov[level] <= callee->n_ops)
			inner = &callee->ops[callee->sum.exit_prov[level] - 1];
		if (inner && inner->kind == OP_DDI && inner->to >= 0 && inner->holds)
			snprintf(buf, size, "%s acquired by '%s' at %s", inner->holds, op->name, at);
		else
			snprintf(buf, size, "IRQL set to %s by '%s' at %s", irql_level_name(level), op->name, at);
		irql_note(ns, op->file, op->line, op->col, "call", "'%s' leaves the IRQL at %s here", op->name,
		     irql_level_name(level));
		if (inner)
			irql_note(ns, inner->file, inner->line, inner->col, "call", "%s in '%s'",
			     inner->holds ? "lock acquired" : "IRQL set", callee->name);
		return;
	}
	snprintf(buf, size, "IRQL set at %s", at);
}

/* "a KDEFERRED_ROUTINE", "an IO_COMPLETION_ROUTINE", into BUF. */
const char *irql_role_noun(const struct kb_role *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", strchr("AEIOU", r->name[0]) ? "an" : "a", r->name);
	return buf;
}

void irql_why_entry(struct irql_program *p, const struct irql_fn *fn, int level, const char *here, char *buf, size_t size,
		      struct notes *ns, unsigned depth)
{
	char at[128];

	if (level < 0 || level >= IRQL_NLEVELS) {
		snprintf(buf, size, "'%s' is entered there", fn->name);
		return;
	}
	switch (fn->entry.why[level].kind) {
	case ENTRY_SAL: {
		const char *sal = fn->decl.sal ? fn->decl.sal : fn->decl.always_sal;

		snprintf(buf, size, "'%s' is annotated %s", fn->name, sal ? sal : "with its IRQL");
		if (fn->decl.sal_file)
			irql_note(ns, fn->decl.sal_file, fn->decl.sal_line, 1, "entry", "'%s' annotated %s here", fn->name,
			     sal ? sal : "");
		return;
	}
	case ENTRY_ROLE: {
		const struct irql_role_src *r = &fn->roles[fn->entry.why[level].idx];
		char noun[96];

		irql_lineref(at, sizeof(at), here, r->file, r->line);
		switch (r->how) {
		case ROLE_REG:
			if (r->field)
				snprintf(buf, size, "'%s' runs at %s as %s (stored into %s at %s)", fn->name,
					 irql_level_name(level), irql_role_noun(r->role, noun, sizeof(noun)), r->by, at);
			else
				snprintf(buf, size, "'%s' runs at %s as %s (registered by %s at %s)", fn->name,
					 irql_level_name(level), irql_role_noun(r->role, noun, sizeof(noun)), r->by ? r->by : "a registration", at);
			irql_note(ns, r->file, r->line, r->col, "entry", "'%s' registered as %s here", fn->name,
			     irql_role_noun(r->role, noun, sizeof(noun)));
			break;
		case ROLE_EXPORT:
			snprintf(buf, size, "'%s' runs at %s as %s", fn->name, irql_level_name(level),
				 irql_role_noun(r->role, noun, sizeof(noun)));
			break;
		case ROLE_CLASS:
			snprintf(buf, size, "'%s' runs at %s as %s (_Function_class_)", fn->name,
				 irql_level_name(level), irql_role_noun(r->role, noun, sizeof(noun)));
			break;
		default:
			snprintf(buf, size, "'%s' runs at %s as %s (declared at %s)", fn->name,
				 irql_level_name(level), irql_role_noun(r->role, noun, sizeof(noun)), at);
			irql_note(ns, r->file, r->line, r->col, "entry", "'%s' declared as %s here", fn->name,
			     irql_role_noun(r->role, noun, sizeof(noun)));
			break;
		}
		return;
	}
	case ENTRY_CALLER: {
		const struct irql_fn *g = p->fns[fn->entry.why[level].idx];
		const struct irql_op *op = &g->ops[fn->entry.why[level].op];
		int src[IRQL_NLEVELS];

		irql_lineref(at, sizeof(at), here, op->file, op->line);
		snprintf(buf, size, "'%s' is called at %s from '%s' at %s", fn->name, irql_level_name(level), g->name,
			 at);
		irql_note(ns, op->file, op->line, op->col, "call", "'%s' called at %s here", fn->name,
		     irql_level_name(level));
		if (depth < 8 && g->op_in) {
			char inner[512];

			irql_levels_of(g, &g->op_in[fn->entry.why[level].op], src);
			if (src[level] >= 0)
				irql_why_level(p, g, level, src[level], op->file, inner, sizeof(inner), ns, depth + 1);
		}
		return;
	}
	default:
		snprintf(buf, size, "'%s' is entered at %s", fn->name, irql_level_name(level));
		return;
	}
}

/* The chain of calls down to what requires the bound (a DDI, or pageable code). */
void irql_why_required(struct irql_program *p, const struct irql_fn *callee, bool max, const char *here, char *buf,
			 size_t size, struct notes *ns)
{
	const struct irql_fn *f = callee;
	unsigned depth;
	char at[128];

	buf[0] = '\0';
	for (depth = 0; f && depth < 8; depth++) {
		int opi = max ? f->sum.req_max_op : f->sum.req_min_op;
		const struct irql_op *op;

		if (opi < 0) {
			if (max && f->pageable) {
				irql_lineref(at, sizeof(at), here, f->paged_file, f->paged_line);
				if (!buf[0])
					snprintf(buf, size, "it is pageable: %s", f->paged_how);
				irql_note(ns, f->paged_file, f->paged_line, f->paged_col, "call", "'%s' is pageable (%s)",
				     f->name, f->paged_how);
			}
			return;
		}
		op = &f->ops[opi];
		irql_lineref(at, sizeof(at), here, op->file, op->line);
		if (!buf[0])
			snprintf(buf, size, "it calls '%s' at %s", op->name, at);
		irql_note(ns, op->file, op->line, op->col, "call", "'%s' calls '%s' here", f->name, op->name);
		if (op->kind != OP_CALL || op->callee < 0)
			return;
		{
			const struct irql_fn *next = p->fns[op->callee];

			if (next->decl.req_max >= 0 || next->decl.req_min >= 0 || !next->sum.known)
				return;
			f = next;
		}
	}
}

const char *irql_req_text(char *buf, size_t size, int max, int min, bool high)
{
	if (high) {
		if (max == KB_IRQL_PASSIVE || max == min)
			snprintf(buf, size, "%s", irql_level_name(max));
		else
			snprintf(buf, size, "IRQL <= %s", irql_level_name(max));
	} else {
		if (min == max)
			snprintf(buf, size, "%s", irql_level_name(min));
		else
			snprintf(buf, size, "IRQL >= %s", irql_level_name(min));
	}
	return buf;
}

/* Concrete levels of V with their provenance: SRC[l] = op + 1, 0 = entry, -1 = not possible. */
ibits irql_levels_of(const struct irql_fn *fn, const struct ival *v, int src[IRQL_NLEVELS])
{
	ibits b = 0;
	unsigned l;

	for (l = 0; l < IRQL_NLEVELS; l++) {
		src[l] = -1;
		if (v->bits & (1u << l)) {
			src[l] = v->prov[l];
			b |= 1u << l;
		} else if ((v->bits & IB_ENTRY) && (fn->entry.levels & (1u << l))) {
			src[l] = 0;
			b |= 1u << l;
		}
	}
	return b;
}
