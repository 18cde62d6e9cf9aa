/* analyse.c - parse one file, run the engine, dispatch its events to the rules. */
#include "analyse.h"
#include "cache/rcache.h"
#include "engine/engine.h"
#include "irql/irql.h"
#include "paths/paths.h"
#include "rules/rule.h"

#include <string.h>
#include <sys/stat.h>

struct dispatch {
	const struct analyse_opts *opts;
	struct rule_ctx ctx;
};

enum hook { HOOK_CALL, HOOK_PATH, HOOK_IRQL };

/* Hand one engine event to every enabled rule that listens to its kind. */
static void dispatch(struct dispatch *d, enum hook hook, const void *ev)
{
	unsigned i;

	for (i = 0; i < d->opts->n_rules; i++) {
		const struct rule *r = d->opts->rules[i];

		d->ctx.rule = r;
		if (hook == HOOK_CALL && r->on_call)
			r->on_call(&d->ctx, ev);
		else if (hook == HOOK_PATH && r->on_path)
			r->on_path(&d->ctx, ev);
		else if (hook == HOOK_IRQL && r->on_irql)
			r->on_irql(&d->ctx, ev);
		else
			continue;
		rule_flush(&d->ctx);
	}
}

static void on_call(void *user, const struct eng_call *call)
{
	dispatch(user, HOOK_CALL, call);
}

static void on_path(void *user, const struct path_event *ev)
{
	dispatch(user, HOOK_PATH, ev);
}

static void on_irql(void *user, const struct irql_event *ev)
{
	dispatch(user, HOOK_IRQL, ev);
}

static bool needs(const struct analyse_opts *opts, bool paths)
{
	unsigned i;

	for (i = 0; i < opts->n_rules; i++)
		if (paths ? opts->rules[i]->on_path != NULL : opts->rules[i]->on_irql != NULL)
			return true;
	return false;
}

bool analyse_needs_irql(const struct analyse_opts *opts)
{
	return needs(opts, false);
}

static enum ddl_status summarise_here(struct fe_session *fe, const struct kb *kb, const char *path,
				      struct irql_program *prog, struct ddl_error *err)
{
	struct file_result res;
	struct fe_tu *tu = NULL;
	enum ddl_status st = fe_parse(fe, path, &tu, &res, err);

	file_result_clear(&res);
	if (st != DDL_OK || !tu)
		return st;
	st = irql_summarise(prog, tu, kb);
	fe_tu_free(tu);
	return st == DDL_OK ? DDL_OK : ddl_fail(err, st, path, "out of memory");
}

static enum ddl_status analyse_here(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *opts,
				    const char *path, struct finding_list *out, struct ddl_error *err)
{
	struct file_result res;
	struct fe_tu *tu = NULL;
	struct eng_tu_facts facts;
	struct eng_stats stats;
	struct dispatch d;
	struct rcache_probe probe;
	enum ddl_status st;

	/* An unchanged file with unchanged dependencies: the stored results. */
	if (rcache_lookup(opts->cache, fe, opts, path, out, &probe) || opts->cache_only)
		return DDL_OK;
	st = fe_parse(fe, path, &tu, &res, err);
	if (st != DDL_OK) {
		file_result_clear(&res);
		return st;
	}
	if (!tu)
		return finding_list_add_file(out, &res);
	memset(&d, 0, sizeof(d));
	d.opts = opts;
	d.ctx.kb = kb;
	d.ctx.tu = &facts;
	d.ctx.out = out;
	st = eng_run(tu, kb, on_call, &d, &facts, &stats);
	if (st == DDL_OK && needs(opts, true))
		st = paths_run(tu, kb, &facts, on_path, &d);
	if (st == DDL_OK && needs(opts, false))
		st = irql_run(tu, kb, &facts, opts->irql, on_irql, &d);
	if (st == DDL_OK)
		st = d.ctx.status;
	res.n_functions = stats.n_functions;
	if (res.status == FILE_PARTIAL && stats.n_functions == 0 && tu->n_errors) {
		/* Errors and not a single function body: nothing was analysed. */
		res.status = FILE_FAILED;
	}
	if (st == DDL_OK)
		rcache_store(&probe, tu, out, &res);
	fe_tu_free(tu);
	if (st != DDL_OK) {
		file_result_clear(&res);
		return ddl_fail(err, st, path, "out of memory");
	}
	return finding_list_add_file(out, &res);
}

/* Parsing and every walk of the AST recurse once per nesting level: both
 * phases run on a stack sized for the file (fe_run_deep), so that deeply
 * nested input is analysed instead of overflowing the caller's stack. */
struct deep_call {
	struct fe_session *fe;
	const struct kb *kb;
	const struct analyse_opts *opts;
	const char *path;
	struct finding_list *out;
	struct irql_program *prog;
	struct ddl_error *err;
	enum ddl_status st;
};

static size_t file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
}

static void deep_analyse(void *arg)
{
	struct deep_call *c = arg;

	c->st = analyse_here(c->fe, c->kb, c->opts, c->path, c->out, c->err);
}

static void deep_summarise(void *arg)
{
	struct deep_call *c = arg;

	c->st = summarise_here(c->fe, c->kb, c->path, c->prog, c->err);
}

enum ddl_status analyse_summarise(struct fe_session *fe, const struct kb *kb, const char *path,
				  struct irql_program *prog, struct ddl_error *err)
{
	struct deep_call c = { fe, kb, NULL, path, NULL, prog, err, DDL_OK };

	fe_run_deep(file_size(path), deep_summarise, &c);
	return c.st;
}

enum ddl_status analyse_file(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *opts,
			     const char *path, struct finding_list *out, struct ddl_error *err)
{
	struct deep_call c = { fe, kb, opts, path, out, NULL, err, DDL_OK };

	fe_run_deep(file_size(path), deep_analyse, &c);
	return c.st;
}
