/* process.c - analyse one file, then severities and suppressions. */
#include "process.h"
#include "../frontend/fe.h"

#include <stdlib.h>
#include <string.h>

void cli_apply_severities(const struct cli_profile *profile, struct finding_list *list)
{
	unsigned i;

	if (!profile->config)
		return;
	for (i = 0; i < finding_list_count(list); i++) {
		struct finding *f = finding_list_at(list, i);

		switch (cli_config_rule_level(profile->config, f->rule_id)) {
		case CLI_RULE_NOTE: f->severity = SEV_NOTE; break;
		case CLI_RULE_WARNING: f->severity = SEV_WARNING; break;
		case CLI_RULE_ERROR: f->severity = SEV_ERROR; break;
		default: break;
		}
	}
}

/* Mark the findings of LIST that PATH's comments and pragmas suppress
 * (naming the rules that PROFILE runs). */
static enum ddl_status suppress(const struct cli_profile *profile, const struct cli_process_opts *po,
				const char *path, struct finding_list *list, struct ddl_error *err)
{
	struct ddl_error rerr = { 0 };
	size_t len;
	char *text;
	struct suppress_set *s;
	enum ddl_status st;

	if (!finding_list_count(list) && !po->report_unused)
		return DDL_OK;
	text = ddl_read_file(path, &len, &rerr);
	if (!text)
		return rerr.status == DDL_ERR_NOMEM ? ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory") : DDL_OK;
	s = suppress_scan(text, len, profile->srules, profile->n_rules);
	free(text);
	if (!s)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	st = suppress_mark(s, list, path);
	if (st == DDL_OK && po->report_unused)
		st = suppress_report_unused(s, list, path);
	suppress_set_free(s);
	return st == DDL_OK ? DDL_OK : ddl_fail(err, st, path, "out of memory");
}

enum ddl_status cli_process_file(struct fe_session *fe, const struct kb *base, const struct cli_profile *profile,
				 const struct cli_process_opts *po, const char *path, struct finding_list *out,
				 struct ddl_error *err)
{
	struct finding_list *list = finding_list_new();
	enum ddl_status st;
	bool analysed;

	if (!list)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	st = analyse_file(fe, cli_profile_kb(profile, base), &profile->ao, path, list, err);
	analysed = st == DDL_OK && finding_list_file_count(list) &&
		   finding_list_file(list, 0)->status != FILE_FAILED;
	if (analysed) {
		cli_apply_severities(profile, list);
		st = suppress(profile, po, path, list, err);
	}
	if (st == DDL_OK)
		st = finding_list_merge(out, list);
	finding_list_free(list);
	if (st == DDL_ERR_NOMEM && !err->msg[0])
		ddl_fail(err, st, path, "out of memory");
	return st;
}
