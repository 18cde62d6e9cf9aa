/* irql.h - the IRQL engine: the IRQLs each function can run at, from SAL,
 * role typedefs, callback registrations and callers, across every file of
 * one run, and every call made at the wrong IRQL.
 * (Interface sketch by the lead; the IRQL work owns and extends it.)
 *
 * A run has two phases when it has several files: every file is summarised
 * into one irql_program (phase 1), the program is solved (summaries
 * propagated between callers and callees across files), then every file is
 * analysed again with the solved program (phase 2). With a NULL program,
 * irql_run works on one file alone. */
#ifndef IRQL_H
#define IRQL_H

#include "../engine/engine.h"
#include "../findings/finding.h"
#include "../kb/kb.h"

struct fe_tu;
struct irql_program;

enum irql_event_kind {
	IRQL_TOO_HIGH,     /* a call above its maximum IRQL */
	IRQL_TOO_LOW,      /* a call below its minimum IRQL */
	IRQL_NOT_RESTORED, /* a function exits at another IRQL than it should */
};

struct irql_event {
	enum irql_event_kind kind;
	struct finding_loc loc;           /* file borrowed */
	const char *function;             /* borrowed */
	const char *message;              /* the full message, borrowed */
	const struct finding_note *steps; /* why: where the IRQL was set, the chain of callers; borrowed */
	unsigned n_steps;
};

typedef void (*irql_event_fn)(void *user, const struct irql_event *ev);

/* Returns a new empty program owned by the caller (free with irql_program_free), or NULL. */
struct irql_program *irql_program_new(void);
void irql_program_free(struct irql_program *p);
/* Phase 1: add TU's function summaries to P. Safe to call from several threads. */
enum ddl_status irql_summarise(struct irql_program *p, const struct fe_tu *tu, const struct kb *kb);
/* Between the phases: propagate the summaries across files. */
enum ddl_status irql_program_solve(struct irql_program *p);
/* Phase 2 (or a lone file when P is NULL): report through FN. */
enum ddl_status irql_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			 const struct irql_program *p, irql_event_fn fn, void *user);

#endif
