/* finding.h - the one finding model every rule produces and every reporter reads.
 *
 * A finding is a rule id, a severity, a message, a primary location and an
 * ordered list of related locations (notes, path steps), plus an optional fix.
 * A finding_list also records, per analysed file, whether the analysis was
 * full, partial or impossible, so that every report format can say so.
 * Ordering and de-duplication live here, so reporters print what they get.
 */
#ifndef FINDING_H
#define FINDING_H

#include "../ddl.h"

#include <stdbool.h>

enum finding_severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

const char *finding_severity_name(enum finding_severity sev);

struct finding_loc {
	char *file;     /* path as given on the command line (owned) */
	unsigned line;  /* 1-based */
	unsigned col;   /* 1-based byte column */
	unsigned end_col; /* exclusive end column on LINE, 0 if unknown */
};

/* A related location: a note in text, a relatedLocation or a codeFlow step. */
struct finding_note {
	struct finding_loc loc;
	char *message;  /* owned */
	const char *kind; /* static: "acquire", "release", "call", "branch", ... or NULL */
};

/* A textual edit: replace [col, end_col) on LINE of FILE with TEXT. */
struct finding_fix {
	char *description; /* owned */
	struct finding_loc loc;
	char *replacement; /* owned */
};

/* Why a finding is not reported although it was found (findings/suppress.h,
 * findings/baseline.h). SARIF keeps it as a result with a suppression: kind
 * inSource for a comment or pragma, kind external for a baseline entry. */
enum finding_suppression {
	FINDING_NOT_SUPPRESSED = 0,
	FINDING_SUPPRESSED_IN_SOURCE, /* an inline comment or #pragma in the source */
	FINDING_SUPPRESSED_BASELINE,  /* recorded in the --baseline file */
};

/* With --baseline, every finding is new or was already there (SARIF baselineState). */
enum finding_baseline_state { FINDING_BASELINE_NONE = 0, FINDING_BASELINE_NEW, FINDING_BASELINE_UNCHANGED };

struct finding {
	const char *rule_id;        /* static, from the rule table */
	enum finding_severity severity;
	char *message;              /* owned; no trailing [rule-id] */
	struct finding_loc loc;
	struct finding_note *notes; /* owned array */
	unsigned n_notes;
	bool is_path;               /* notes form an execution path (codeFlows) */
	struct finding_fix *fix;    /* owned, may be NULL */
	char *function;             /* owned, enclosing function name, may be NULL */
	enum finding_suppression suppressed;
	char *justification;        /* owned: the suppression's reason, may be NULL */
	enum finding_baseline_state baseline;
};

enum file_status {
	FILE_ANALYSED,   /* parsed without errors in the file's own code */
	FILE_PARTIAL,    /* parsed with errors; analysed what could be trusted */
	FILE_FAILED,     /* could not be analysed at all (exit code 2) */
};

struct file_result {
	char *path;           /* owned */
	enum file_status status;
	char *reason;         /* owned, NULL for FILE_ANALYSED: first error or I/O reason */
	unsigned n_errors;    /* compiler errors seen in the file */
	unsigned n_functions; /* function bodies analysed */
	unsigned n_skipped;   /* function bodies skipped as untrustworthy */
	char **diagnostics;   /* owned: compiler errors, formatted file:line:col: error: msg */
	unsigned n_diagnostics;
};

struct finding_list;

/* Returns a new empty list owned by the caller (free with finding_list_free), or NULL. */
struct finding_list *finding_list_new(void);
void finding_list_free(struct finding_list *list);

/* Append a finding. Takes ownership of everything F owns, even on failure;
 * *F is cleared. Returns DDL_OK or DDL_ERR_NOMEM. */
enum ddl_status finding_list_add(struct finding_list *list, struct finding *f);

/* Append the status of one input. Takes ownership of what R owns. */
enum ddl_status finding_list_add_file(struct finding_list *list, struct file_result *r);

/* Move every finding and file result of SRC to DST (SRC is left empty). */
enum ddl_status finding_list_merge(struct finding_list *dst, struct finding_list *src);

/* Sort findings by file, line, column, rule, message and drop exact duplicates
 * (a header function reported from two translation units); sort files by path. */
void finding_list_finish(struct finding_list *list);

unsigned finding_list_count(const struct finding_list *list);
const struct finding *finding_list_get(const struct finding_list *list, unsigned i);
/* Finding I for the passes that mark findings (suppressions, baselines, fixes). Borrowed. */
struct finding *finding_list_at(struct finding_list *list, unsigned i);
/* Drop (and free) every finding for which DROP returns true, keeping the order of the rest. */
void finding_list_drop_if(struct finding_list *list, bool (*drop)(const struct finding *f, void *user), void *user);
unsigned finding_list_file_count(const struct finding_list *list);
const struct file_result *finding_list_file(const struct finding_list *list, unsigned i);

/* Free what a single finding / note / location owns (not the struct itself). */
void finding_clear(struct finding *f);
void finding_loc_clear(struct finding_loc *loc);
void file_result_clear(struct file_result *r);

/* Add a note to F. Takes ownership of MESSAGE and LOC's file. */
enum ddl_status finding_add_note(struct finding *f, struct finding_loc loc, char *message, const char *kind);

#endif
