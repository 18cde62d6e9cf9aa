/* verify.c - expectations in comments, matched against findings.
 *
 *   // expected-warning{{substring of "message [rule-id]"}}
 *   // expected-error@+1 2{{...}}      (location: @+N, @-N, @N; then a count)
 *   // expected-note{{...}}            (a related location of some finding)
 *   // expected-no-findings
 *
 * A small scanner finds comments (skipping string and character literals),
 * directives are parsed from comment text, and each directive consumes the
 * findings it matches. Whatever is left over is unexpected. Notes are only
 * checked in files that contain at least one expected-note, so a test about
 * the primary location need not spell out every path step.
 */
#include "verify.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum dir_kind { DIR_ERROR, DIR_WARNING, DIR_NOTE };

struct directive {
	enum dir_kind kind;
	unsigned line;     /* the line it refers to */
	unsigned at_line;  /* the line it is written on */
	unsigned count;
	char *text;        /* owned */
};

struct dirs {
	struct directive *d;
	unsigned n, cap;
	bool no_findings;
};

struct buf {
	char *s;
	size_t n, cap;
	bool nomem;
};

static void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->nomem)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->n + (size_t)n + 1 > b->cap) {
		size_t ncap = (b->cap + (size_t)n + 1) * 2;
		char *ns = realloc(b->s, ncap);

		if (!ns) {
			b->nomem = true;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

static void dirs_free(struct dirs *ds)
{
	unsigned i;

	for (i = 0; i < ds->n; i++)
		free(ds->d[i].text);
	free(ds->d);
}

/* Parse the directives in comment text C[0..N), which starts on LINE. */
static enum ddl_status parse_comment(const char *c, size_t n, unsigned line, struct dirs *ds,
				     const char *path, struct ddl_error *err)
{
	size_t i = 0;
	static const char kw[] = "expected-";

	while (i < n) {
		const char *p;
		size_t j;
		struct directive d = { 0 };
		long off = 0;
		char sign = 0;
		unsigned here = line;

		if (c[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (n - i < sizeof(kw) - 1 || memcmp(c + i, kw, sizeof(kw) - 1) != 0) {
			i++;
			continue;
		}
		p = c + i + sizeof(kw) - 1;
		j = (size_t)(p - c);
		if (n - j >= 11 && memcmp(p, "no-findings", 11) == 0) {
			ds->no_findings = true;
			i = j + 11;
			continue;
		}
		if (n - j >= 7 && memcmp(p, "warning", 7) == 0) {
			d.kind = DIR_WARNING;
			j += 7;
		} else if (n - j >= 5 && memcmp(p, "error", 5) == 0) {
			d.kind = DIR_ERROR;
			j += 5;
		} else if (n - j >= 4 && memcmp(p, "note", 4) == 0) {
			d.kind = DIR_NOTE;
			j += 4;
		} else {
			i = j; /* prose that mentions "expected-" */
			continue;
		}
		d.line = here;
		if (j < n && c[j] == '@') {
			j++;
			if (j < n && (c[j] == '+' || c[j] == '-'))
				sign = c[j++];
			if (j >= n || !isdigit((unsigned char)c[j]))
				return ddl_fail(err, DDL_ERR_PARSE, path, "line %u: '@' needs a line number", here);
			while (j < n && isdigit((unsigned char)c[j]))
				off = off * 10 + (c[j++] - '0');
			if (sign == '+')
				d.line = here + (unsigned)off;
			else if (sign == '-')
				d.line = off < (long)here ? here - (unsigned)off : 0;
			else
				d.line = (unsigned)off;
		}
		while (j < n && c[j] == ' ')
			j++;
		d.count = 1;
		if (j < n && isdigit((unsigned char)c[j])) {
			d.count = 0;
			while (j < n && isdigit((unsigned char)c[j]))
				d.count = d.count * 10 + (unsigned)(c[j++] - '0');
			while (j < n && c[j] == ' ')
				j++;
		}
		if (n - j < 2 || c[j] != '{' || c[j + 1] != '{') {
			/* Prose such as "an expected-note matches ..." in a file's
			 * header: not a directive. A mistyped directive cannot hide a
			 * finding, which would then be reported as unexpected. */
			i = j;
			continue;
		}
		j += 2;
		{
			size_t k = j;

			while (k + 1 < n && !(c[k] == '}' && c[k + 1] == '}'))
				k++;
			if (k + 1 >= n)
				return ddl_fail(err, DDL_ERR_PARSE, path, "line %u: '{{' without '}}'", here);
			d.text = ddl_strndup(c + j, k - j);
			if (!d.text)
				return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
			i = k + 2;
		}
		d.at_line = here;
		if (ds->n == ds->cap) {
			unsigned ncap = ds->cap ? ds->cap * 2 : 16;
			struct directive *nd = realloc(ds->d, ncap * sizeof(*nd));

			if (!nd) {
				free(d.text);
				return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
			}
			ds->d = nd;
			ds->cap = ncap;
		}
		ds->d[ds->n++] = d;
	}
	return DDL_OK;
}

/* Find the comments of SRC and parse the directives in them. */
static enum ddl_status scan(const char *src, size_t n, struct dirs *ds, const char *path, struct ddl_error *err)
{
	size_t i = 0;
	unsigned line = 1;

	while (i < n) {
		char ch = src[i];

		if (ch == '\n') {
			line++;
			i++;
		} else if (ch == '"' || ch == '\'') {
			i++;
			while (i < n && src[i] != ch && src[i] != '\n') {
				if (src[i] == '\\' && i + 1 < n)
					i++;
				i++;
			}
			i++;
		} else if (ch == '/' && i + 1 < n && src[i + 1] == '/') {
			size_t s = i + 2;

			while (i < n && src[i] != '\n')
				i++;
			if (parse_comment(src + s, i - s, line, ds, path, err) != DDL_OK)
				return err->status;
		} else if (ch == '/' && i + 1 < n && src[i + 1] == '*') {
			size_t s = i + 2;
			unsigned start = line;

			i += 2;
			while (i + 1 < n && !(src[i] == '*' && src[i + 1] == '/')) {
				if (src[i] == '\n')
					line++;
				i++;
			}
			if (parse_comment(src + s, (i < n ? i : n) - s, start, ds, path, err) != DDL_OK)
				return err->status;
			i += 2;
		} else {
			i++;
		}
	}
	return DDL_OK;
}

static const char *kind_name(enum dir_kind k)
{
	return k == DIR_ERROR ? "error" : k == DIR_WARNING ? "warning" : "note";
}

/* One thing a directive can match: a finding or one of its notes. */
struct item {
	enum dir_kind kind;
	unsigned line;
	char *text;   /* owned: "message [rule-id]" or the note's message */
	bool used;
};

static bool same_file(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int verify_file(const char *path, const struct finding_list *list, char **report, struct ddl_error *err)
{
	struct dirs ds = { 0 };
	struct item *items = NULL;
	unsigned n_items = 0, i, j, problems = 0;
	size_t n;
	char *src = ddl_read_file(path, &n, err);
	struct buf out = { 0 };
	bool check_notes = false;

	*report = NULL;
	if (!src)
		return -1;
	if (scan(src, n, &ds, path, err) != DDL_OK) {
		free(src);
		dirs_free(&ds);
		return -1;
	}
	free(src);
	for (i = 0; i < ds.n; i++)
		check_notes |= ds.d[i].kind == DIR_NOTE;
	for (i = 0; i < finding_list_count(list); i++) {
		const struct finding *f = finding_list_get(list, i);

		n_items += 1 + f->n_notes;
	}
	items = calloc(n_items + 1, sizeof(*items));
	if (!items)
		goto nomem;
	n_items = 0;
	for (i = 0; i < finding_list_count(list); i++) {
		const struct finding *f = finding_list_get(list, i);

		if (same_file(f->loc.file, path)) {
			items[n_items].kind = f->severity == SEV_ERROR ? DIR_ERROR :
					      f->severity == SEV_WARNING ? DIR_WARNING : DIR_NOTE;
			items[n_items].line = f->loc.line;
			items[n_items].text = ddl_asprintf("%s [%s]", f->message, f->rule_id);
			if (!items[n_items++].text)
				goto nomem;
		}
		for (j = 0; check_notes && j < f->n_notes; j++) {
			if (!same_file(f->notes[j].loc.file, path))
				continue;
			items[n_items].kind = DIR_NOTE;
			items[n_items].line = f->notes[j].loc.line;
			items[n_items].text = ddl_strdup(f->notes[j].message);
			if (!items[n_items++].text)
				goto nomem;
		}
	}
	for (i = 0; i < ds.n; i++) {
		const struct directive *d = &ds.d[i];
		unsigned seen = 0;

		for (j = 0; j < n_items && seen < d->count; j++) {
			struct item *it = &items[j];

			if (!it->used && it->kind == d->kind && it->line == d->line && strstr(it->text, d->text)) {
				it->used = true;
				seen++;
			}
		}
		if (seen < d->count) {
			problems++;
			if (d->count == 1)
				bprintf(&out, "%s:%u: expected %s not seen: {{%s}}\n", path, d->line,
					kind_name(d->kind), d->text);
			else
				bprintf(&out, "%s:%u: expected %u %s(s), seen %u: {{%s}}\n", path, d->line, d->count,
					kind_name(d->kind), seen, d->text);
		}
	}
	for (j = 0; j < n_items; j++)
		if (!items[j].used) {
			problems++;
			bprintf(&out, "%s:%u: %s seen but not expected: %s\n", path, items[j].line,
				kind_name(items[j].kind), items[j].text);
		}
	if (ds.n == 0 && !ds.no_findings) {
		problems++;
		bprintf(&out, "%s: no expected-* directive and no 'expected-no-findings'\n", path);
	}
	if (out.nomem)
		goto nomem;
	for (j = 0; j < n_items; j++)
		free(items[j].text);
	free(items);
	dirs_free(&ds);
	*report = out.s ? out.s : ddl_strdup("");
	return *report ? (int)problems : (ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory"), -1);
nomem:
	for (j = 0; items && j < n_items; j++)
		free(items[j].text);
	free(items);
	free(out.s);
	dirs_free(&ds);
	ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	return -1;
}

enum ddl_status verify_read_args(const char *path, char ***args, unsigned *n_args, struct ddl_error *err)
{
	return verify_read_tag(path, "ddilint-args:", args, n_args, err);
}

enum ddl_status verify_read_tag(const char *path, const char *tag, char ***args, unsigned *n_args,
				struct ddl_error *err)
{
	size_t n;
	char *src = ddl_read_file(path, &n, err), *p, *end;
	char **a = NULL;
	unsigned cnt = 0;

	*args = NULL;
	*n_args = 0;
	if (!src)
		return err->status;
	p = strstr(src, tag);
	a = calloc(1, sizeof(*a));
	if (!a) {
		free(src);
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	}
	if (p) {
		p += strlen(tag);
		end = strchr(p, '\n');
		if (!end)
			end = src + n;
		while (p < end) {
			char *s, **na;

			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p >= end || (p[0] == '*' && p + 1 < end && p[1] == '/'))
				break;
			s = p;
			while (p < end && !isspace((unsigned char)*p))
				p++;
			na = realloc(a, (cnt + 2) * sizeof(*na));
			if (!na || !(na[cnt] = ddl_strndup(s, (size_t)(p - s)))) {
				a = na ? na : a;
				verify_args_free(a, cnt);
				free(src);
				return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
			}
			a = na;
			a[++cnt] = NULL;
		}
	}
	free(src);
	*args = a;
	*n_args = cnt;
	return DDL_OK;
}

void verify_args_free(char **args, unsigned n)
{
	unsigned i;

	for (i = 0; args && i < n; i++)
		free(args[i]);
	free(args);
}

bool verify_allows_partial(const char *path)
{
	size_t n;
	char *src = ddl_read_file(path, &n, NULL);
	bool yes = src && strstr(src, "ddilint-allow-partial") != NULL;

	free(src);
	return yes;
}

enum ddl_status verify_read_with(const char *path, char ***files, unsigned *n_files, struct ddl_error *err)
{
	size_t n;
	char *src = ddl_read_file(path, &n, err), *p;
	char **a = NULL;
	unsigned cnt = 0;
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	static const char tag[] = "ddilint-with:";

	*files = NULL;
	*n_files = 0;
	if (!src)
		return err->status;
	for (p = strstr(src, tag); p; p = strstr(p, tag)) {
		char *end;

		p += sizeof(tag) - 1;
		end = strchr(p, '\n');
		if (!end)
			end = src + n;
		while (p < end) {
			char *s, **na, *f;
			size_t len;

			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p >= end || (p[0] == '*' && p + 1 < end && p[1] == '/'))
				break;
			s = p;
			while (p < end && !isspace((unsigned char)*p))
				p++;
			len = (size_t)(p - s);
			/* relative to the directory of PATH */
			f = malloc(dirlen + len + 1);
			na = f ? realloc(a, (cnt + 2) * sizeof(*na)) : NULL;
			if (!na) {
				free(f);
				verify_args_free(a, cnt);
				free(src);
				return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
			}
			if (s[0] == '/')
				dirlen = 0;
			memcpy(f, path, dirlen);
			memcpy(f + dirlen, s, len);
			f[dirlen + len] = '\0';
			dirlen = slash ? (size_t)(slash - path + 1) : 0;
			a = na;
			a[cnt++] = f;
			a[cnt] = NULL;
		}
	}
	free(src);
	*files = a;
	*n_files = cnt;
	return DDL_OK;
}

bool verify_has_expectations(const char *path)
{
	size_t n;
	char *src = ddl_read_file(path, &n, NULL);
	bool yes = src && strstr(src, "expected-") != NULL;

	free(src);
	return yes;
}
