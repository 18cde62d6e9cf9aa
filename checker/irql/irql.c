/* irql.c - placeholder until the IRQL engine lands: reports nothing. */
#include "irql.h"

#include <stdlib.h>

struct irql_program {
	int unused;
};

struct irql_program *irql_program_new(void)
{
	return calloc(1, sizeof(struct irql_program));
}

void irql_program_free(struct irql_program *p)
{
	free(p);
}

enum ddl_status irql_summarise(struct irql_program *p, const struct fe_tu *tu, const struct kb *kb)
{
	(void)p;
	(void)tu;
	(void)kb;
	return DDL_OK;
}

enum ddl_status irql_program_solve(struct irql_program *p)
{
	(void)p;
	return DDL_OK;
}

enum ddl_status irql_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			 const struct irql_program *p, irql_event_fn fn, void *user)
{
	(void)tu;
	(void)kb;
	(void)facts;
	(void)p;
	(void)fn;
	(void)user;
	return DDL_OK;
}
