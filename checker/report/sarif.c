/* sarif.c - the SARIF 2.1.0 log and its results.
 *
 * One run per invocation (GitHub rejects files with more than 20 runs and a
 * run per translation unit would split the rule table). What GitHub code
 * scanning needs, per "SARIF support for code scanning" on docs.github.com
 * and /work/shared/reference/sarif-and-ecosystem.md section 1:
 *  - results[] with ruleId + ruleIndex, level, a message whose first sentence
 *    ends with a period, exactly one location with a %SRCROOT%-relative URI
 *    and a region whose columns count UTF-16 code units (run.columnKind);
 *  - relatedLocations with ids, linked from the message as "[text](id)";
 *  - path findings as codeFlows[].threadFlows[].locations[];
 *  - partialFingerprints: primaryLocationLineHash and our "ddilint/v1".
 * Suppressed findings keep their result, with "suppressions" (and, with a
 * baseline, "baselineState"). Fixes are written for other consumers
 * (GitHub ignores them). The driver,
 * the invocation and the file statuses are in sarif_run.c.
 */
#include "report_impl.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* Link related locations from the message only when there are few: a list
 * of ten links reads worse than the relatedLocations panel. */
#define MAX_LINKS 3

void report_sarif_artifact(struct report_sarif_ctx *c, cJSON *parent, const char *key,
			   const char *path)
{
	cJSON *o = report_jobj(&c->jb, parent, key);
	bool rel = false;
	char *resolved = report_path_resolve(&c->paths, path ? path : "", &rel);
	char *uri = resolved ? report_path_uri(resolved, rel) : NULL;

	if (!uri)
		c->jb.failed = true;
	else
		report_jstr(&c->jb, o, "uri", uri);
	if (rel)
		report_jstr(&c->jb, o, "uriBaseId", "%SRCROOT%");
	free(resolved);
	free(uri);
}

/* The region of LOC under KEY; columns in UTF-16 units when the line can be read (byte
 * columns and UTF-16 columns agree on ASCII, so an unreadable file is only
 * wrong on non-ASCII lines). ALWAYS_END writes endColumn even for an empty
 * range (a fix that inserts). */
static void put_region(struct report_sarif_ctx *c, cJSON *parent, const char *key,
		       const struct finding_loc *loc, const char *file, bool always_end)
{
	cJSON *region;
	const char *line;
	size_t len = 0;
	unsigned end;

	if (!loc->line)
		return;
	region = report_jobj(&c->jb, parent, key);
	report_jnum(&c->jb, region, "startLine", loc->line);
	if (!loc->col)
		return;
	line = report_src_line(c->src, file, loc->line, &len);
	end = loc->end_col > loc->col ? loc->end_col : (always_end ? loc->col : 0);
	report_jnum(&c->jb, region, "startColumn", line ? report_utf16_col(line, len, loc->col) : loc->col);
	if (end)
		report_jnum(&c->jb, region, "endColumn", line ? report_utf16_col(line, len, end) : end);
}

/* A location object {physicalLocation: {artifactLocation, region}} added to PARENT. */
static cJSON *put_location(struct report_sarif_ctx *c, cJSON *parent, const char *key,
			   const struct finding_loc *loc, const char *fallback_file)
{
	cJSON *o = report_jobj(&c->jb, parent, key);
	cJSON *phys = report_jobj(&c->jb, o, "physicalLocation");
	const char *file = loc->file ? loc->file : fallback_file;

	report_sarif_artifact(c, phys, "artifactLocation", file);
	put_region(c, phys, "region", loc, file, false);
	return o;
}

/* ---- message text ------------------------------------------------------- */

struct sbuf { char *p; size_t n, cap; bool failed; };

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t ncap = (b->n + n + 1) * 2;
		char *np = realloc(b->p, ncap);

		if (!np) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* Square brackets are link syntax in SARIF messages (3.11.6): a literal one
 * in a message that has links is written \[ or \]. */
static void sb_add_escaped(struct sbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '[' || s[i] == ']' || s[i] == '\\')
			sb_add(b, "\\", 1);
		sb_add(b, s + i, 1);
	}
}

/* The finding's message as a sentence; with a few related locations, a
 * "See [lock acquired here](1)." linking each. Owned by the caller, or NULL. */
static char *result_message(const struct finding *f)
{
	char *base = report_sentence(f->message);
	struct sbuf b = { NULL, 0, 0, false };
	unsigned i;

	if (!base || f->is_path || f->n_notes == 0 || f->n_notes > MAX_LINKS)
		return base;
	sb_add_escaped(&b, base, strlen(base));
	sb_add(&b, " See ", 5);
	for (i = 0; i < f->n_notes; i++) {
		const char *m = f->notes[i].message && *f->notes[i].message ?
				f->notes[i].message : "related location";
		size_t n = strlen(m);
		char id[16];

		while (n > 0 && strchr(". ", m[n - 1]))
			n--;
		if (i > 0)
			sb_add(&b, i + 1 == f->n_notes ? " and " : ", ", i + 1 == f->n_notes ? 5 : 2);
		sb_add(&b, "[", 1);
		sb_add_escaped(&b, m, n);
		snprintf(id, sizeof(id), "](%u)", i + 1);
		sb_add(&b, id, strlen(id));
	}
	sb_add(&b, ".", 1);
	free(base);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- results ------------------------------------------------------------ */

static void put_related(struct report_sarif_ctx *c, cJSON *result, const struct finding *f)
{
	cJSON *arr = report_jarr(&c->jb, result, "relatedLocations");
	unsigned i;

	for (i = 0; i < f->n_notes; i++) {
		cJSON *l = put_location(c, arr, NULL, &f->notes[i].loc, f->loc.file);

		report_jnum(&c->jb, l, "id", i + 1);
		report_jtext(&c->jb, l, "message", f->notes[i].message && *f->notes[i].message ?
			 f->notes[i].message : "related location");
	}
}

static void put_step(struct report_sarif_ctx *c, cJSON *arr, const struct finding_loc *loc,
		     const char *fallback_file, const char *message, const char *kind)
{
	cJSON *step = report_jobj(&c->jb, arr, NULL);
	cJSON *l = put_location(c, step, "location", loc, fallback_file);

	if (message)
		report_jtext(&c->jb, l, "message", message);
	if (kind) {
		cJSON *kinds = report_jarr(&c->jb, step, "kinds");

		report_jstr(&c->jb, kinds, NULL, kind);
	}
	report_jstr(&c->jb, step, "importance", "essential");
}

static bool same_loc(const struct finding_loc *a, const struct finding_loc *b)
{
	return a->line == b->line && a->col == b->col &&
	       strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0;
}

/* The steps, then the finding itself as the last step unless a step is already there. */
static void put_code_flow(struct report_sarif_ctx *c, cJSON *result, const struct finding *f,
			  const char *message)
{
	cJSON *flows = report_jarr(&c->jb, result, "codeFlows");
	cJSON *flow = report_jobj(&c->jb, flows, NULL);
	cJSON *threads = report_jarr(&c->jb, flow, "threadFlows");
	cJSON *thread = report_jobj(&c->jb, threads, NULL);
	cJSON *steps = report_jarr(&c->jb, thread, "locations");
	const struct finding_note *last = &f->notes[f->n_notes - 1];
	unsigned i;

	for (i = 0; i < f->n_notes; i++)
		put_step(c, steps, &f->notes[i].loc, f->loc.file, f->notes[i].message, f->notes[i].kind);
	if (!same_loc(last->loc.file ? &last->loc : &f->loc, &f->loc))
		put_step(c, steps, &f->loc, NULL, message, NULL);
}

static void put_fix(struct report_sarif_ctx *c, cJSON *result, const struct finding *f)
{
	const struct finding_fix *x = f->fix;
	const char *file = x->loc.file ? x->loc.file : f->loc.file;
	cJSON *fixes, *fix, *changes, *change, *reps, *rep;
	char *desc;

	/* An edit needs a column: without one it would replace the whole line. */
	if (!x->loc.line || !x->loc.col)
		return;
	fixes = report_jarr(&c->jb, result, "fixes");
	fix = report_jobj(&c->jb, fixes, NULL);
	desc = report_sentence(x->description && *x->description ? x->description :
			       "Apply the suggested replacement");
	if (!desc)
		c->jb.failed = true;
	report_jtext(&c->jb, fix, "description", desc);
	free(desc);
	changes = report_jarr(&c->jb, fix, "artifactChanges");
	change = report_jobj(&c->jb, changes, NULL);
	report_sarif_artifact(c, change, "artifactLocation", file);
	reps = report_jarr(&c->jb, change, "replacements");
	rep = report_jobj(&c->jb, reps, NULL);
	put_region(c, rep, "deletedRegion", &x->loc, file, true);
	report_jtext(&c->jb, rep, "insertedContent", x->replacement ? x->replacement : "");
}

/* A suppressed finding stays a result, with why (SARIF 3.27.23, 3.35):
 * inSource for a comment or pragma, external for a baseline entry. Azure
 * DevOps hides accepted suppressions; GitHub shows them as open alerts. */
static void put_suppression(struct report_sarif_ctx *c, cJSON *result, const struct finding *f)
{
	cJSON *arr = report_jarr(&c->jb, result, "suppressions");
	cJSON *o = report_jobj(&c->jb, arr, NULL);

	report_jstr(&c->jb, o, "kind", f->suppressed == FINDING_SUPPRESSED_BASELINE ? "external" : "inSource");
	report_jstr(&c->jb, o, "status", "accepted");
	if (f->justification)
		report_jstr(&c->jb, o, "justification", f->justification);
}

static void put_result(struct report_sarif_ctx *c, cJSON *results, const struct finding *f,
		       const struct report_fp *fp)
{
	cJSON *o = report_jobj(&c->jb, results, NULL), *locs, *loc, *fps;
	unsigned index;
	char *message = result_message(f);
	char hash[REPORT_LINE_HASH_SIZE];

	if (!message)
		c->jb.failed = true;
	report_jstr(&c->jb, o, "ruleId", f->rule_id);
	if (report_find_rule(c->run, f->rule_id, &index))
		report_jnum(&c->jb, o, "ruleIndex", index);
	report_jstr(&c->jb, o, "level", finding_severity_name(f->severity));
	report_jtext(&c->jb, o, "message", message);
	locs = report_jarr(&c->jb, o, "locations");
	loc = put_location(c, locs, NULL, &f->loc, NULL);
	if (f->function) {
		cJSON *logical = report_jarr(&c->jb, loc, "logicalLocations");
		cJSON *fn = report_jobj(&c->jb, logical, NULL);

		report_jstr(&c->jb, fn, "name", f->function);
		report_jstr(&c->jb, fn, "kind", "function");
	}
	if (f->n_notes && f->is_path)
		put_code_flow(c, o, f, message);
	else if (f->n_notes)
		put_related(c, o, f);
	if (f->fix)
		put_fix(c, o, f);
	if (f->suppressed)
		put_suppression(c, o, f);
	if (f->baseline)
		report_jstr(&c->jb, o, "baselineState",
			    f->baseline == FINDING_BASELINE_UNCHANGED ? "unchanged" : "new");
	fps = report_jobj(&c->jb, o, "partialFingerprints");
	if (report_src_line_hash(c->src, f->loc.file, f->loc.line, hash))
		report_jstr(&c->jb, fps, "primaryLocationLineHash", hash);
	report_jstr(&c->jb, fps, "ddilint/v1", fp->text);
	free(message);
}

enum ddl_status report_sarif(const struct finding_list *list, const struct report_run *run,
			     FILE *out, struct ddl_error *err)
{
	struct report_sarif_ctx c;
	struct report_fp *fps = NULL;
	cJSON *root, *runs, *r, *bases, *results;
	unsigned i, n = finding_list_count(list);
	enum ddl_status st;

	memset(&c, 0, sizeof(c));
	c.run = run;
	if ((st = report_paths_init(&c.paths, run->src_root, err)) != DDL_OK)
		return st;
	c.src = report_src_new();
	root = cJSON_CreateObject();
	if (c.src)
		fps = report_fingerprints(list, c.src, &c.paths);
	if (!c.src || !root || (n && !fps)) {
		c.jb.failed = true;
		goto done;
	}
	report_jstr(&c.jb, root, "$schema", SARIF_SCHEMA);
	report_jstr(&c.jb, root, "version", "2.1.0");
	runs = report_jarr(&c.jb, root, "runs");
	r = report_jobj(&c.jb, runs, NULL);
	report_sarif_tool(&c, r);
	report_sarif_invocation(&c, r, list);
	bases = report_jobj(&c.jb, r, "originalUriBaseIds");
	bases = report_jobj(&c.jb, bases, "%SRCROOT%");
	report_jstr(&c.jb, bases, "uri", c.paths.root_uri);
	report_jstr(&c.jb, r, "columnKind", "utf16CodeUnits");
	results = report_jarr(&c.jb, r, "results");
	for (i = 0; i < n; i++)
		put_result(&c, results, finding_list_get(list, i), &fps[i]);
done:
	free(fps);
	report_src_free(c.src);
	report_paths_clear(&c.paths);
	if (c.jb.failed) {
		cJSON_Delete(root);
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory building the SARIF report");
	}
	return report_jprint(root, out, err);
}
