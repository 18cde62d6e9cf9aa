/* explain.c - the rule list and the embedded rule documentation. */
#include "explain.h"
#include "../embedded.h"
#include "../findings/suppress.h"
#include "rules/rule.h"

#include <string.h>
#include <strings.h>

void cli_list_rules(FILE *out)
{
	unsigned i;

	for (i = 0; i < rule_count; i++)
		fprintf(out, "%-26s %-8s %s\n", rule_table[i]->id, finding_severity_name(rule_table[i]->severity),
			rule_table[i]->summary);
}

enum ddl_status cli_explain(const char *rule, FILE *out, struct ddl_error *err)
{
	const char *id = NULL;
	const struct ddl_embedded_file *doc;
	char path[128];
	unsigned i;

	for (i = 0; i < rule_count && !id; i++) {
		const struct rule *r = rule_table[i];

		if (strcmp(rule, r->id) == 0 || (r->name && strcmp(rule, r->name) == 0) ||
		    (r->alias && strcasecmp(rule, r->alias) == 0))
			id = r->id;
	}
	if (!id && strcmp(rule, SUPPRESS_UNUSED_RULE) == 0)
		id = SUPPRESS_UNUSED_RULE;
	if (!id)
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "unknown rule '%s' (see --list-rules)", rule);
	snprintf(path, sizeof(path), "docs/rules/%s.md", id);
	doc = ddl_embedded_find(path);
	if (!doc)
		return ddl_fail(err, DDL_ERR_IO, path, "this build has no documentation for '%s'", id);
	fwrite(doc->data, 1, doc->size, out);
	return DDL_OK;
}
