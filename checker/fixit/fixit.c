/* fixit.c - build one-line call fixes and apply them (see fixit.h). */
#include "fixit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_ARGS 9

void fixit_free(struct finding_fix *fix)
{
	if (!fix)
		return;
	free(fix->description);
	free(fix->loc.file);
	free(fix->replacement);
	free(fix);
}

/* Line LINE of PATH (without its end), or NULL. Owned by the caller. */
static char *read_line(const char *path, unsigned line)
{
	struct ddl_error err;
	size_t len, i = 0;
	char *text = ddl_read_file(path, &len, &err), *out = NULL;
	unsigned l = 1;

	if (!text)
		return NULL;
	while (i < len && l < line)
		if (text[i++] == '\n')
			l++;
	if (l == line && i <= len) {
		size_t e = i;

		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
		out = ddl_strndup(text + i, e - i);
	}
	free(text);
	return out;
}

struct call_text {
	const char *args[MAX_ARGS];
	size_t arg_len[MAX_ARGS];
	unsigned n_args;
	size_t end; /* byte offset just past the closing parenthesis */
};

static void trim(const char **p, size_t *n)
{
	while (*n && isspace((unsigned char)**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*p)[*n - 1]))
		(*n)--;
}

/* Split the call whose '(' is at S[I] into its arguments, on this line only. */
static bool split_call(const char *s, size_t i, struct call_text *ct)
{
	size_t n = strlen(s), b = i + 1;
	int depth = 0;

	memset(ct, 0, sizeof(*ct));
	for (; i < n; i++) {
		char c = s[i];

		if (c == '"' || c == '\'') {
			for (i++; i < n && s[i] != c; i++)
				if (s[i] == '\\')
					i++;
			if (i >= n)
				return false;
			continue;
		}
		if (c == '/' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '*'))
			return false; /* a comment inside the call: leave it alone */
		if (c == '(' || c == '[' || c == '{') {
			depth++;
			continue;
		}
		if ((c == ',' && depth == 1) || ((c == ')' || c == ']' || c == '}') && depth == 1)) {
			const char *a = s + b;
			size_t len = i - b;

			trim(&a, &len);
			if (c != ',' && len == 0 && ct->n_args == 0) {
				ct->end = i + 1; /* f() */
				return true;
			}
			if (!len || ct->n_args == MAX_ARGS)
				return false;
			ct->args[ct->n_args] = a;
			ct->arg_len[ct->n_args++] = len;
			b = i + 1;
			if (c != ',') {
				ct->end = i + 1;
				return c == ')';
			}
			continue;
		}
		if (c == ')' || c == ']' || c == '}')
			depth--;
	}
	return false; /* the call goes on past this line */
}

/* TEMPL with $N replaced; NULL if it names an argument CT lacks or leaves one out. */
static char *expand(const char *templ, const struct call_text *ct)
{
	size_t n = strlen(templ) + 1, o = 0;
	unsigned i, used = 0;
	const char *p;
	char *out;

	for (i = 0; i < ct->n_args; i++)
		n += ct->arg_len[i] * 4;
	if (!(out = malloc(n)))
		return NULL;
	for (p = templ; *p; p++) {
		if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			unsigned k = (unsigned)(p[1] - '1');

			if (k >= ct->n_args || o + ct->arg_len[k] >= n) {
				free(out);
				return NULL;
			}
			memcpy(out + o, ct->args[k], ct->arg_len[k]);
			o += ct->arg_len[k];
			used |= 1u << k;
			p++;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
	if (used != (1u << ct->n_args) - 1) {
		free(out); /* an argument the template drops: its meaning would be lost */
		return NULL;
	}
	return out;
}

struct finding_fix *fixit_call(const struct finding_loc *loc, const char *written, const char *templ,
			       const char *note)
{
	char *line = loc->file && templ ? read_line(loc->file, loc->line) : NULL;
	size_t at = loc->col ? loc->col - 1 : 0, wl = written ? strlen(written) : 0, i;
	struct call_text ct;
	struct finding_fix *fix = NULL;
	char *repl = NULL;

	if (!line || !written || strlen(line) < at + wl || strncmp(line + at, written, wl) != 0)
		goto done;
	for (i = at + wl; line[i] == ' ' || line[i] == '\t'; i++)
		;
	if (line[i] != '(' || !split_call(line, i, &ct) || !(repl = expand(templ, &ct)))
		goto done;
	fix = calloc(1, sizeof(*fix));
	if (!fix)
		goto done;
	fix->loc = *loc;
	fix->loc.file = ddl_strdup(loc->file);
	fix->loc.end_col = (unsigned)ct.end + 1;
	fix->replacement = repl;
	repl = NULL;
	fix->description = note ? ddl_asprintf("replace with '%s'; %s", fix->replacement, note) :
				  ddl_asprintf("replace with '%s'", fix->replacement);
	if (!fix->loc.file || !fix->description) {
		fixit_free(fix);
		fix = NULL;
	}
done:
	free(repl);
	free(line);
	return fix;
}

/* ---- --fix ------------------------------------------------------------------ */

struct edit {
	unsigned finding;
	const struct finding_fix *fix;
};

static int cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;

	/* Back to front, so that earlier offsets stay valid while splicing. */
	if (a->fix->loc.line != b->fix->loc.line)
		return a->fix->loc.line > b->fix->loc.line ? -1 : 1;
	if (a->fix->loc.col != b->fix->loc.col)
		return a->fix->loc.col > b->fix->loc.col ? -1 : 1;
	return a->finding < b->finding ? -1 : a->finding > b->finding;
}

static const char *fix_file(const struct finding *f)
{
	return f->fix->loc.file ? f->fix->loc.file : f->loc.file;
}

/* Apply EDITS (all for PATH, sorted back to front). Returns how many were
 * applied, or -1 with ERR. */
static int apply_file(const char *path, struct edit *edits, unsigned n, bool *fixed, struct ddl_error *err)
{
	size_t len;
	char *text = ddl_read_file(path, &len, err), *tmp = NULL;
	unsigned i, applied = 0;
	size_t limit = (size_t)-1; /* edits must end before the previous one began */
	struct stat sb;
	FILE *out;

	if (!text)
		return -1;
	for (i = 0; i < n; i++) {
		const struct finding_fix *x = edits[i].fix;
		size_t ls = 0, le, b, e, rl = strlen(x->replacement);
		unsigned l = 1;
		char *nt;

		while (ls < len && l < x->loc.line)
			if (text[ls++] == '\n')
				l++;
		if (l != x->loc.line)
			continue;
		for (le = ls; le < len && text[le] != '\n'; le++)
			;
		b = ls + x->loc.col - 1;
		e = ls + (x->loc.end_col ? x->loc.end_col - 1 : x->loc.col - 1);
		if (!x->loc.col || b > e || e > le || e > limit)
			continue; /* out of range, or overlaps an edit already made */
		nt = malloc(len - (e - b) + rl + 1);
		if (!nt) {
			free(text);
			return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory"), -1;
		}
		memcpy(nt, text, b);
		memcpy(nt + b, x->replacement, rl);
		memcpy(nt + b + rl, text + e, len - e);
		len = len - (e - b) + rl;
		nt[len] = '\0';
		free(text);
		text = nt;
		limit = b;
		fixed[edits[i].finding] = true;
		applied++;
	}
	if (!applied) {
		free(text);
		return 0;
	}
	tmp = ddl_asprintf("%s.ddilint-fix.%ld", path, (long)getpid());
	out = tmp ? fopen(tmp, "wb") : NULL;
	if (!out || fwrite(text, 1, len, out) != len || fclose(out) != 0 ||
	    (stat(path, &sb) == 0 && chmod(tmp, sb.st_mode & 07777) != 0) || rename(tmp, path) != 0) {
		ddl_fail(err, DDL_ERR_IO, path, "cannot write the fixed file: %m");
		if (tmp)
			unlink(tmp);
		free(tmp);
		free(text);
		return -1;
	}
	free(tmp);
	free(text);
	return (int)applied;
}

int fixit_apply(const struct finding_list *list, bool *fixed, unsigned *n_files, struct ddl_error *err)
{
	unsigned n = finding_list_count(list), i, n_e = 0, total = 0;
	struct edit *e = calloc(n + 1, sizeof(*e));

	*n_files = 0;
	if (!e)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory"), -1;
	for (i = 0; i < n; i++) {
		const struct finding *f = finding_list_get(list, i);

		fixed[i] = false;
		if (f->fix && !f->suppressed && f->fix->replacement && fix_file(f))
			e[n_e++] = (struct edit){ i, f->fix };
	}
	/* The list is sorted by file: edits of one file are adjacent. */
	for (i = 0; i < n_e;) {
		const char *path = fix_file(finding_list_get(list, e[i].finding));
		unsigned k = i;
		int r;

		while (k < n_e && strcmp(fix_file(finding_list_get(list, e[k].finding)), path) == 0)
			k++;
		qsort(e + i, k - i, sizeof(*e), cmp_edit);
		r = apply_file(path, e + i, k - i, fixed, err);
		if (r < 0) {
			free(e);
			return -1;
		}
		if (r > 0) {
			(*n_files)++;
			total += (unsigned)r;
		}
		i = k;
	}
	free(e);
	return (int)total;
}
