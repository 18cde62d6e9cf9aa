/* paths.c - placeholder until the path engine lands: reports nothing. */
#include "paths.h"

enum ddl_status paths_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			  path_event_fn fn, void *user)
{
	(void)tu;
	(void)kb;
	(void)facts;
	(void)fn;
	(void)user;
	return DDL_OK;
}
