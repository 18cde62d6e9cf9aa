/* irql.c - the IRQL engine's interface (irql.h): programs, phases, events.
 *
 * Phase 1 (irql_summarise) extracts each unit's model (extract.c) and adds
 * it to the program; irql_program_solve solves the whole program
 * (summary.c) and computes every finding (check.c) at once; phase 2
 * (irql_run) hands a unit the findings that belong to it. A lone file
 * (no program) is a program of one unit.
 */
#include "irql_impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct irql_program *irql_program_new(void)
{
	struct irql_program *p = calloc(1, sizeof(*p));
	pthread_mutex_t *m = malloc(sizeof(*m));

	if (!p || !m || pthread_mutex_init(m, NULL) != 0) {
		free(p);
		free(m);
		return NULL;
	}
	p->lock = m;
	return p;
}

void irql_program_free(struct irql_program *p)
{
	unsigned i;

	if (!p)
		return;
	irql_findings_free(p);
	for (i = 0; i < p->n_fns; i++)
		irql_fn_free(p->fns[i]);
	free(p->fns);
	free(p->tus);
	free(p->regs);
	free(p->addrs);
	irql_ar_free(&p->ar);
	pthread_mutex_destroy(p->lock);
	free(p->lock);
	free(p);
}

enum ddl_status irql_summarise(struct irql_program *p, const struct fe_tu *tu, const struct kb *kb)
{
	struct irql_batch b;
	enum ddl_status st = irql_extract(tu, kb, &b);

	if (st != DDL_OK)
		return st;
	st = irql_program_add(p, &b, tu->path);
	irql_batch_free(&b);
	return st;
}

enum ddl_status irql_program_solve(struct irql_program *p)
{
	enum ddl_status st;

	if (p->solved)
		return DDL_OK;
	p->solved = true;
	st = irql_solve(p);
	if (st == DDL_OK)
		st = irql_check(p);
	return st;
}

static void report(const struct irql_program *p, int tu, irql_event_fn fn, void *user)
{
	unsigned i;

	for (i = 0; i < p->n_findings; i++) {
		const struct irql_finding *f = &p->findings[i];
		struct irql_event ev;

		if (f->tu != tu)
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.kind = f->kind;
		ev.loc = f->loc;
		ev.function = f->function;
		ev.message = f->message;
		ev.steps = f->notes;
		ev.n_steps = f->n_notes;
		fn(user, &ev);
	}
}

enum ddl_status irql_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			 const struct irql_program *p, irql_event_fn fn, void *user)
{
	struct irql_program *own;
	enum ddl_status st;
	unsigned i;

	(void)facts;
	if (p && p->solved) {
		for (i = p->n_tus; i-- > 0;)
			if (strcmp(p->tus[i], tu->path) == 0) {
				report(p, (int)i, fn, user);
				return DDL_OK;
			}
		/* not summarised in phase 1: analyse it alone */
	}
	own = irql_program_new();
	if (!own)
		return DDL_ERR_NOMEM;
	st = irql_summarise(own, tu, kb);
	if (st == DDL_OK)
		st = irql_program_solve(own);
	if (st == DDL_OK)
		report(own, 0, fn, user);
	irql_program_free(own);
	return st;
}
