/* json.c - the JSON report, format "ddilint-report" version 1.
 *
 * docs/json-format.md is the contract and docs/json-format.schema.json its
 * schema; change the three together, and bump REPORT_JSON_VERSION for any
 * change that is not a pure addition. The model is printed as it is: paths
 * as given, byte columns, the same findings in the same order as the text
 * report, plus the status of every input file and the fingerprints SARIF
 * carries, so that a baseline can be built from either format.
 */
#include "report_impl.h"

#include <cJSON.h>
#include <stdlib.h>

#define REPORT_JSON_VERSION 1

static void put_loc(struct report_jb *jb, cJSON *parent, const char *key,
		    const struct finding_loc *loc, const char *fallback_file)
{
	cJSON *o = report_jobj(jb, parent, key);

	report_jstr(jb, o, "file", loc->file ? loc->file : fallback_file);
	report_jnum(jb, o, "line", loc->line);
	report_jnum(jb, o, "column", loc->col);
	if (loc->end_col > loc->col)
		report_jnum(jb, o, "endColumn", loc->end_col);
}

static void put_rule(struct report_jb *jb, cJSON *arr, const struct report_run *run,
		     const struct report_rule_info *r)
{
	cJSON *o = report_jobj(jb, arr, NULL);
	char *help = report_help_uri(run, r->id);

	report_jstr(jb, o, "id", r->id);
	report_jstr(jb, o, "alias", r->alias);
	report_jstr(jb, o, "name", r->name);
	report_jstr(jb, o, "summary", r->summary);
	report_jstr(jb, o, "description", r->description);
	report_jstr(jb, o, "severity", finding_severity_name(r->severity));
	report_jstr(jb, o, "precision", r->precision ? r->precision : "high");
	report_jlist(jb, o, "tags", r->tags, NULL);
	report_jlist(jb, o, "prefast", r->prefast, "C");
	report_jstr(jb, o, "codeql", r->codeql);
	report_jstr(jb, o, "helpUri", help);
	free(help);
}

static void put_notes(struct report_jb *jb, cJSON *parent, const char *key,
		      const struct finding *f, bool want_path)
{
	cJSON *arr = report_jarr(jb, parent, key);
	unsigned i;

	if (f->is_path != want_path)
		return;
	for (i = 0; i < f->n_notes; i++) {
		cJSON *o = report_jobj(jb, arr, NULL);

		put_loc(jb, o, "location", &f->notes[i].loc, f->loc.file);
		report_jstr(jb, o, "message", f->notes[i].message);
		report_jstr(jb, o, "kind", f->notes[i].kind);
	}
}

static void put_finding(struct report_jb *jb, cJSON *arr, const struct finding *f,
			const struct report_fp *fp, struct report_src *src)
{
	cJSON *o = report_jobj(jb, arr, NULL), *fps;
	char hash[REPORT_LINE_HASH_SIZE];

	report_jstr(jb, o, "ruleId", f->rule_id);
	report_jstr(jb, o, "severity", finding_severity_name(f->severity));
	report_jstr(jb, o, "message", f->message);
	put_loc(jb, o, "location", &f->loc, NULL);
	report_jstr(jb, o, "function", f->function);
	put_notes(jb, o, "notes", f, false);
	put_notes(jb, o, "path", f, true);
	if (f->fix) {
		cJSON *x = report_jobj(jb, o, "fix");

		report_jstr(jb, x, "description", f->fix->description);
		put_loc(jb, x, "location", &f->fix->loc, f->loc.file);
		report_jstr(jb, x, "replacement", f->fix->replacement ? f->fix->replacement : "");
	} else {
		report_jstr(jb, o, "fix", NULL);
	}
	fps = report_jobj(jb, o, "fingerprints");
	report_jstr(jb, fps, "ddilint/v1", fp ? fp->text : NULL);
	if (report_src_line_hash(src, f->loc.file, f->loc.line, hash))
		report_jstr(jb, fps, "primaryLocationLineHash", hash);
}

static void put_file(struct report_jb *jb, cJSON *arr, const struct file_result *r)
{
	cJSON *o = report_jobj(jb, arr, NULL), *diags;
	unsigned i;

	report_jstr(jb, o, "path", r->path);
	report_jstr(jb, o, "status", report_file_status_name(r->status));
	report_jstr(jb, o, "reason", r->status == FILE_ANALYSED ? NULL : r->reason);
	report_jnum(jb, o, "errors", r->n_errors);
	report_jnum(jb, o, "functions", r->n_functions);
	report_jnum(jb, o, "skippedFunctions", r->n_skipped);
	diags = report_jarr(jb, o, "diagnostics");
	for (i = 0; i < r->n_diagnostics; i++)
		report_jstr(jb, diags, NULL, r->diagnostics[i]);
}

static void put_summary(struct report_jb *jb, cJSON *root, const struct finding_list *list)
{
	unsigned by_sev[3] = { 0, 0, 0 }, by_status[3] = { 0, 0, 0 }, i;
	cJSON *o = report_jobj(jb, root, "summary");

	for (i = 0; i < finding_list_count(list); i++) {
		enum finding_severity sev = finding_list_get(list, i)->severity;

		if ((unsigned)sev < 3)
			by_sev[sev]++;
	}
	for (i = 0; i < finding_list_file_count(list); i++) {
		enum file_status st = finding_list_file(list, i)->status;

		if ((unsigned)st < 3)
			by_status[st]++;
	}
	report_jnum(jb, o, "findings", finding_list_count(list));
	report_jnum(jb, o, "errors", by_sev[SEV_ERROR]);
	report_jnum(jb, o, "warnings", by_sev[SEV_WARNING]);
	report_jnum(jb, o, "notes", by_sev[SEV_NOTE]);
	report_jnum(jb, o, "files", finding_list_file_count(list));
	report_jnum(jb, o, "filesAnalysed", by_status[FILE_ANALYSED]);
	report_jnum(jb, o, "filesPartial", by_status[FILE_PARTIAL]);
	report_jnum(jb, o, "filesFailed", by_status[FILE_FAILED]);
}

enum ddl_status report_json(const struct finding_list *list, const struct report_run *run,
			    FILE *out, struct ddl_error *err)
{
	struct report_jb jb = { false };
	struct report_paths paths;
	struct report_src *src;
	struct report_fp *fps;
	cJSON *root, *tool, *arr;
	unsigned i, n = finding_list_count(list);
	enum ddl_status st;

	if ((st = report_paths_init(&paths, run->src_root, err)) != DDL_OK)
		return st;
	src = report_src_new();
	root = cJSON_CreateObject();
	fps = src ? report_fingerprints(list, src, &paths) : NULL;
	if (!src || !root || (n && !fps)) {
		jb.failed = true;
		goto done;
	}
	report_jstr(&jb, root, "format", "ddilint-report");
	report_jnum(&jb, root, "version", REPORT_JSON_VERSION);
	tool = report_jobj(&jb, root, "tool");
	report_jstr(&jb, tool, "name", "ddilint");
	report_jstr(&jb, tool, "version", run->tool_version ? run->tool_version : "0.0.0");
	report_jstr(&jb, root, "srcRoot", paths.root);
	arr = report_jarr(&jb, root, "rules");
	for (i = 0; i < run->n_rules; i++)
		put_rule(&jb, arr, run, &run->rules[i]);
	arr = report_jarr(&jb, root, "findings");
	for (i = 0; i < n; i++)
		put_finding(&jb, arr, finding_list_get(list, i), &fps[i], src);
	arr = report_jarr(&jb, root, "files");
	for (i = 0; i < finding_list_file_count(list); i++)
		put_file(&jb, arr, finding_list_file(list, i));
	put_summary(&jb, root, list);
done:
	free(fps);
	report_src_free(src);
	report_paths_clear(&paths);
	if (jb.failed) {
		cJSON_Delete(root);
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory building the JSON report");
	}
	return report_jprint(root, out, err);
}
