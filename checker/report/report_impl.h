/* report_impl.h - what the three reporters share, not for use outside report/.
 *
 * source.c   a small cache of source files split into lines (caret, columns, hashes)
 * utf8.c     decoding the way browsers and Node.js do, UTF-16 columns, clean copies
 * uri.c      paths as given -> paths relative to the source root -> URIs
 * fingerprint.c  GitHub's primaryLocationLineHash and our line-independent key
 * jsonb.c    cJSON building with one failure flag instead of a check per call
 * util.c     small text helpers (sentences, rule lookup, file statuses)
 * sarif_run.c    the SARIF tool, invocation and artifacts; sarif.c the results
 */
#ifndef REPORT_IMPL_H
#define REPORT_IMPL_H

#include "report.h"

#include <stdint.h>

struct cJSON;

/* ---- reporters -------------------------------------------------------- */

enum ddl_status report_text(const struct finding_list *list, const struct report_run *run,
			    FILE *out, struct ddl_error *err);
enum ddl_status report_json(const struct finding_list *list, const struct report_run *run,
			    FILE *out, struct ddl_error *err);
enum ddl_status report_sarif(const struct finding_list *list, const struct report_run *run,
			     FILE *out, struct ddl_error *err);

/* ---- utf8.c ----------------------------------------------------------- */

/* Decode one code point of S[*I..LEN) and advance *I. Invalid input yields
 * REPORT_UTF8_INVALID once per maximal subpart (WHATWG Encoding "UTF-8
 * decode", which is what Node.js does, so that hashes match
 * github/codeql-action); read it as U+FFFD. */
#define REPORT_UTF8_INVALID 0xFFFFFFFFu
uint32_t report_utf8_next(const unsigned char *s, size_t len, size_t *i);

/* 1-based UTF-16 column of 1-based byte column BYTE_COL on LINE (LEN bytes).
 * Bytes past the end of the line count one unit each. */
unsigned report_utf16_col(const char *line, size_t len, unsigned byte_col);

/* True if S is valid UTF-8. */
bool report_utf8_valid(const char *s);

/* Returns a copy of S with invalid UTF-8 replaced by U+FFFD, owned by the
 * caller (free with free), or NULL when out of memory. */
char *report_utf8_clean(const char *s);

/* ---- source.c --------------------------------------------------------- */

struct report_src;

/* Returns a new empty cache owned by the caller (free with report_src_free), or NULL. */
struct report_src *report_src_new(void);
void report_src_free(struct report_src *src);

/* Line LINE (1-based) of PATH, without its terminator, and its length in
 * *LEN. Borrowed, valid until the next call on SRC. NULL if the file cannot
 * be read or has no such line. */
const char *report_src_line(struct report_src *src, const char *path, unsigned line, size_t *len);

/* GitHub's primaryLocationLineHash of LINE of PATH into OUT ("<hex>:<n>").
 * Returns false if the file cannot be read or has no such line. */
#define REPORT_LINE_HASH_SIZE 32
bool report_src_line_hash(struct report_src *src, const char *path, unsigned line,
			  char out[REPORT_LINE_HASH_SIZE]);

/* ---- fingerprint.c ---------------------------------------------------- */

/* The rolling hash of one line and how many earlier lines had the same hash. */
struct report_line_hash {
	uint64_t hash;
	unsigned occurrence; /* 1-based */
};

/* Hash every line of BUF (LEN bytes; lines end at \n, \r\n or \r) the way
 * github/codeql-action src/fingerprints.ts does. Returns an array of
 * *N_LINES entries, entry i for line i + 1, owned by the caller (free with
 * free), or NULL when out of memory. */
struct report_line_hash *report_hash_lines(const char *buf, size_t len, unsigned *n_lines);

/* Format H as "<hex>:<n>" into OUT. */
void report_line_hash_format(const struct report_line_hash *h, char out[REPORT_LINE_HASH_SIZE]);

struct report_paths;

/* The "ddilint/v1" key of every finding of LIST, in list order: "<16 hex>:<n>",
 * where the hash covers rule id, file (relative to the source root), the
 * finding's source line without whitespace and the function name, and n
 * counts earlier findings with the same hash. Returns an array of
 * finding_list_count(LIST) strings in one block owned by the caller (free
 * with free), or NULL when out of memory or LIST is empty. */
#define REPORT_FP_SIZE 32
struct report_fp { char text[REPORT_FP_SIZE]; };
struct report_fp *report_fingerprints(const struct finding_list *list, struct report_src *src,
				      const struct report_paths *paths);

/* ---- uri.c ------------------------------------------------------------ */

struct report_paths {
	char *cwd;      /* owned: absolute working directory */
	char *root;     /* owned: absolute, normalized source root without trailing '/' ("/" for the root) */
	char *root_uri; /* owned: file:// URI of ROOT ending in '/' */
	char *cwd_uri;  /* owned: file:// URI of CWD ending in '/' */
};

/* Fill P for SRC_ROOT (NULL = cwd). Returns DDL_OK or an error in ERR. */
enum ddl_status report_paths_init(struct report_paths *p, const char *src_root, struct ddl_error *err);
void report_paths_clear(struct report_paths *p);

/* PATH (as given, relative to the cwd or absolute) made absolute and
 * normalized, then relative to the root when it lies under it (*RELATIVE set
 * true). Returns a new string owned by the caller (free with free), or NULL. */
char *report_path_resolve(const struct report_paths *p, const char *path, bool *relative);

/* URI reference for a resolved path: percent-encoded relative reference, or
 * a file:// URI for an absolute path. Owned by the caller (free with free), or NULL. */
char *report_path_uri(const char *resolved, bool relative);

/* ---- jsonb.c ---------------------------------------------------------- */

/* Every helper adds to PARENT (an object when KEY is set, else an array),
 * does nothing but note the failure when PARENT is NULL, and sets
 * JB->failed when anything could not be allocated. */
struct report_jb { bool failed; };

struct cJSON *report_jobj(struct report_jb *jb, struct cJSON *parent, const char *key);
struct cJSON *report_jarr(struct report_jb *jb, struct cJSON *parent, const char *key);
/* S NULL adds JSON null. S is copied, with invalid UTF-8 replaced. */
void report_jstr(struct report_jb *jb, struct cJSON *parent, const char *key, const char *s);
void report_jnum(struct report_jb *jb, struct cJSON *parent, const char *key, double n);
void report_jbool(struct report_jb *jb, struct cJSON *parent, const char *key, bool b);
/* A SARIF message object {"text": TEXT} under KEY. */
void report_jtext(struct report_jb *jb, struct cJSON *parent, const char *key, const char *text);
/* A comma separated list as an array of trimmed strings (an empty array for NULL). */
struct cJSON *report_jlist(struct report_jb *jb, struct cJSON *parent, const char *key,
			   const char *list, const char *prefix_digits);

/* Print ROOT (formatted, with a final newline) to OUT and delete it. */
enum ddl_status report_jprint(struct cJSON *root, FILE *out, struct ddl_error *err);

/* ---- util.c ----------------------------------------------------------- */

/* The rule info for ID in RUN and its index in *INDEX, or NULL. */
const struct report_rule_info *report_find_rule(const struct report_run *run, const char *id,
						unsigned *index);

/* S as a sentence: trailing spaces dropped, a period added unless it ends in
 * '.', '!' or '?'. Owned by the caller (free with free), or NULL. */
char *report_sentence(const char *s);

/* "<base><id>.md" (a '/' added to BASE if missing), or NULL if BASE is NULL. Owned by the caller. */
char *report_help_uri(const struct report_run *run, const char *id);

/* "analysis partial: ..." / "analysis failed: ..." for R (no trailing period);
 * NULL for an analysed file or out of memory. Owned by the caller (free with free). */
char *report_file_status_text(const struct file_result *r);

const char *report_file_status_name(enum file_status st); /* "analysed", "partial", "failed" */

/* ---- sarif.c / sarif_run.c: the SARIF writer's shared state ----------- */

struct report_sarif_ctx {
	struct report_jb jb;
	const struct report_run *run;
	struct report_paths paths;
	struct report_src *src;
};

/* {"uri": ..., "uriBaseId": "%SRCROOT%"} for PATH as given, under KEY of PARENT. */
void report_sarif_artifact(struct report_sarif_ctx *c, struct cJSON *parent, const char *key,
			   const char *path);
/* run.tool: the driver with every rule and the notification descriptors. */
void report_sarif_tool(struct report_sarif_ctx *c, struct cJSON *run_obj);
/* run.invocations and run.artifacts: what ran, and the status of every file. */
void report_sarif_invocation(struct report_sarif_ctx *c, struct cJSON *run_obj,
			     const struct finding_list *list);

#endif
