/* prefix.c - find the system headers at the head of a driver file's include
 * chain (what a PCH may stand in for; the rules are in prefix.h).
 *
 * A small directive lexer, not a preprocessor: it understands comments,
 * `#include`, `#pragma once` and the `#ifndef G` / `#define G` guard that
 * opens a project header, and stops at anything else. A quoted include found
 * next to the file that names it is a project header: the scan goes into it
 * and never comes back (its #endif would stop it anyway). A quoted include
 * found nowhere near is looked up like an angle include by clang, so it is
 * one. An angle include is taken as written: clang resolves it the same way
 * from the PCH's generated header as from the driver file.
 */
#include "prefix.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 32          /* project headers entered before giving up */
#define MAX_NAMES 64
#define MAX_HEADER_SIZE (8u << 20)

struct lx {
	const char *p, *end;
};

struct scan {
	const char *const *args;
	unsigned n_args;
	unsigned n_own;           /* ARGS[0..N_OWN) are the session's own, the rest the user's */
	struct fe_prefix *out;
	char **guards;            /* guard macros the entered headers defined */
	unsigned n_guards;
	char **seen;              /* project headers entered */
	unsigned n_seen;
	bool nomem;
};

void fe_prefix_clear(struct fe_prefix *p)
{
	unsigned i;

	for (i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	p->names = NULL;
	p->n = 0;
}

static bool is_ident_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ident(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Does the line comment starting at P end with a backslash (a line splice
 * that would carry the comment onto the next line)? Moves P past the line. */
static bool line_comment_spliced(struct lx *l)
{
	const char *start = l->p, *nl = memchr(l->p, '\n', (size_t)(l->end - l->p)), *q;

	if (!nl) {
		l->p = l->end;
		return false;
	}
	q = nl;
	while (q > start && q[-1] == '\r')
		q--;
	l->p = nl + 1;
	return q > start && q[-1] == '\\';
}

static const char *find_comment_end(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == '*' && p[1] == '/')
			return p;
	return NULL;
}

/* Skip white space and comments between directives. Returns 0 at a token,
 * 1 at the end of the input, -1 at something the scan does not model. */
static int skip_ws(struct lx *l)
{
	while (l->p < l->end) {
		char c = *l->p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			l->p++;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '*') {
			const char *e = find_comment_end(l->p + 2, l->end);

			if (!e)
				return -1;
			l->p = e + 2;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '/') {
			if (line_comment_spliced(l))
				return -1;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Skip blanks and comments inside a directive. Returns 0 at a token, 1 at
 * the end of the line (consumed), -1 at a line splice or a comment that
 * runs over the end of the line (both continue the directive). */
static int skip_hws(struct lx *l)
{
	while (l->p < l->end) {
		char c = *l->p;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			l->p++;
		} else if (c == '\n') {
			l->p++;
			return 1;
		} else if (c == '\\') {
			return -1;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '*') {
			const char *e = find_comment_end(l->p + 2, l->end);

			if (!e || memchr(l->p, '\n', (size_t)(e - l->p)))
				return -1;
			l->p = e + 2;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '/') {
			return line_comment_spliced(l) ? -1 : 1;
		} else {
			return 0;
		}
	}
	return 1;
}

/* The identifier at L (moved past it) into BUF, or false. */
static bool read_ident(struct lx *l, char *buf, size_t size)
{
	size_t n = 0;

	if (l->p >= l->end || !is_ident_start(*l->p))
		return false;
	while (l->p < l->end && is_ident(*l->p)) {
		if (n + 1 >= size)
			return false;
		buf[n++] = *l->p++;
	}
	buf[n] = '\0';
	return true;
}

/* An identifier and then the end of the line. */
static bool ident_line(struct lx *l, char *buf, size_t size)
{
	return skip_hws(l) == 0 && read_ident(l, buf, size) && skip_hws(l) == 1;
}

static bool in_list(char *const *list, unsigned n, const char *s)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static bool push(struct scan *s, char ***list, unsigned *n, const char *str)
{
	char **nl = realloc(*list, (*n + 1) * sizeof(*nl));

	if (!nl || !(nl[*n] = ddl_strdup(str))) {
		if (nl)
			*list = nl;
		s->nomem = true;
		return false;
	}
	*list = nl;
	(*n)++;
	return true;
}

/* Is NAME defined or undefined on the command line (-D/-U)? Then a guard
 * spelled NAME does not mean what it seems to. */
static bool cmdline_macro(const struct scan *s, const char *name)
{
	size_t len = strlen(name);
	unsigned i;

	for (i = 0; i < s->n_args; i++) {
		const char *a = s->args[i], *m;

		if (strcmp(a, "-D") == 0 || strcmp(a, "-U") == 0)
			m = i + 1 < s->n_args ? s->args[i + 1] : "";
		else if (strncmp(a, "-D", 2) == 0 || strncmp(a, "-U", 2) == 0)
			m = a + 2;
		else
			continue;
		if (strncmp(m, name, len) == 0 && (m[len] == '\0' || m[len] == '=' || m[len] == '('))
			return true;
	}
	return false;
}

/* Would clang find a quoted NAME in an -iquote directory? */
static bool in_iquote(const struct scan *s, const char *name)
{
	unsigned i;

	for (i = 0; i < s->n_args; i++) {
		const char *dir = NULL;
		char *p;
		struct stat st;
		bool hit;

		if (strcmp(s->args[i], "-iquote") == 0 && i + 1 < s->n_args)
			dir = s->args[i + 1];
		else if (strncmp(s->args[i], "-iquote", 7) == 0 && s->args[i][7])
			dir = s->args[i] + 7;
		if (!dir)
			continue;
		p = ddl_asprintf("%s/%s", dir, name);
		if (!p)
			return true; /* out of memory: say "found", which stops the scan */
		hit = stat(p, &st) == 0;
		free(p);
		if (hit)
			return true;
	}
	return false;
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Read the header name of an #include at L into BUF; *ANGLED says which form. */
static bool read_header_name(struct lx *l, char *buf, size_t size, bool *angled)
{
	char close;
	size_t n = 0;

	if (skip_hws(l) != 0 || (*l->p != '<' && *l->p != '"'))
		return false;
	*angled = *l->p == '<';
	close = *angled ? '>' : '"';
	l->p++;
	while (l->p < l->end && *l->p != close) {
		if (*l->p == '\n' || *l->p == '\\' || n + 1 >= size)
			return false;
		buf[n++] = *l->p++;
	}
	if (l->p >= l->end || n == 0)
		return false;
	l->p++;
	buf[n] = '\0';
	return skip_hws(l) == 1;
}

/* The rest of a #pragma line: balanced parentheses, no line splice. */
static bool skip_pragma_args(struct lx *l)
{
	int depth = 0;

	for (;;) {
		int r = skip_hws(l);

		if (r != 0)
			return r == 1 && depth == 0;
		if (*l->p == '(')
			depth++;
		else if (*l->p == ')' && --depth < 0)
			return false;
		else if (*l->p == '"' || *l->p == '\'') {
			char q = *l->p++;

			while (l->p < l->end && *l->p != q && *l->p != '\n' && *l->p != '\\')
				l->p++;
			if (l->p >= l->end || *l->p != q)
				return false;
		}
		l->p++;
	}
}

/* A #pragma that cannot change how the headers after it read. `once` (in a
 * header); MSVC's `warning`, `comment`, `region` and PREfast's `prefast`,
 * which only touch warnings (ddilint parses with -w), the linker or the
 * editor. Not `pack` (layouts), not `clang diagnostic` (can make errors). */
static bool neutral_pragma(struct lx *l, const char *name, bool is_header)
{
	static const char *const neutral[] = { "warning", "comment", "region", "endregion", "prefast" };
	unsigned i;

	if (strcmp(name, "once") == 0)
		return is_header && skip_hws(l) == 1;
	for (i = 0; i < sizeof(neutral) / sizeof(*neutral); i++)
		if (strcmp(name, neutral[i]) == 0)
			return skip_pragma_args(l);
	return false;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? ddl_strndup(path, (size_t)(slash - path)) : ddl_strdup(".");
}

/* --- where clang finds a header, and whether it is guarded ------------------------ */

/* The directory of -I/-isystem/... option I of ARGS (joined or separate), or NULL. */
static const char *dir_arg(const struct scan *s, unsigned i, const char *opt)
{
	size_t l = strlen(opt);
	const char *a = s->args[i];

	if (strcmp(a, opt) == 0)
		return i + 1 < s->n_args ? s->args[i + 1] : NULL;
	return strncmp(a, opt, l) == 0 && a[l] ? a + l : NULL;
}

static char *try_dir(const char *dir, const char *sub, const char *name)
{
	char *p = ddl_asprintf("%s%s/%s", dir, sub, name);

	if (p && !is_file(p)) {
		free(p);
		p = NULL;
	}
	return p;
}

/* Where clang's search for <NAME> ends, in its order: -I, -isystem, the
 * builtin and sysroot directories, -idirafter. *PROJECT is set when it is a
 * -I directory of the user's (not the session's own, the first N_OWN
 * arguments): a project header. NULL when not found (or out of memory). */
static char *find_header(const struct scan *s, const char *name, bool *project)
{
	static const char *const order[] = { "-I", "-isystem" };
	unsigned k, i;
	char *p;

	*project = false;
	for (k = 0; k < 2; k++)
		for (i = 0; i < s->n_args; i++) {
			const char *dir = dir_arg(s, i, order[k]);

			if (dir && (p = try_dir(dir, "", name))) {
				*project = k == 0 && i >= s->n_own;
				return p;
			}
		}
	for (i = 0; i < s->n_args; i++) {
		const char *dir;

		if ((dir = dir_arg(s, i, "-resource-dir")) && (p = try_dir(dir, "/include", name)))
			return p;
	}
	for (i = 0; i < s->n_args; i++) {
		const char *dir = dir_arg(s, i, "--sysroot=");

		if (dir && ((p = try_dir(dir, "/x86_64-w64-mingw32/include", name)) || (p = try_dir(dir, "/include", name))))
			return p;
	}
	for (i = 0; i < s->n_args; i++) {
		const char *dir = dir_arg(s, i, "-idirafter");

		if (dir && (p = try_dir(dir, "", name)))
			return p;
	}
	return NULL;
}

/* Move L to the '#' of the next directive: the first token of a line.
 * False at the end of the text. Comments and literals are skipped. */
static bool next_directive(struct lx *l)
{
	bool line_start = true;

	while (l->p < l->end) {
		char c = *l->p;

		if (c == '\n') {
			line_start = true;
			l->p++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			l->p++;
		} else if (c == '\\' && l->p + 1 < l->end && (l->p[1] == '\n' || l->p[1] == '\r')) {
			l->p += 2; /* a line splice: the logical line goes on */
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '*') {
			const char *e = find_comment_end(l->p + 2, l->end);

			if (!e)
				return false;
			l->p = e + 2;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '/') {
			line_comment_spliced(l);
			line_start = true;
		} else if (c == '#' && line_start) {
			return true;
		} else {
			line_start = false;
			l->p++;
			if (c == '"' || c == '\'') {
				while (l->p < l->end && *l->p != c && *l->p != '\n') {
					if (*l->p == '\\' && l->p + 1 < l->end)
						l->p++;
					l->p++;
				}
				if (l->p < l->end && *l->p == c)
					l->p++;
			}
		}
	}
	return false;
}

/* The directive name after the '#' at L (moved past it), or "". */
static void directive_name(struct lx *l, char *buf, size_t size)
{
	l->p++;
	buf[0] = '\0';
	if (skip_hws(l) == 0 && !read_ident(l, buf, size))
		buf[0] = '\0';
}

/* Is TEXT wrapped in an include guard the way clang recognises one
 * (#pragma once, or #ifndef G / #if !defined(G), #define G, and the
 * matching #endif last)? Then including it again is a no-op. */
static bool guarded_text(const char *text, size_t len)
{
	struct lx l = { text, text + len };
	char w[64], g[256], g2[256];
	int depth = 1;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		l.p += 3;
	if (skip_ws(&l) != 0 || *l.p != '#')
		return false;
	directive_name(&l, w, sizeof(w));
	if (strcmp(w, "pragma") == 0)
		return skip_hws(&l) == 0 && read_ident(&l, w, sizeof(w)) && strcmp(w, "once") == 0;
	if (strcmp(w, "ifndef") == 0) {
		if (!ident_line(&l, g, sizeof(g)))
			return false;
	} else if (strcmp(w, "if") == 0) {
		bool paren;

		if (skip_hws(&l) != 0 || *l.p != '!')
			return false;
		l.p++;
		if (skip_hws(&l) != 0 || !read_ident(&l, w, sizeof(w)) || strcmp(w, "defined") != 0 || skip_hws(&l) != 0)
			return false;
		paren = *l.p == '(';
		if (paren)
			l.p++;
		if (skip_hws(&l) != 0 || !read_ident(&l, g, sizeof(g)))
			return false;
		if (paren && (skip_hws(&l) != 0 || *l.p++ != ')'))
			return false;
		if (skip_hws(&l) != 1)
			return false;
	} else {
		return false;
	}
	if (skip_ws(&l) != 0 || *l.p != '#')
		return false;
	directive_name(&l, w, sizeof(w));
	if (strcmp(w, "define") != 0 || skip_hws(&l) != 0 || !read_ident(&l, g2, sizeof(g2)) || strcmp(g, g2) != 0)
		return false;
	while (depth > 0) {
		if (!next_directive(&l))
			return false;
		directive_name(&l, w, sizeof(w));
		if (strcmp(w, "if") == 0 || strcmp(w, "ifdef") == 0 || strcmp(w, "ifndef") == 0)
			depth++;
		else if (strcmp(w, "endif") == 0)
			depth--;
	}
	/* Only comments after the closing #endif (and on its line). */
	while (l.p < l.end && *l.p != '\n') {
		if (*l.p == '/' && l.p + 1 < l.end && (l.p[1] == '/' || l.p[1] == '*'))
			break;
		if (*l.p != ' ' && *l.p != '\t' && *l.p != '\r')
			return false;
		l.p++;
	}
	return skip_ws(&l) == 1;
}

static int header_guarded(const char *path)
{
	size_t len = 0;
	char *text = ddl_read_file(path, &len, NULL);
	int r;

	if (!text)
		return -1;
	r = len <= MAX_HEADER_SIZE && guarded_text(text, len);
	free(text);
	return r;
}

/* --- the scan ------------------------------------------------------------------------------- */

struct cursor {
	struct lx l;
	char *path;         /* the file being read (owned) */
	char *text;         /* its contents when it is a header (owned) */
	bool is_header, first;
	unsigned depth;
};

/* Go into the project header PATH (taken over). False: stop the scan. */
static bool enter(struct scan *s, struct cursor *c, char *path)
{
	size_t len = 0;
	char *text;

	if (c->depth >= MAX_DEPTH || in_list(s->seen, s->n_seen, path) || !push(s, &s->seen, &s->n_seen, path)) {
		free(path);
		return false;
	}
	text = ddl_read_file(path, &len, NULL);
	if (!text || len > MAX_HEADER_SIZE || memchr(text, '\0', len)) {
		free(text);
		free(path);
		return false;
	}
	free(c->text);
	free(c->path);
	c->text = text;
	c->path = path;
	c->l.p = text;
	c->l.end = text + len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		c->l.p += 3;
	c->is_header = c->first = true;
	c->depth++;
	return true;
}

/* An include clang looks up along the search path (<NAME>, or "NAME" not
 * next to its includer). False: stop the scan. */
static bool searched_include(struct scan *s, struct cursor *c, const char *name)
{
	bool project;
	char *found = find_header(s, name, &project);

	if (found && project)
		return enter(s, c, found); /* the user's own header: go into it */
	if (found && header_guarded(found) == 0) {
		/* The driver will read it again: precompile only what came before. */
		free(found);
		return false;
	}
	free(found);
	if (!in_list(s->out->names, s->out->n, name))
		push(s, &s->out->names, &s->out->n, name);
	return !s->nomem;
}

static void scan(struct scan *s, const char *path, const char *src, size_t len)
{
	struct cursor c = { { src, src + len }, ddl_strdup(path), NULL, false, false, 0 };
	char word[256], name[1024];

	if (!c.path) {
		s->nomem = true;
		return;
	}
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		c.l.p += 3; /* a UTF-8 byte order mark, which clang skips too */
	while (!s->nomem && s->out->n < MAX_NAMES && skip_ws(&c.l) == 0 && *c.l.p == '#') {
		int r;

		c.l.p++;
		r = skip_hws(&c.l);
		if (r == 1) /* the null directive */
			continue;
		if (r != 0 || !read_ident(&c.l, word, sizeof(word)))
			break;
		if (strcmp(word, "include") == 0) {
			bool angled;
			char *dir, *cand;

			if (!read_header_name(&c.l, name, sizeof(name), &angled))
				break;
			c.first = false;
			if (angled) {
				if (!searched_include(s, &c, name))
					break;
				continue;
			}
			if (name[0] == '/')
				break;
			if (!(dir = dir_of(c.path)) || !(cand = ddl_asprintf("%s/%s", dir, name))) {
				free(dir);
				s->nomem = true;
				break;
			}
			free(dir);
			if (is_file(cand)) {
				if (!enter(s, &c, cand)) /* a project header next to its includer */
					break;
				continue;
			}
			free(cand);
			/* Not next to its includer: clang goes on to -iquote, then
			 * to the same directories as for <NAME>. */
			if (in_iquote(s, name) || !searched_include(s, &c, name))
				break;
		} else if (strcmp(word, "pragma") == 0) {
			if (skip_hws(&c.l) != 0 || !read_ident(&c.l, word, sizeof(word)) ||
			    !neutral_pragma(&c.l, word, c.is_header))
				break;
			c.first = false;
		} else if (c.is_header && c.first && strcmp(word, "ifndef") == 0) {
			char guard[256];

			/* #ifndef G / #define G, the guard that opens a header. */
			if (!ident_line(&c.l, guard, sizeof(guard)) || skip_ws(&c.l) != 0 || *c.l.p != '#')
				break;
			c.l.p++;
			if (skip_hws(&c.l) != 0 || !read_ident(&c.l, word, sizeof(word)) || strcmp(word, "define") != 0 ||
			    !ident_line(&c.l, word, sizeof(word)) || strcmp(word, guard) != 0)
				break;
			if (cmdline_macro(s, guard) || in_list(s->guards, s->n_guards, guard) ||
			    !push(s, &s->guards, &s->n_guards, guard))
				break;
			c.first = false;
		} else {
			break;
		}
	}
	free(c.text);
	free(c.path);
}

int fe_prefix_args_ok(const char *const *args, unsigned n_args)
{
	unsigned i;

	for (i = 0; i < n_args; i++) {
		const char *a = args[i];

		if (strncmp(a, "-fms-compatibility", 18) == 0 || strncmp(a, "--driver-mode", 13) == 0 ||
		    ((strncmp(a, "--target=", 9) == 0 || strncmp(a, "-target", 7) == 0) && strstr(a, "msvc")) ||
		    (strcmp(a, "-target") == 0 && i + 1 < n_args && strstr(args[i + 1], "msvc")) ||
		    strncmp(a, "-include-pch", 12) == 0 || strncmp(a, "-include-pth", 12) == 0 ||
		    (strncmp(a, "-x", 2) == 0 && strcmp(a, "-xc") != 0) || strncmp(a, "--language", 10) == 0 ||
		    strcmp(a, "-Xclang") == 0 || strncmp(a, "-fmodules", 9) == 0 || strcmp(a, "-I-") == 0 ||
		    strcmp(a, "-fno-validate-pch") == 0)
			return 0;
	}
	return 1;
}

enum ddl_status fe_prefix_scan(const char *path, const char *src, size_t len, const char *const *args,
			       unsigned n_args, unsigned n_own, struct fe_prefix *out)
{
	struct scan s = { args, n_args, n_own, out, NULL, 0, NULL, 0, false };
	unsigned i;

	out->names = NULL;
	out->n = 0;
	if (fe_prefix_args_ok(args, n_args))
		scan(&s, path, src, len);
	for (i = 0; i < s.n_guards; i++)
		free(s.guards[i]);
	for (i = 0; i < s.n_seen; i++)
		free(s.seen[i]);
	free(s.guards);
	free(s.seen);
	if (s.nomem) {
		fe_prefix_clear(out);
		return DDL_ERR_NOMEM;
	}
	return DDL_OK;
}
