/* strv.h - a growable list of owned strings, the currency of cli/: compiler
 * arguments, excluded patterns, dropped flags. */
#ifndef CLI_STRV_H
#define CLI_STRV_H

#include "../ddl.h"

#include <stdbool.h>

struct cli_strv {
	char **v;      /* owned strings, NULL-terminated when n > 0 */
	unsigned n, cap;
};

/* Append S (taking ownership; NULL means an allocation already failed).
 * Returns DDL_OK or DDL_ERR_NOMEM (S is freed then). */
enum ddl_status cli_strv_take(struct cli_strv *sv, char *s);
/* Append a copy of S. */
enum ddl_status cli_strv_add(struct cli_strv *sv, const char *s);
/* Append a copy of S unless an equal string is already there. */
enum ddl_status cli_strv_add_unique(struct cli_strv *sv, const char *s);
bool cli_strv_has(const struct cli_strv *sv, const char *s);
void cli_strv_free(struct cli_strv *sv);

#endif
