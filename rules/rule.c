/* rule.c - the rule table (from rules.def) and the one way rules report. */
#include "rule.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE(n) extern const struct rule rule_##n;
#include "rules.def"
#undef RULE

const struct rule *const rule_table[] = {
#define RULE(n) &rule_##n,
#include "rules.def"
#undef RULE
};

const unsigned rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

const struct rule *rule_find(const char *id)
{
	unsigned i;

	for (i = 0; i < rule_count; i++)
		if (strcmp(rule_table[i]->id, id) == 0)
			return rule_table[i];
	return NULL;
}

struct finding *rule_report(struct rule_ctx *ctx, const struct finding_loc *loc, const char *function,
			    const char *fmt, ...)
{
	struct finding f;
	va_list ap;
	int n;

	if (ctx->pending_valid)
		rule_flush(ctx);
	memset(&f, 0, sizeof(f));
	f.rule_id = ctx->rule->id;
	f.severity = ctx->rule->severity;
	f.loc = *loc;
	f.loc.file = ddl_strdup(loc->file);
	f.function = ddl_strdup(function);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	f.message = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (f.message) {
		va_start(ap, fmt);
		vsnprintf(f.message, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (!f.message || !f.loc.file || (function && !f.function)) {
		finding_clear(&f);
		ctx->status = DDL_ERR_NOMEM;
		return NULL;
	}
	ctx->pending = f;
	ctx->pending_valid = true;
	return &ctx->pending;
}

void rule_note(struct rule_ctx *ctx, struct finding *f, const struct finding_loc *loc, const char *kind,
	       const char *fmt, ...)
{
	struct finding_loc l = *loc;
	va_list ap;
	char buf[512];

	if (!f)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	l.file = ddl_strdup(loc->file);
	if (!l.file || finding_add_note(f, l, ddl_strdup(buf), kind) != DDL_OK)
		ctx->status = DDL_ERR_NOMEM;
}

struct finding *rule_report_path(struct rule_ctx *ctx, const struct finding_loc *loc, const char *function,
				 const char *message, const struct finding_note *steps, unsigned n_steps)
{
	struct finding *f = rule_report(ctx, loc, function, "%s", message);
	unsigned i;

	if (!f)
		return NULL;
	f->is_path = true;
	for (i = 0; i < n_steps; i++)
		rule_note(ctx, f, &steps[i].loc, steps[i].kind, "%s", steps[i].message);
	return f;
}

void rule_flush(struct rule_ctx *ctx)
{
	if (!ctx->pending_valid)
		return;
	ctx->pending_valid = false;
	if (finding_list_add(ctx->out, &ctx->pending) != DDL_OK)
		ctx->status = DDL_ERR_NOMEM;
}
