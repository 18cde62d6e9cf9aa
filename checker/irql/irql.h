/* irql.h - the IRQL engine: the IRQLs each function can run at, from SAL,
 * role typedefs, callback registrations and callers, across every file of
 * one run, and every call made at the wrong IRQL. Design: docs/irql.md;
 * the files of irql/ are listed in irql_impl.h.
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

/* One finding. IRQL_TOO_HIGH also covers pageable code above APC_LEVEL and
 * a function raising past its own _IRQL_always_function_max_/_IRQL_raises_;
 * IRQL_TOO_LOW a function lowering below _IRQL_always_function_min_;
 * IRQL_NOT_RESTORED also the _IRQL_saves_/_IRQL_restores_ contracts, a
 * Cancel routine's CancelIrql and floating-point state restored at another
 * IRQL than it was saved at. */
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
/* Phase 1: add TU's functions (their IRQL models) to P. Safe to call from
 * several threads. Also covers .c files TU includes. */
enum ddl_status irql_summarise(struct irql_program *p, const struct fe_tu *tu, const struct kb *kb);
/* Between the phases: propagate the summaries across files and compute every
 * finding. Call once, after the last irql_summarise; later calls do nothing. */
enum ddl_status irql_program_solve(struct irql_program *p);
/* Phase 2: report TU's findings through FN (the events are borrowed for the
 * call). When P is NULL, or TU was not summarised into P, TU is analysed
 * alone. */
enum ddl_status irql_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			 const struct irql_program *p, irql_event_fn fn, void *user);

#endif
