/* report.h - the three reporters: text (gcc/clang style), JSON
 * (docs/json-format.md) and SARIF 2.1.0 (GitHub code scanning).
 *
 * A reporter prints a finished finding_list (sorted and de-duplicated by
 * finding_list_finish) and the status of every input file; it decides
 * nothing about what is reported. Text reads source lines from disk for the
 * caret; JSON and SARIF read them for UTF-16 columns and fingerprints. A
 * source file that cannot be read only loses those extras.
 */
#ifndef REPORT_H
#define REPORT_H

#include "../ddl.h"
#include "../findings/finding.h"

#include <stdbool.h>
#include <stdio.h>

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_SARIF };

/* What the reports say about one rule; the strings are borrowed. */
struct report_rule_info {
	const char *id;          /* kebab-case id, the SARIF ruleId: "obsolete-ddi" */
	const char *name;        /* PascalCase name: "ObsoleteDdi" */
	const char *summary;     /* one sentence, ends with a period */
	const char *description; /* a paragraph */
	const char *tags;        /* comma separated, or NULL */
	const char *prefast;     /* related PREfast warnings, comma separated ("28159" or "C28159"), or NULL */
	const char *codeql;      /* related CodeQL query id, or NULL */
	enum finding_severity severity;
	const char *alias;       /* stable numeric alias "DDI1001", or NULL */
	const char *precision;   /* SARIF precision "very-high|high|medium|low"; NULL = "high" */
};

/* Everything about the run that is not a finding. Borrowed for the call. */
struct report_run {
	const char *tool_version;          /* "0.1.0" */
	const struct report_rule_info *rules; /* every enabled rule, stable order */
	unsigned n_rules;
	const char *src_root;              /* directory relative URIs are relative to; NULL = cwd */
	const char *help_uri_base;         /* rule docs: <base><id>.md; NULL = no helpUri */
	bool color;                        /* text only: ANSI colours (never when NO_COLOR is set) */
	bool show_source;                  /* text only: source line + caret */
	const char *const *argv;           /* command line, for the SARIF invocation; may be NULL */
	int argc;
	const char *information_uri;       /* SARIF tool.driver.informationUri, or NULL */
};

/* Write LIST (finished with finding_list_finish) to OUT in FORMAT. LIST, RUN
 * and OUT are borrowed. Returns DDL_OK, or an error with ERR filled in. */
enum ddl_status report_write(enum report_format fmt, const struct finding_list *list,
			     const struct report_run *run, FILE *out, struct ddl_error *err);

/* Write to PATH atomically: a temporary file in the same directory, renamed
 * over PATH once complete, so readers never see half a report. "-" or NULL
 * means stdout. Writing to a file turns colour off. */
enum ddl_status report_write_file(enum report_format fmt, const struct finding_list *list,
				  const struct report_run *run, const char *path,
				  struct ddl_error *err);

/* The "ddilint/v1" fingerprint of every finding of LIST (finished), in list
 * order, exactly as JSON and SARIF carry it ("<16 hex>:<n>"), with paths
 * relative to SRC_ROOT (NULL = cwd): for baselines. Returns one block of
 * finding_list_count(LIST) * REPORT_KEY_SIZE bytes, key I at I * REPORT_KEY_SIZE,
 * owned by the caller (free with free); NULL with ERR filled in on failure,
 * or for an empty list (ERR untouched). */
#define REPORT_KEY_SIZE 32
char *report_finding_keys(const struct finding_list *list, const char *src_root, struct ddl_error *err);

/* "text", "json" or "sarif" into *FMT. Returns DDL_OK or DDL_ERR_USAGE. */
enum ddl_status report_parse_format(const char *name, enum report_format *fmt);

/* The --color=auto decision for OUT: a terminal, and NO_COLOR unset or empty. */
bool report_color_auto(FILE *out);

#endif
