/* explain.h - --list-rules and --explain RULE: the rule table and the rule
 * documentation (docs/rules/<id>.md, embedded at build time). */
#ifndef CLI_EXPLAIN_H
#define CLI_EXPLAIN_H

#include "../ddl.h"

#include <stdio.h>

/* One line per rule of the table: id, severity, summary. */
void cli_list_rules(FILE *out);

/* Print the documentation of RULE (an id, name or alias) to OUT. Returns
 * DDL_OK, or DDL_ERR_USAGE with ERR saying the rule is unknown. */
enum ddl_status cli_explain(const char *rule, FILE *out, struct ddl_error *err);

#endif
