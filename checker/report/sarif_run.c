/* sarif_run.c - the parts of the SARIF run that are not results: the tool
 * with its rule table, the invocation with a notification for every file
 * that was analysed in part or not at all, and the list of analysed files.
 *
 * Rule metadata follows GitHub's rules for reportingDescriptor (non-empty
 * short and full descriptions of at most 1024 characters, help.text, a
 * default level, tags, precision and problem.severity) and the SARIF
 * validator's (a PascalCase name different from the id). The ruleId is the
 * kebab-case rule id; the numeric alias and the PREfast numbers go in the
 * properties, and the PREfast numbers also in the short description, which
 * is what reviewers search for.
 */
#include "report_impl.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DESCRIPTION 1024 /* GitHub's limit, in characters; we cut bytes */
#define MAX_TAGS 20          /* GitHub's limit per rule */

/* Notification descriptors, referenced by index from each notification. */
enum { NOTE_PARTIAL, NOTE_FAILED };
static const struct {
	const char *id, *text, *level;
} notifications[] = {
	[NOTE_PARTIAL] = { "analysis-partial",
			   "A file had compiler errors; only the code they do not touch was analysed.",
			   "warning" },
	[NOTE_FAILED] = { "analysis-failed", "A file could not be analysed at all.", "error" },
};

/* Cut S in place to at most MAX bytes, on a character boundary. */
static void clip(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	s[n] = '\0';
}

/* "C28159, C28751" from "28159,C28751" ("" for none). Owned by the caller
 * (free with free), or NULL when out of memory. */
static char *prefast_text(const char *list)
{
	char *out = ddl_strdup("");
	const char *p = list;

	while (out && p && *p) {
		const char *start;
		size_t n;
		char *next;

		/* Split as report_jlist does: at commas, spaces trimmed. */
		while (*p == ' ' || *p == ',')
			p++;
		start = p;
		while (*p && *p != ',')
			p++;
		n = (size_t)(p - start);
		while (n > 0 && start[n - 1] == ' ')
			n--;
		if (!n)
			continue;
		next = ddl_asprintf("%s%s%s%.*s", out, *out ? ", " : "",
				    *start >= '0' && *start <= '9' ? "C" : "", (int)n, start);
		free(out);
		out = next;
	}
	return out;
}

static const char *problem_severity(enum finding_severity sev)
{
	switch (sev) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_NOTE: return "recommendation";
	}
	return "warning";
}

static void put_rule(struct report_sarif_ctx *c, cJSON *rules, const struct report_rule_info *r)
{
	struct report_jb *jb = &c->jb;
	cJSON *o = report_jobj(jb, rules, NULL), *help, *conf, *props, *tags;
	const char *summary = r->summary && *r->summary ? r->summary : r->id;
	const char *description = r->description && *r->description ? r->description : summary;
	char *prefast = prefast_text(r->prefast);
	bool has_prefast = prefast && *prefast;
	char *uri = report_help_uri(c->run, r->id);
	char *base, *shortd, *full, *text, *markdown;
	size_t n;

	/* "Call to an obsolete DDI (C28159)." */
	base = ddl_strdup(summary);
	if (base) {
		n = strlen(base);
		while (n > 0 && strchr(". ", base[n - 1]))
			base[--n] = '\0';
	}
	shortd = !base ? NULL : has_prefast ? ddl_asprintf("%s (%s).", base, prefast) : report_sentence(base);
	full = ddl_strdup(description);
	text = ddl_asprintf("%s%s%s", description, uri ? "\n\nDocumentation: " : "", uri ? uri : "");
	markdown = ddl_asprintf("**%s**\n\n%s%s%s%s%s%s%s%s%s", summary, description,
				has_prefast ? "\n\nRelated PREfast warnings: " : "", has_prefast ? prefast : "",
				r->codeql ? "\n\nRelated CodeQL query: `" : "", r->codeql ? r->codeql : "",
				r->codeql ? "`" : "", uri ? "\n\n[Rule documentation](" : "",
				uri ? uri : "", uri ? ")" : "");
	if (!prefast || !base || !shortd || !full || !text || !markdown) {
		jb->failed = true;
		goto out;
	}
	clip(shortd, MAX_DESCRIPTION);
	clip(full, MAX_DESCRIPTION);

	report_jstr(jb, o, "id", r->id);
	if (r->name && *r->name)
		report_jstr(jb, o, "name", r->name);
	report_jtext(&c->jb, o, "shortDescription", shortd);
	report_jtext(&c->jb, o, "fullDescription", full);
	help = report_jobj(jb, o, "help");
	report_jstr(jb, help, "text", text);
	report_jstr(jb, help, "markdown", markdown);
	if (uri)
		report_jstr(jb, o, "helpUri", uri);
	conf = report_jobj(jb, o, "defaultConfiguration");
	report_jstr(jb, conf, "level", finding_severity_name(r->severity));
	props = report_jobj(jb, o, "properties");
	tags = report_jlist(jb, props, "tags", r->tags, NULL);
	while (tags && cJSON_GetArraySize(tags) > MAX_TAGS)
		cJSON_DeleteItemFromArray(tags, MAX_TAGS);
	report_jstr(jb, props, "precision", r->precision ? r->precision : "high");
	report_jstr(jb, props, "problem.severity", problem_severity(r->severity));
	if (r->alias)
		report_jstr(jb, props, "alias", r->alias);
	if (has_prefast)
		report_jlist(jb, props, "prefast", r->prefast, "C");
	if (r->codeql)
		report_jstr(jb, props, "codeql", r->codeql);
out:
	free(prefast);
	free(uri);
	free(base);
	free(shortd);
	free(full);
	free(text);
	free(markdown);
}

void report_sarif_tool(struct report_sarif_ctx *c, cJSON *run_obj)
{
	cJSON *tool = report_jobj(&c->jb, run_obj, "tool");
	cJSON *driver = report_jobj(&c->jb, tool, "driver");
	cJSON *arr;
	const char *version = c->run->tool_version ? c->run->tool_version : "0.0.0";
	unsigned i;

	report_jstr(&c->jb, driver, "name", "ddilint");
	report_jstr(&c->jb, driver, "version", version);
	report_jstr(&c->jb, driver, "semanticVersion", version);
	if (c->run->information_uri)
		report_jstr(&c->jb, driver, "informationUri", c->run->information_uri);
	arr = report_jarr(&c->jb, driver, "rules");
	for (i = 0; i < c->run->n_rules; i++)
		put_rule(c, arr, &c->run->rules[i]);
	arr = report_jarr(&c->jb, driver, "notifications");
	for (i = 0; i < sizeof(notifications) / sizeof(notifications[0]); i++) {
		cJSON *d = report_jobj(&c->jb, arr, NULL), *conf;

		report_jstr(&c->jb, d, "id", notifications[i].id);
		report_jtext(&c->jb, d, "shortDescription", notifications[i].text);
		conf = report_jobj(&c->jb, d, "defaultConfiguration");
		report_jstr(&c->jb, conf, "level", notifications[i].level);
	}
}

/* ARGV as one POSIX shell command line: arguments with special characters
 * in single quotes. Owned by the caller, or NULL. */
static char *command_line(const char *const *argv, int argc)
{
	size_t cap = 1, o = 0, j;
	char *out;
	int i;

	for (i = 0; i < argc; i++)
		cap += strlen(argv[i] ? argv[i] : "") * 4 + 3;
	out = malloc(cap);
	if (!out)
		return NULL;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i] ? argv[i] : "";
		bool plain = *a != '\0';

		for (j = 0; a[j]; j++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%", a[j]))
				plain = false;
		if (i)
			out[o++] = ' ';
		if (plain) {
			memcpy(out + o, a, j);
			o += j;
			continue;
		}
		out[o++] = '\'';
		for (j = 0; a[j]; j++) {
			if (a[j] == '\'') {
				memcpy(out + o, "'\\''", 4);
				o += 4;
			} else {
				out[o++] = a[j];
			}
		}
		out[o++] = '\'';
	}
	out[o] = '\0';
	return out;
}

static void put_notification(struct report_sarif_ctx *c, cJSON *arr, const struct file_result *r)
{
	unsigned kind = r->status == FILE_FAILED ? NOTE_FAILED : NOTE_PARTIAL;
	cJSON *o = report_jobj(&c->jb, arr, NULL), *locs, *loc, *desc;
	char *status = report_file_status_text(r);
	char *text = status ? report_sentence(status) : NULL;
	unsigned i;

	if (!text)
		c->jb.failed = true;
	else if (text[0] >= 'a' && text[0] <= 'z')
		text[0] = (char)(text[0] - 'a' + 'A');  /* a sentence: "Analysis failed: ..." */
	report_jstr(&c->jb, o, "level", notifications[kind].level);
	report_jtext(&c->jb, o, "message", text);
	locs = report_jarr(&c->jb, o, "locations");
	loc = report_jobj(&c->jb, locs, NULL);
	loc = report_jobj(&c->jb, loc, "physicalLocation");
	report_sarif_artifact(c, loc, "artifactLocation", r->path);
	desc = report_jobj(&c->jb, o, "descriptor");
	report_jstr(&c->jb, desc, "id", notifications[kind].id);
	report_jnum(&c->jb, desc, "index", kind);
	if (r->n_diagnostics) {
		cJSON *props = report_jobj(&c->jb, o, "properties");
		cJSON *diags = report_jarr(&c->jb, props, "diagnostics");

		for (i = 0; i < r->n_diagnostics; i++)
			report_jstr(&c->jb, diags, NULL, r->diagnostics[i]);
	}
	free(status);
	free(text);
}

/* run.artifacts is a set (uniqueItems): "./a.c" and "a.c" are one artifact.
 * Quadratic, but in the number of input files, and only string compares. */
static bool artifact_listed(const cJSON *arts, struct report_sarif_ctx *c, const char *path)
{
	bool rel, found = false;
	char *resolved = report_path_resolve(&c->paths, path ? path : "", &rel);
	char *uri = resolved ? report_path_uri(resolved, rel) : NULL;
	const cJSON *a;

	cJSON_ArrayForEach(a, arts) {
		const cJSON *loc = cJSON_GetObjectItemCaseSensitive(a, "location");
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(loc, "uri");

		if (uri && cJSON_IsString(u) && strcmp(u->valuestring, uri) == 0)
			found = true;
	}
	free(resolved);
	free(uri);
	return found;
}

void report_sarif_invocation(struct report_sarif_ctx *c, cJSON *run_obj,
			     const struct finding_list *list)
{
	cJSON *inv = report_jobj(&c->jb, report_jarr(&c->jb, run_obj, "invocations"), NULL);
	cJSON *notes, *arts, *dir;
	unsigned i, n = finding_list_file_count(list);
	bool ok = true;

	for (i = 0; i < n; i++)
		if (finding_list_file(list, i)->status == FILE_FAILED)
			ok = false;
	report_jbool(&c->jb, inv, "executionSuccessful", ok);
	if (c->run->argv && c->run->argc > 0) {
		cJSON *args = report_jarr(&c->jb, inv, "arguments");
		char *cmd = command_line(c->run->argv, c->run->argc);
		int k;

		if (!cmd)
			c->jb.failed = true;
		report_jstr(&c->jb, inv, "commandLine", cmd);
		free(cmd);
		for (k = 1; k < c->run->argc; k++)
			report_jstr(&c->jb, args, NULL, c->run->argv[k] ? c->run->argv[k] : "");
	}
	dir = report_jobj(&c->jb, inv, "workingDirectory");
	report_jstr(&c->jb, dir, "uri", c->paths.cwd_uri);
	notes = report_jarr(&c->jb, inv, "toolExecutionNotifications");
	for (i = 0; i < n; i++)
		if (finding_list_file(list, i)->status != FILE_ANALYSED)
			put_notification(c, notes, finding_list_file(list, i));

	/* Every input with its status, so that a clean file is visibly clean. */
	arts = report_jarr(&c->jb, run_obj, "artifacts");
	for (i = 0; i < n; i++) {
		const struct file_result *r = finding_list_file(list, i);
		cJSON *a, *roles, *props;

		if (artifact_listed(arts, c, r->path))
			continue;
		a = report_jobj(&c->jb, arts, NULL);
		report_sarif_artifact(c, a, "location", r->path);
		roles = report_jarr(&c->jb, a, "roles");
		report_jstr(&c->jb, roles, NULL, "analysisTarget");
		props = report_jobj(&c->jb, a, "properties");
		report_jstr(&c->jb, props, "analysisStatus", report_file_status_name(r->status));
	}
}
