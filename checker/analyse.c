/* analyse.c - parse one file, run the engine, dispatch its events to the rules. */
#include "analyse.h"
#include "engine/engine.h"
#include "rules/rule.h"

#include <string.h>

struct dispatch {
	const struct analyse_opts *opts;
	struct rule_ctx ctx;
};

static void on_call(void *user, const struct eng_call *call)
{
	struct dispatch *d = user;
	unsigned i;

	for (i = 0; i < d->opts->n_rules; i++) {
		const struct rule *r = d->opts->rules[i];

		if (!r->on_call)
			continue;
		d->ctx.rule = r;
		r->on_call(&d->ctx, call);
		rule_flush(&d->ctx);
	}
}

enum ddl_status analyse_file(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *opts,
			     const char *path, struct finding_list *out, struct ddl_error *err)
{
	struct file_result res;
	struct fe_tu *tu = NULL;
	struct eng_tu_facts facts;
	struct eng_stats stats;
	struct dispatch d;
	enum ddl_status st;

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
	if (st == DDL_OK)
		st = d.ctx.status;
	res.n_functions = stats.n_functions;
	if (res.status == FILE_PARTIAL && stats.n_functions == 0 && tu->n_errors) {
		/* Errors and not a single function body: nothing was analysed. */
		res.status = FILE_FAILED;
	}
	fe_tu_free(tu);
	if (st != DDL_OK) {
		file_result_clear(&res);
		return ddl_fail(err, st, path, "out of memory");
	}
	return finding_list_add_file(out, &res);
}
