/* text.c - the default report, in the gcc/clang diagnostic format.
 *
 *   src/io.c:12:5: warning: 'MmMapLockedPages' is obsolete; use ... [obsolete-ddi]
 *      12 |     p = MmMapLockedPages(mdl, KernelMode);
 *         |         ^~~~~~~~~~~~~~~~
 *   src/io.c:9:5: note: IRQL raised to DISPATCH_LEVEL here
 *   src/io.c: note: analysis partial: 3 compiler errors, first: ...
 *
 * Editors and CI problem matchers parse the first line of each diagnostic,
 * so it never changes shape: the snippet and colours are extras the caller
 * asks for (a terminal). Path steps, related locations and fixes are "note:"
 * lines. Files that were analysed only in part, or not at all, get a line of
 * their own after the findings, so that silence is never mistaken for clean.
 */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_ERROR "\033[1;31m"
#define C_WARNING "\033[1;35m"
#define C_NOTE "\033[1;36m"
#define C_CARET "\033[1;32m"

/* What to tell the user when compiler errors made an analysis partial; the
 * usual cause is a driver that needs headers the bundled mingw-w64 DDK lacks. */
static const char partial_hint[] = "pass --wdk DIR to parse against a real WDK";

struct text_ctx {
	FILE *out;
	const struct report_run *run;
	struct report_src *src;
	bool color;
};

static void put_color(const struct text_ctx *c, const char *code)
{
	if (c->color)
		fputs(code, c->out);
}

static const char *label_color(enum finding_severity sev)
{
	switch (sev) {
	case SEV_ERROR: return C_ERROR;
	case SEV_WARNING: return C_WARNING;
	case SEV_NOTE: return C_NOTE;
	}
	return C_WARNING;
}

/* "file:line:col: severity: message [rule-id]", leaving out what is unknown. */
static void put_head(const struct text_ctx *c, const char *file, unsigned line, unsigned col,
		     enum finding_severity sev, const char *prefix, const char *msg,
		     const char *rule_id)
{
	put_color(c, C_BOLD);
	fputs(file ? file : "ddilint", c->out);
	if (line) {
		fprintf(c->out, ":%u", line);
		if (col)
			fprintf(c->out, ":%u", col);
	}
	fputs(": ", c->out);
	put_color(c, C_RESET);
	put_color(c, label_color(sev));
	fprintf(c->out, "%s:", finding_severity_name(sev));
	put_color(c, C_RESET);
	fputc(' ', c->out);
	/* clang prints the message of errors and warnings in bold, notes plain. */
	if (sev != SEV_NOTE)
		put_color(c, C_BOLD);
	fprintf(c->out, "%s%s", prefix ? prefix : "", msg ? msg : "");
	if (rule_id)
		fprintf(c->out, " [%s]", rule_id);
	if (sev != SEV_NOTE)
		put_color(c, C_RESET);
	fputc('\n', c->out);
}

/* Blanks as wide as LINE[0, END): a tab stays a tab so that the caret lines
 * up whatever the tab width, other characters become one space each.
 * FIXME: double-width characters (CJK) take two cells and shift the caret. */
static void put_pad(const struct text_ctx *c, const char *line, size_t len, size_t end)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t i = 0;

	while (i < end && i < len) {
		if (s[i] == '\t') {
			fputc('\t', c->out);
			i++;
			continue;
		}
		report_utf8_next(s, len, &i);
		fputc(' ', c->out);
	}
	for (; i < end; i++)
		fputc(' ', c->out);
}

/* Characters (not bytes) in LINE[START, END), clamped to the line. */
static unsigned count_chars(const char *line, size_t len, size_t start, size_t end)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t i = start;
	unsigned n = 0;

	if (end > len)
		end = len;
	while (i < end) {
		report_utf8_next(s, len, &i);
		n++;
	}
	return n;
}

/* The source line of LOC with a caret under its column and '~' under the
 * rest of its range, gcc style; with INSERT, that text under the caret. */
static void put_snippet(const struct text_ctx *c, const struct finding_loc *loc, const char *insert)
{
	const char *line;
	size_t len;
	unsigned n;

	if (!c->run->show_source || !loc->file || !loc->line)
		return;
	line = report_src_line(c->src, loc->file, loc->line, &len);
	if (!line)
		return;
	fprintf(c->out, "%5u | ", loc->line);
	fwrite(line, 1, len, c->out);
	fputc('\n', c->out);
	if (!loc->col)
		return;
	fputs("      | ", c->out);
	put_pad(c, line, len, loc->col - 1);
	put_color(c, C_CARET);
	fputc('^', c->out);
	n = loc->end_col > loc->col ? count_chars(line, len, loc->col - 1, loc->end_col - 1) : 0;
	for (; n > 1; n--)
		fputc('~', c->out);
	put_color(c, C_RESET);
	fputc('\n', c->out);
	if (insert && *insert && !strchr(insert, '\n')) {
		fputs("      | ", c->out);
		put_pad(c, line, len, loc->col - 1);
		put_color(c, C_CARET);
		fputs(insert, c->out);
		put_color(c, C_RESET);
		fputc('\n', c->out);
	}
}

static void put_finding(const struct text_ctx *c, const struct finding *f)
{
	unsigned i;

	put_head(c, f->loc.file, f->loc.line, f->loc.col, f->severity, NULL, f->message, f->rule_id);
	put_snippet(c, &f->loc, NULL);
	for (i = 0; i < f->n_notes; i++) {
		const struct finding_note *n = &f->notes[i];
		const char *file = n->loc.file ? n->loc.file : f->loc.file;

		put_head(c, file, n->loc.line, n->loc.col, SEV_NOTE, NULL, n->message, NULL);
		put_snippet(c, &n->loc, NULL);
	}
	if (f->fix) {
		const struct finding_fix *x = f->fix;

		put_head(c, x->loc.file ? x->loc.file : f->loc.file, x->loc.line, x->loc.col,
			 SEV_NOTE, "fix: ", x->description ? x->description : "apply the replacement", NULL);
		put_snippet(c, &x->loc, x->replacement);
	}
}

/* One line per file that was not fully analysed; analysed files say nothing. */
static enum ddl_status put_file(const struct text_ctx *c, const struct file_result *r)
{
	char *text = report_file_status_text(r);
	char *msg;

	if (r->status == FILE_ANALYSED)
		return DDL_OK;
	if (!text)
		return DDL_ERR_NOMEM;
	if (r->status == FILE_PARTIAL && r->n_errors)
		msg = ddl_asprintf("%s; %s", text, partial_hint);
	else
		msg = ddl_strdup(text);
	free(text);
	if (!msg)
		return DDL_ERR_NOMEM;
	put_head(c, r->path, 0, 0, r->status == FILE_FAILED ? SEV_ERROR : SEV_NOTE, NULL, msg, NULL);
	free(msg);
	return DDL_OK;
}

/* NO_COLOR (no-color.org): present and not empty disables colour. */
static bool no_color_env(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;
}

enum ddl_status report_text(const struct finding_list *list, const struct report_run *run,
			    FILE *out, struct ddl_error *err)
{
	struct text_ctx c = { out, run, NULL, run->color && !no_color_env() };
	unsigned i;

	if (run->show_source) {
		c.src = report_src_new();
		if (!c.src)
			return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	}
	for (i = 0; i < finding_list_count(list); i++)
		put_finding(&c, finding_list_get(list, i));
	for (i = 0; i < finding_list_file_count(list); i++) {
		if (put_file(&c, finding_list_file(list, i)) != DDL_OK) {
			report_src_free(c.src);
			return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		}
	}
	report_src_free(c.src);
	if (ferror(out))
		return ddl_fail(err, DDL_ERR_IO, NULL, "cannot write the report");
	return DDL_OK;
}
