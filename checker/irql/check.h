/* check.h - private to check.c and explain.c. */
#ifndef IRQL_CHECK_H
#define IRQL_CHECK_H

#include "irql_impl.h"

/* The notes of a finding being built: owned until irql_emit takes them. */
struct notes {
	struct finding_note *v;
	unsigned n;
	bool nomem;
};

/* Add a note at FILE:LINE:COL (file and message copied); at most 16, no duplicates. */
void irql_note(struct notes *ns, const char *file, unsigned line, unsigned col, const char *kind, const char *fmt,
	       ...) __attribute__((format(printf, 6, 7)));
void irql_notes_free(struct notes *ns);
/* Add a finding of FN to P (unless the same one is there) and take NS's notes. */
void irql_emit(struct irql_program *p, const struct irql_fn *fn, enum irql_event_kind kind, const char *file,
	       unsigned line, unsigned col, struct notes *ns, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
/* Why FN runs at LEVEL at op PROV - 1, or at its entry (PROV 0): text into BUF (with
 * lines relative to file HERE), the chain into NS. */
void irql_why_level(struct irql_program *p, const struct irql_fn *fn, int level, int prov, const char *here, char *buf,
		    size_t size, struct notes *ns, unsigned depth);
void irql_why_entry(struct irql_program *p, const struct irql_fn *fn, int level, const char *here, char *buf,
		    size_t size, struct notes *ns, unsigned depth);
/* The calls from CALLEE down to what requires its bound (MAX: the maximum). */
void irql_why_required(struct irql_program *p, const struct irql_fn *callee, bool max, const char *here, char *buf,
		       size_t size, struct notes *ns);
/* "PASSIVE_LEVEL", "IRQL <= APC_LEVEL", "IRQL >= DISPATCH_LEVEL". */
const char *irql_req_text(char *buf, size_t size, int max, int min, bool high);
/* "line 12" in file HERE, "trace.c:12" in another. */
void irql_lineref(char *buf, size_t size, const char *here, const char *file, unsigned line);
const char *irql_base_name(const char *path);
/* "a KDEFERRED_ROUTINE", "an IO_COMPLETION_ROUTINE", into BUF. */
const char *irql_role_noun(const struct kb_role *r, char *buf, size_t size);
/* Concrete levels of V with their provenance: SRC[l] = op + 1, 0 = the entry, -1 = not possible. */
ibits irql_levels_of(const struct irql_fn *fn, const struct ival *v, int src[IRQL_NLEVELS]);

#endif
