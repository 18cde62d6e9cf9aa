/* strv.c - a growable list of owned strings. */
#include "strv.h"

#include <stdlib.h>
#include <string.h>

enum ddl_status cli_strv_take(struct cli_strv *sv, char *s)
{
	if (!s)
		return DDL_ERR_NOMEM;
	if (sv->n + 1 >= sv->cap) {
		unsigned ncap = sv->cap ? sv->cap * 2 : 8;
		char **nv = realloc(sv->v, ncap * sizeof(*nv));

		if (!nv) {
			free(s);
			return DDL_ERR_NOMEM;
		}
		sv->v = nv;
		sv->cap = ncap;
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
	return DDL_OK;
}

enum ddl_status cli_strv_add(struct cli_strv *sv, const char *s)
{
	return cli_strv_take(sv, ddl_strdup(s));
}

bool cli_strv_has(const struct cli_strv *sv, const char *s)
{
	unsigned i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

enum ddl_status cli_strv_add_unique(struct cli_strv *sv, const char *s)
{
	return cli_strv_has(sv, s) ? DDL_OK : cli_strv_add(sv, s);
}

void cli_strv_free(struct cli_strv *sv)
{
	unsigned i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}
