/* suppress.h - inline suppressions: the comments and pragmas in a source file
 * that say "do not report this here" (docs/suppressions.md).
 *
 * Three families, all read from the file's text (libclang does not expose
 * pragmas as cursors, and a comment is not a token):
 *  - ddilint's own comments: ddilint-ignore[(rules)] (this line),
 *    ddilint-ignore-next-line[(rules)], ddilint-ignore-begin/-end, and
 *    clang-tidy's NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND;
 *  - #pragma warning(suppress: N) (next line), #pragma warning(disable: N)
 *    up to the matching pop or the end of the file, push/pop, default;
 *  - #pragma prefast(suppress: N, "justification"), prefast disable/push/pop.
 * N is a PREfast/Code Analysis number (28159, C28159) or a __WARNING_* name,
 * mapped onto ddilint rules by the table in suppress.c and by each rule's own
 * list of related PREfast warnings. A suppressed finding is kept and marked,
 * so that SARIF can carry it as a suppression. Nothing here prints.
 */
#ifndef SUPPRESS_H
#define SUPPRESS_H

#include "finding.h"

/* A rule as suppressions may name it: id, PascalCase name, numeric alias,
 * related PREfast warnings ("C28159,C28751"). All borrowed; any but ID may be NULL. */
struct suppress_rule {
	const char *id;
	const char *name;
	const char *alias;
	const char *prefast;
};

/* The rule id under which unused suppressions are reported. */
#define SUPPRESS_UNUSED_RULE "unused-suppression"

struct suppress_set;

/* Read the suppressions written in TEXT (LEN bytes, the source of a file).
 * RULES (N_RULES of them) are the rules that exist; they are borrowed and
 * must outlive the set. Returns a new set owned by the caller (free with
 * suppress_set_free), or NULL when out of memory. */
struct suppress_set *suppress_scan(const char *text, size_t len, const struct suppress_rule *rules,
				   unsigned n_rules);
void suppress_set_free(struct suppress_set *s);

/* Does a suppression cover a finding of RULE_ID on LINE? Marks the
 * suppression used; *JUSTIFICATION gets its reason (borrowed, valid until
 * suppress_set_free; NULL when it gives none). */
bool suppress_match(struct suppress_set *s, const char *rule_id, unsigned line, const char **justification);

/* Mark every finding of LIST located in PATH that a suppression of S covers
 * (finding.suppressed = FINDING_SUPPRESSED_IN_SOURCE, with the justification).
 * Returns DDL_OK or DDL_ERR_NOMEM. */
enum ddl_status suppress_mark(struct suppress_set *s, struct finding_list *list, const char *path);

/* Add to LIST a warning of rule SUPPRESS_UNUSED_RULE for every suppression
 * of S that names a rule of the run (or all rules) and covered no finding. */
enum ddl_status suppress_report_unused(const struct suppress_set *s, struct finding_list *list, const char *path);

/* The number of suppressions found (for tests and summaries). */
unsigned suppress_count(const struct suppress_set *s);

#endif
