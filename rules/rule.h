/* rule.h - the interface between the engines and one rule.
 *
 * A rule is one file in rules/ with one `const struct rule`, listed once in
 * rules/rules.def. It states what it needs, and the engines call its hooks;
 * a rule never walks the AST, prints or keeps global state. It reports with
 * rule_report(), which fills in the rule id and severity.
 */
#ifndef RULE_H
#define RULE_H

#include "../checker/engine/engine.h"
#include "../checker/findings/finding.h"
#include "../checker/irql/irql.h"
#include "../checker/kb/kb.h"
#include "../checker/paths/paths.h"

struct rule;

/* What a rule's hooks see. Borrowed for the duration of the hook. */
struct rule_ctx {
	const struct rule *rule;
	const struct kb *kb;
	const struct eng_tu_facts *tu;
	struct finding_list *out;
	enum ddl_status status;  /* first failure while reporting (out of memory) */
	struct finding pending;  /* the last reported finding, until rule_flush */
	bool pending_valid;
};

struct rule {
	const char *id;          /* kebab-case id: file name, test dir, doc name, SARIF ruleId */
	const char *name;        /* PascalCase name for SARIF */
	const char *summary;     /* one sentence, ends with a period */
	const char *description; /* a paragraph: what it checks and why */
	enum finding_severity severity;
	const char *tags;        /* comma separated SARIF tags */
	const char *prefast;     /* related PREfast warnings, comma separated, or NULL */
	const char *codeql;      /* related CodeQL query id, or NULL */
	const char *alias;       /* stable numeric alias for tools that want one: "DDI1001" */

	/* Hooks; NULL = not interested. A rule with on_path or on_irql makes
	 * the run use that engine. */
	void (*on_call)(struct rule_ctx *ctx, const struct eng_call *call);
	void (*on_path)(struct rule_ctx *ctx, const struct path_event *ev);
	void (*on_irql)(struct rule_ctx *ctx, const struct irql_event *ev);
};

/* The rule table, from rules/rules.def, in table order. */
extern const struct rule *const rule_table[];
extern const unsigned rule_count;

const struct rule *rule_find(const char *id);

/* Report a finding of CTX's rule at LOC (file copied) with a printf message.
 * Returns the finding, borrowed until the next rule_report or rule_flush, so
 * that notes can be added to it; NULL when out of memory (CTX->status says so). */
struct finding *rule_report(struct rule_ctx *ctx, const struct finding_loc *loc, const char *function,
			    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add a related location to F (from rule_report). KIND is static or NULL. */
void rule_note(struct rule_ctx *ctx, struct finding *f, const struct finding_loc *loc, const char *kind,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Report a path finding of CTX's rule: MESSAGE (copied) at LOC, with STEPS as
 * its path (notes in order, each copied). Sets the finding's is_path, so the
 * reporters show the steps as a path (text notes, a JSON array, SARIF
 * codeFlows). Returns the finding as rule_report does. */
struct finding *rule_report_path(struct rule_ctx *ctx, const struct finding_loc *loc, const char *function,
				 const char *message, const struct finding_note *steps, unsigned n_steps);

/* Store the pending finding into CTX->out. The engine driver calls this after each hook. */
void rule_flush(struct rule_ctx *ctx);

#endif
