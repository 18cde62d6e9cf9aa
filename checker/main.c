/* main.c - argv -> options -> plan -> run -> report -> exit code. The only
 * place that exits, and (with cli/) the only place that writes to stderr.
 *
 * A run: the command line (cli/options), the files and their flags from
 * the paths or a compilation database, with the configuration of each
 * (cli/plan), analysed N at a time (cli/jobs), then the whole-run passes -
 * baseline, --fix - and the report. */
#include "analyse.h"
#include "cache/rcache.h"
#include "cli/compdb.h"
#include "cli/explain.h"
#include "cli/jobs.h"
#include "cli/kbuser.h"
#include "cli/options.h"
#include "cli/plan.h"
#include "findings/baseline.h"
#include "fixit/fixit.h"
#include "frontend/fe.h"
#include "irql/irql.h"
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
#define MAX_NOTED_FLAGS 10

static void print_error(const struct ddl_error *e)
{
	if (e->file[0])
		fprintf(stderr, "ddilint: error: %s: %s\n", e->file, e->msg);
	else
		fprintf(stderr, "ddilint: error: %s\n", e->msg);
}

/* What the plan quietly changed: flags dropped, files skipped or excluded. */
static void print_notes(const struct cli_opts *o, const struct cli_compdb *db, const struct cli_plan *plan)
{
	unsigned i;

	if (o->quiet)
		return;
	if (db && db->dropped.n) {
		fprintf(stderr, "ddilint: note: %s: flags dropped (not needed, or not usable for the driver target): ",
			db->path);
		for (i = 0; i < db->dropped.n && i < MAX_NOTED_FLAGS; i++)
			fprintf(stderr, "%s%s", i ? " " : "", db->dropped.v[i]);
		if (db->dropped.n > MAX_NOTED_FLAGS)
			fprintf(stderr, " and %u more", db->dropped.n - MAX_NOTED_FLAGS);
		fputs("\n", stderr);
	}
	if (db && db->n_not_c)
		fprintf(stderr, "ddilint: note: %s: %u entr%s skipped (not a C file, or compiled as C++)\n", db->path,
			db->n_not_c, db->n_not_c == 1 ? "y" : "ies");
	if (db && plan->n_not_in_db)
		fprintf(stderr, "ddilint: note: %u file%s not in %s, analysed with the default flags\n",
			plan->n_not_in_db, plan->n_not_in_db == 1 ? "" : "s", db->path);
	if (plan->n_excluded)
		fprintf(stderr, "ddilint: note: %u file%s excluded by the configuration\n", plan->n_excluded,
			plan->n_excluded == 1 ? "" : "s");
}

/* --print-flags: the flags of the default session, or of each file of a database. */
static int print_flags(const struct cli_opts *o, const struct cli_plan *plan)
{
	struct ddl_error err = { 0 };
	struct cli_strv none = { 0 };
	unsigned i, k, n;

	for (i = 0; i < (plan ? plan->n_items : 1); i++) {
		const struct cli_item *it = plan ? &plan->items[i] : NULL;
		struct fe_session *fe = cli_session_new(o, it ? &it->args : &none, &err);
		const char *const *args;

		if (!fe) {
			print_error(&err);
			return CLI_EXIT_ERROR;
		}
		if (it)
			printf("# %s\n", it->path);
		args = fe_session_args(fe, &n);
		for (k = 0; k < n; k++)
			printf("%s\n", args[k]);
		fe_session_free(fe);
	}
	return CLI_EXIT_CLEAN;
}

static bool is_suppressed(const struct finding *f, void *user)
{
	(void)user;
	return f->suppressed != FINDING_NOT_SUPPRESSED;
}

/* --verify of PATH and the files its "// ddilint-with:" lines name (WITH):
 * they are analysed as one program (the IRQL engine's phase 1 over all of
 * them, then each file), every file's findings into LIST. */
static enum ddl_status verify_analyse(struct fe_session *fe, const struct kb *kb, struct cli_profile *profile,
				      const struct cli_process_opts *po, const char *path, char **with, unsigned n_with,
				      struct finding_list *list, struct ddl_error *err)
{
	const struct irql_program *saved = profile->ao.irql;
	struct irql_program *prog = NULL;
	enum ddl_status st = DDL_OK;
	unsigned i;

	if (n_with && analyse_needs_irql(&profile->ao)) {
		if (!(prog = irql_program_new()))
			return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
		st = analyse_summarise(fe, cli_profile_kb(profile, kb), path, prog, err);
		for (i = 0; st == DDL_OK && i < n_with; i++)
			st = analyse_summarise(fe, cli_profile_kb(profile, kb), with[i], prog, err);
		if (st == DDL_OK && (st = irql_program_solve(prog)) != DDL_OK)
			ddl_fail(err, st, path, "out of memory");
		profile->ao.irql = prog;
	}
	if (st == DDL_OK)
		st = cli_process_file(fe, kb, profile, po, path, list, err);
	for (i = 0; st == DDL_OK && i < n_with; i++)
		st = cli_process_file(fe, kb, profile, po, with[i], list, err);
	profile->ao.irql = saved;
	irql_program_free(prog);
	return st;
}

/* The file result of PATH in LIST (the first one when there is no match). */
static const struct file_result *verify_result(const struct finding_list *list, const char *path)
{
	unsigned i;

	for (i = 0; i < finding_list_file_count(list); i++)
		if (strcmp(finding_list_file(list, i)->path, path) == 0)
			return finding_list_file(list, i);
	return finding_list_file(list, 0);
}

/* Which rules a verify-mode test checks. A test in tests/<rule-id>/ checks
 * that rule and the rules its "// ddilint-rules:" line names, so a new rule
 * that also fires on an older test's code does not break it; any other test
 * (samples/, tests/verify/ ...) checks every rule. */
struct verify_scope {
	const char *dir_rule; /* borrowed from the path, NUL-terminated copy in BUF */
	char buf[64];
	char **extra;
	unsigned n_extra;
};

static void scope_init(struct verify_scope *sc, const char *path)
{
	const char *t = strstr(path, "tests/");
	struct ddl_error err = { 0 };
	size_t n;

	memset(sc, 0, sizeof(*sc));
	if (!t)
		return;
	t += strlen("tests/");
	n = strcspn(t, "/");
	if (t[n] != '/' || n >= sizeof(sc->buf))
		return;
	memcpy(sc->buf, t, n);
	sc->buf[n] = '\0';
	if (!rule_find(sc->buf))
		return;
	sc->dir_rule = sc->buf;
	if (verify_read_tag(path, "ddilint-rules:", &sc->extra, &sc->n_extra, &err) != DDL_OK)
		sc->n_extra = 0;
}

static bool out_of_scope(const struct finding *f, void *user)
{
	const struct verify_scope *sc = user;
	unsigned i;

	if (!sc->dir_rule || strcmp(f->rule_id, sc->dir_rule) == 0)
		return false;
	for (i = 0; i < sc->n_extra; i++)
		if (strcmp(f->rule_id, sc->extra[i]) == 0)
			return false;
	return true;
}

/* --verify: each file with its own ddilint-args, checked against its expectations. */
static int run_verify(const struct cli_opts *o, const struct kb *kb, struct cli_plan *plan,
		      const struct cli_process_opts *po)
{
	unsigned i, k, failed = 0, broken = 0;

	for (i = 0; i < plan->n_items; i++) {
		const struct cli_item *it = &plan->items[i];
		const char *path = it->path;
		struct ddl_error err = { 0 };
		char **args = NULL, *report = NULL, **with = NULL;
		unsigned n_args = 0, n_with = 0;
		struct cli_strv all = { 0 };
		struct fe_session *fe = NULL;
		struct finding_list *list = NULL;
		int problems;

		if (it->problem) {
			fprintf(stderr, "ddilint: error: %s: %s\n", path, it->problem);
			broken++;
			continue;
		}
		if (verify_read_args(path, &args, &n_args, &err) != DDL_OK ||
		    verify_read_with(path, &with, &n_with, &err) != DDL_OK)
			goto broken;
		for (k = 0; k < it->args.n; k++)
			if (cli_strv_add(&all, it->args.v[k]) != DDL_OK)
				goto nomem;
		for (k = 0; k < n_args; k++)
			if (cli_strv_add(&all, args[k]) != DDL_OK)
				goto nomem;
		if (!(fe = cli_session_new(o, &all, &err)))
			goto broken;
		if (!(list = finding_list_new()))
			goto nomem;
		if (verify_analyse(fe, kb, &plan->profiles[it->profile], po, path, with, n_with, list, &err) != DDL_OK)
			goto broken;
		finding_list_finish(list);
		if (finding_list_file_count(list) && verify_result(list, path)->status == FILE_FAILED) {
			fprintf(stderr, "%s: error: could not be analysed: %s\n", path,
				verify_result(list, path)->reason ? verify_result(list, path)->reason : "unknown");
			broken++;
			goto next;
		}
		/* Suppressed findings are not reported, so they are not expected either. */
		finding_list_drop_if(list, is_suppressed, NULL);
		{
			struct verify_scope sc;

			scope_init(&sc, path);
			finding_list_drop_if(list, out_of_scope, &sc);
			verify_args_free(sc.extra, sc.n_extra);
		}
		problems = verify_file(path, list, &report, &err);
		if (problems >= 0 && verify_result(list, path)->status == FILE_PARTIAL &&
		    !verify_allows_partial(path)) {
			/* Error recovery may have dropped the very calls under test. */
			fprintf(stderr, "%s: parsed with errors (%s); add '// ddilint-allow-partial' if that is the test\n",
				path, verify_result(list, path)->reason ? verify_result(list, path)->reason : "?");
			problems++;
		}
		/* a ddilint-with file with expectations of its own is verified in this run too */
		for (k = 0; problems >= 0 && k < n_with; k++) {
			char *more = NULL;
			int extra;

			if (!verify_has_expectations(with[k]))
				continue;
			extra = verify_file(with[k], list, &more, &err);
			if (extra < 0) {
				problems = -1;
			} else if (extra > 0) {
				char *both = ddl_asprintf("%s%s", report ? report : "", more);

				if (both) {
					free(report);
					report = both;
				}
				problems += extra;
			}
			free(more);
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
		goto next;
nomem:
		ddl_fail(&err, DDL_ERR_NOMEM, path, "out of memory");
broken:
		print_error(&err);
		broken++;
next:
		free(report);
		finding_list_free(list);
		fe_session_free(fe);
		cli_strv_free(&all);
		verify_args_free(args, n_args);
		verify_args_free(with, n_with);
	}
	return broken ? CLI_EXIT_ERROR : failed ? CLI_EXIT_FINDINGS : CLI_EXIT_CLEAN;
}

static bool was_fixed(const struct finding *f, void *user)
{
	const struct finding_list *list = ((void **)user)[0];
	const bool *fixed = ((void **)user)[1];

	return fixed[f - finding_list_get(list, 0)];
}

/* What the whole run hid or changed, for the summary. */
struct tally {
	unsigned suppressed, baselined, fixed, fixed_files;
};

/* --baseline and --write-baseline on the finished LIST. */
static enum ddl_status baselines(const struct cli_opts *o, struct finding_list *list, const char *root,
				 struct tally *t, struct ddl_error *err)
{
	char *keys = NULL;
	enum ddl_status st = DDL_OK;

	if (!o->baseline && !o->write_baseline)
		return DDL_OK;
	if (finding_list_count(list) && !(keys = report_finding_keys(list, root, err)))
		return err->status ? err->status : DDL_ERR_NOMEM;
	if (o->baseline) {
		struct baseline *b = baseline_load(o->baseline, err);

		if (!b) {
			free(keys);
			return err->status ? err->status : DDL_ERR_PARSE;
		}
		t->baselined = finding_list_count(list) ? baseline_apply(b, list, keys, REPORT_KEY_SIZE) : 0;
		baseline_free(b);
	}
	if (o->write_baseline)
		st = baseline_write(o->write_baseline, list, keys ? keys : "", REPORT_KEY_SIZE, root, err);
	free(keys);
	return st;
}

/* --fix: apply, then drop what was fixed from the report. */
static enum ddl_status fix(struct finding_list *list, struct tally *t, struct ddl_error *err)
{
	bool *fixed = calloc(finding_list_count(list) + 1, sizeof(*fixed));
	void *user[2] = { list, fixed };
	int n;

	if (!fixed)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	n = finding_list_count(list) ? fixit_apply(list, fixed, &t->fixed_files, err) : 0;
	if (n > 0)
		finding_list_drop_if(list, was_fixed, user);
	free(fixed);
	if (n < 0)
		return err->status ? err->status : DDL_ERR_IO;
	t->fixed = (unsigned)n;
	return DDL_OK;
}

static const struct report_rule_info unused_rule_info = {
	SUPPRESS_UNUSED_RULE, "UnusedSuppression", "Suppression that suppresses nothing.",
	"A ddilint-ignore or NOLINT comment, or a #pragma warning/prefast suppression that names a ddilint rule, "
	"covers no finding: the finding it was written for is gone, or it is in the wrong place. Reported with "
	"--report-unused-suppressions.",
	"maintainability", NULL, NULL, SEV_WARNING, "DDI1900", "very-high",
};

/* The rules the report describes: every rule some file ran, in table order.
 * (Items with a problem have profile 0, which runs every rule.) */
static struct report_rule_info *rule_infos(const struct cli_opts *o, const struct cli_plan *plan, unsigned *n)
{
	struct report_rule_info *infos = calloc(rule_count + 2, sizeof(*infos));
	unsigned i, p, k;

	*n = 0;
	for (i = 0; infos && i < rule_count; i++) {
		const struct rule *r = rule_table[i];
		bool used = false;

		for (p = 0; p < plan->n_items && !used; p++)
			for (k = 0; k < plan->profiles[plan->items[p].profile].n_rules && !used; k++)
				used = plan->profiles[plan->items[p].profile].rules[k] == r;
		if (used)
			infos[(*n)++] = (struct report_rule_info){ r->id, r->name, r->summary, r->description, r->tags,
								   r->prefast, r->codeql, r->severity, r->alias, NULL };
	}
	if (infos && o->report_unused)
		infos[(*n)++] = unused_rule_info;
	return infos;
}

static int run_report(const struct cli_opts *o, const struct kb *kb, struct cli_plan *plan,
		      const struct cli_process_opts *po, int argc, char **argv)
{
	struct ddl_error err = { 0 };
	struct finding_list *list = finding_list_new();
	struct report_rule_info *infos = NULL;
	struct report_run run = { 0 };
	struct cli_jobs_opts jo = { o, kb, *po, o->jobs ? o->jobs : cli_jobs_default(), false };
	struct tally t = { 0 };
	char cwd[PATH_MAX];
	unsigned i, n_failed = 0, n_partial = 0, n_reported = 0;
	int rc = CLI_EXIT_CLEAN;
	const char *no_color = getenv("NO_COLOR");

	jo.progress = !o->quiet && (o->progress > 0 || (o->progress == 0 && isatty(STDERR_FILENO)));
	run.src_root = getcwd(cwd, sizeof(cwd)) ? cwd : ".";
	if (!list) {
		ddl_fail(&err, DDL_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	if (jo.n_threads > 1 && plan->n_items > 1) {
		/* The compatibility headers are written once, before the threads race for them. */
		struct cli_strv none = { 0 };
		struct fe_session *fe = cli_session_new(o, &none, &err);

		if (!fe)
			goto fail;
		fe_session_free(fe);
	}
	if (cli_jobs_run(&jo, plan, list, &err) != DDL_OK)
		goto fail;
	finding_list_finish(list);
	if (baselines(o, list, run.src_root, &t, &err) != DDL_OK || (o->fix && fix(list, &t, &err) != DDL_OK))
		goto fail;
	for (i = 0; i < finding_list_count(list); i++) {
		const struct finding *f = finding_list_get(list, i);

		t.suppressed += f->suppressed == FINDING_SUPPRESSED_IN_SOURCE;
		n_reported += f->suppressed == FINDING_NOT_SUPPRESSED;
	}
	/* SARIF keeps suppressed results (with "suppressions"); the others show what is to be done. */
	if (o->format != REPORT_SARIF)
		finding_list_drop_if(list, is_suppressed, NULL);
	if (!(infos = rule_infos(o, plan, &run.n_rules))) {
		ddl_fail(&err, DDL_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	run.tool_version = DDILINT_VERSION;
	run.rules = infos;
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
	if (!o->quiet) {
		fprintf(stderr, "ddilint: %u finding%s in %u file%s (%u partial, %u not analysed)", n_reported,
			n_reported == 1 ? "" : "s", finding_list_file_count(list),
			finding_list_file_count(list) == 1 ? "" : "s", n_partial, n_failed);
		if (t.suppressed)
			fprintf(stderr, "; %u suppressed in the source", t.suppressed);
		if (o->baseline)
			fprintf(stderr, "; %u in the baseline", t.baselined);
		if (o->fix)
			fprintf(stderr, "; %u fixed in %u file%s", t.fixed, t.fixed_files, t.fixed_files == 1 ? "" : "s");
		fputs("\n", stderr);
		if (o->write_baseline)
			fprintf(stderr, "ddilint: baseline written to %s\n", o->write_baseline);
	}
	if (rc == CLI_EXIT_CLEAN)
		rc = n_failed ? CLI_EXIT_ERROR : (n_reported && !o->write_baseline) ? CLI_EXIT_FINDINGS : CLI_EXIT_CLEAN;
	free(infos);
	finding_list_free(list);
	return rc;
fail:
	print_error(&err);
	free(infos);
	finding_list_free(list);
	return CLI_EXIT_ERROR;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	struct ddl_error err = { 0 };
	struct cli_compdb db = { 0 };
	struct cli_plan plan = { 0 };
	struct cli_kb_base *base = NULL;
	struct kb *kb = NULL;
	struct rcache *cache = NULL;
	struct cli_process_opts po;
	unsigned i;
	int rc = CLI_EXIT_ERROR;

	if (cli_parse(argc, argv, &o, &err) != DDL_OK) {
		print_error(&err);
		cli_opts_free(&o);
		return CLI_EXIT_ERROR;
	}
	if (o.help || o.version || o.list_rules || o.explain) {
		rc = CLI_EXIT_CLEAN;
		if (o.help)
			fputs(cli_usage(), stdout);
		if (o.version) {
			CXString v = clang_getClangVersion();

			printf("ddilint %s (%s)\n", DDILINT_VERSION, clang_getCString(v));
			clang_disposeString(v);
		}
		if (o.list_rules)
			cli_list_rules(stdout);
		if (o.explain && cli_explain(o.explain, stdout, &err) != DDL_OK) {
			print_error(&err);
			rc = CLI_EXIT_ERROR;
		}
		cli_opts_free(&o);
		return rc;
	}
	if (o.print_flags && !o.compdb && !o.n_paths) {
		rc = print_flags(&o, NULL);
		cli_opts_free(&o);
		return rc;
	}
	if (!(base = cli_kb_base_new(&err)) || !(kb = kb_load_embedded(&err))) {
		if (!err.msg[0])
			ddl_fail(&err, DDL_ERR_NOMEM, NULL, "out of memory");
		print_error(&err);
		goto done;
	}
	if (o.compdb && cli_compdb_load(o.compdb, &db, &err) != DDL_OK) {
		print_error(&err);
		goto done;
	}
	if (cli_plan_build(&o, o.compdb ? &db : NULL, base, &plan, &err) != DDL_OK) {
		print_error(&err);
		goto done;
	}
	print_notes(&o, o.compdb ? &db : NULL, &plan);
	if (o.print_flags) {
		rc = print_flags(&o, &plan);
		goto done;
	}
	if (!plan.n_items) {
		fprintf(stderr, "ddilint: error: nothing to analyse%s\n",
			plan.n_excluded ? " (every file is excluded by the configuration)" :
					  o.compdb ? " (the compilation database lists no C file)" : "");
		goto done;
	}
	/* The result cache, for report runs only: --verify tests the analysis itself. */
	if (!o.verify && !o.no_cache) {
		struct ddl_error cerr = { 0 };

		cache = rcache_open(o.cache_dir, &cerr);
		if (!cache && cerr.msg[0] && !o.quiet)
			fprintf(stderr, "ddilint: note: no result cache: %s%s%s\n", cerr.file, cerr.file[0] ? ": " : "",
				cerr.msg);
		for (i = 0; i < plan.n_profiles; i++)
			plan.profiles[i].ao.cache = cache;
	}
	po = (struct cli_process_opts){ o.report_unused };
	rc = o.verify ? run_verify(&o, kb, &plan, &po) : run_report(&o, kb, &plan, &po, argc, argv);
done:
	rcache_close(cache);
	cli_plan_free(&plan);
	cli_compdb_free(&db);
	kb_free(kb);
	cli_kb_base_free(base);
	cli_opts_free(&o);
	return rc;
}
