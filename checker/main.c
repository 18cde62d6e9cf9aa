/* main.c - argv -> options -> run -> exit code. The only place that exits,
 * and (with cli/) the only place that writes to stderr. */
#include "analyse.h"
#include "cli/options.h"
#include "cli/walk.h"
#include "frontend/fe.h"
#include "kb/kb.h"
#include "report/report.h"
#include "rules/rule.h"
#include "verify/verify.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HELP_URI_BASE "https://github.com/ddilint/ddilint/blob/main/docs/rules/"

static void print_error(const struct ddl_error *e)
{
	if (e->file[0])
		fprintf(stderr, "ddilint: error: %s: %s\n", e->file, e->msg);
	else
		fprintf(stderr, "ddilint: error: %s\n", e->msg);
}

static struct fe_session *open_session(const struct cli_opts *o, const char *const *extra, unsigned n_extra,
				       struct ddl_error *err)
{
	struct fe_opts fo = { 0 };
	const char **args = calloc(o->n_cc_args + n_extra + 1, sizeof(*args));
	struct fe_session *s;
	unsigned i;

	if (!args) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	for (i = 0; i < o->n_cc_args; i++)
		args[i] = o->cc_args[i];
	for (i = 0; i < n_extra; i++)
		args[o->n_cc_args + i] = extra[i];
	fo.wdk_dir = o->wdk_dir;
	fo.user_args = args;
	fo.n_user_args = o->n_cc_args + n_extra;
	fo.header_dir = o->header_dir;
	fo.resource_dir = o->resource_dir;
	s = fe_session_new(&fo, err);
	free(args);
	return s;
}

static void list_rules(void)
{
	unsigned i;

	for (i = 0; i < rule_count; i++)
		printf("%-26s %-8s %s\n", rule_table[i]->id, finding_severity_name(rule_table[i]->severity),
		       rule_table[i]->summary);
}

/* --verify: each file with its own ddilint-args, checked against its expectations. */
static int run_verify(const struct cli_opts *o, const struct kb *kb, const struct analyse_opts *ao,
		      const struct cli_inputs *in)
{
	unsigned i, failed = 0, broken = 0;

	for (i = 0; i < in->n; i++) {
		const char *path = in->items[i].path;
		struct ddl_error err = { 0 };
		char **args = NULL, *report = NULL;
		unsigned n_args = 0;
		struct fe_session *fe = NULL;
		struct finding_list *list = NULL;
		int problems;

		if (in->items[i].problem) {
			fprintf(stderr, "ddilint: error: %s: %s\n", path, in->items[i].problem);
			broken++;
			continue;
		}
		if (verify_read_args(path, &args, &n_args, &err) != DDL_OK ||
		    !(fe = open_session(o, (const char *const *)args, n_args, &err)) ||
		    !(list = finding_list_new()) ||
		    analyse_file(fe, kb, ao, path, list, &err) != DDL_OK) {
			if (!list && !err.msg[0])
				ddl_fail(&err, DDL_ERR_NOMEM, path, "out of memory");
			print_error(&err);
			broken++;
			goto next;
		}
		finding_list_finish(list);
		if (finding_list_file_count(list) && finding_list_file(list, 0)->status == FILE_FAILED) {
			fprintf(stderr, "%s: error: could not be analysed: %s\n", path,
				finding_list_file(list, 0)->reason ? finding_list_file(list, 0)->reason : "unknown");
			broken++;
			goto next;
		}
		problems = verify_file(path, list, &report, &err);
		if (problems >= 0 && finding_list_file(list, 0)->status == FILE_PARTIAL &&
		    !verify_allows_partial(path)) {
			/* Error recovery may have dropped the very calls under test. */
			fprintf(stderr, "%s: parsed with errors (%s); add '// ddilint-allow-partial' if that is the test\n",
				path, finding_list_file(list, 0)->reason ? finding_list_file(list, 0)->reason : "?");
			problems++;
		}
		if (problems < 0) {
			print_error(&err);
			broken++;
		} else if (problems > 0) {
			fputs(report, stderr);
			fprintf(stderr, "%s: %d verify problem%s\n", path, problems, problems == 1 ? "" : "s");
			failed++;
		} else if (!o->quiet) {
			fprintf(stderr, "%s: verify OK\n", path);
		}
next:
		free(report);
		finding_list_free(list);
		fe_session_free(fe);
		verify_args_free(args, n_args);
	}
	return broken ? CLI_EXIT_ERROR : failed ? CLI_EXIT_FINDINGS : CLI_EXIT_CLEAN;
}

static int run_report(const struct cli_opts *o, const struct kb *kb, const struct analyse_opts *ao,
		      const struct cli_inputs *in, int argc, char **argv)
{
	struct ddl_error err = { 0 };
	struct fe_session *fe = open_session(o, NULL, 0, &err);
	struct finding_list *list = finding_list_new();
	struct report_rule_info infos[64];
	struct report_run run = { 0 };
	char cwd[PATH_MAX];
	unsigned i, n_failed = 0, n_partial = 0;
	int rc = CLI_EXIT_CLEAN;
	const char *no_color = getenv("NO_COLOR");

	if (!fe || !list) {
		if (!err.msg[0])
			ddl_fail(&err, DDL_ERR_NOMEM, NULL, "out of memory");
		print_error(&err);
		fe_session_free(fe);
		finding_list_free(list);
		return CLI_EXIT_ERROR;
	}
	for (i = 0; i < in->n; i++) {
		if (in->items[i].problem) {
			struct file_result r = { 0 };

			r.path = ddl_strdup(in->items[i].path);
			r.status = FILE_FAILED;
			r.reason = ddl_strdup(in->items[i].problem);
			if (finding_list_add_file(list, &r) != DDL_OK) {
				rc = CLI_EXIT_ERROR;
				break;
			}
			continue;
		}
		if (analyse_file(fe, kb, ao, in->items[i].path, list, &err) != DDL_OK) {
			print_error(&err);
			rc = CLI_EXIT_ERROR;
			break;
		}
	}
	finding_list_finish(list);
	for (i = 0; i < ao->n_rules && i < 64; i++) {
		const struct rule *r = ao->rules[i];

		infos[i] = (struct report_rule_info){ r->id, r->name, r->summary, r->description, r->tags,
						      r->prefast, r->codeql, r->severity, r->alias, NULL };
	}
	run.tool_version = DDILINT_VERSION;
	run.rules = infos;
	run.n_rules = ao->n_rules < 64 ? ao->n_rules : 64;
	run.src_root = getcwd(cwd, sizeof(cwd)) ? cwd : ".";
	run.help_uri_base = HELP_URI_BASE;
	run.color = o->color == CLI_COLOR_ALWAYS ||
		    (o->color == CLI_COLOR_AUTO && !o->output && isatty(STDOUT_FILENO) && !(no_color && *no_color));
	if (no_color && *no_color)
		run.color = false;
	run.show_source = true;
	run.argv = (const char *const *)argv;
	run.argc = argc;
	if (report_write_file(o->format, list, &run, o->output, &err) != DDL_OK) {
		print_error(&err);
		rc = CLI_EXIT_ERROR;
	}
	for (i = 0; i < finding_list_file_count(list); i++) {
		const struct file_result *r = finding_list_file(list, i);

		if (r->status == FILE_FAILED) {
			n_failed++;
			/* The text report already names failed files on stdout. */
			if (o->format != REPORT_TEXT || o->output)
				fprintf(stderr, "ddilint: error: %s: %s\n", r->path, r->reason ? r->reason : "not analysed");
		} else if (r->status == FILE_PARTIAL) {
			n_partial++;
		}
	}
	if (!o->quiet)
		fprintf(stderr, "ddilint: %u finding%s in %u file%s (%u partial, %u not analysed)\n",
			finding_list_count(list), finding_list_count(list) == 1 ? "" : "s",
			finding_list_file_count(list), finding_list_file_count(list) == 1 ? "" : "s", n_partial,
			n_failed);
	if (rc == CLI_EXIT_CLEAN)
		rc = n_failed ? CLI_EXIT_ERROR : finding_list_count(list) ? CLI_EXIT_FINDINGS : CLI_EXIT_CLEAN;
	finding_list_free(list);
	fe_session_free(fe);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	struct ddl_error err = { 0 };
	struct cli_inputs in = { 0 };
	struct kb *kb = NULL;
	struct analyse_opts ao = { rule_table, rule_count, NULL };
	int rc;

	if (cli_parse(argc, argv, &o, &err) != DDL_OK) {
		print_error(&err);
		cli_opts_free(&o);
		return CLI_EXIT_ERROR;
	}
	if (o.help || o.version || o.list_rules) {
		if (o.help)
			fputs(cli_usage(), stdout);
		if (o.version) {
			CXString v = clang_getClangVersion();

			printf("ddilint %s (%s)\n", DDILINT_VERSION, clang_getCString(v));
			clang_disposeString(v);
		}
		if (o.list_rules)
			list_rules();
		cli_opts_free(&o);
		return CLI_EXIT_CLEAN;
	}
	if (o.print_flags) {
		struct fe_session *fe = open_session(&o, NULL, 0, &err);
		const char *const *args;
		unsigned n, i;

		if (!fe) {
			print_error(&err);
			cli_opts_free(&o);
			return CLI_EXIT_ERROR;
		}
		args = fe_session_args(fe, &n);
		for (i = 0; i < n; i++)
			printf("%s\n", args[i]);
		fe_session_free(fe);
		cli_opts_free(&o);
		return CLI_EXIT_CLEAN;
	}
	kb = kb_load_embedded(&err);
	if (!kb) {
		print_error(&err);
		cli_opts_free(&o);
		return CLI_EXIT_ERROR;
	}
	if (cli_expand(o.paths, o.n_paths, &in) != DDL_OK) {
		fprintf(stderr, "ddilint: error: out of memory\n");
		rc = CLI_EXIT_ERROR;
	} else if (o.verify) {
		rc = run_verify(&o, kb, &ao, &in);
	} else {
		rc = run_report(&o, kb, &ao, &in, argc, argv);
	}
	cli_inputs_free(&in);
	kb_free(kb);
	cli_opts_free(&o);
	return rc;
}
