/* suppress.c - turn comments and pragmas into suppressions, and apply them.
 *
 * Scopes (docs/suppressions.md):
 *  - "this line": ddilint-ignore, NOLINT - the line the comment starts on;
 *  - "next line": ddilint-ignore-next-line, NOLINTNEXTLINE, #pragma
 *    warning(suppress), #pragma prefast(suppress) - the next line that holds
 *    code, so stacked pragmas and comments in between do not use it up;
 *  - ranges: ddilint-ignore-begin/-end, NOLINTBEGIN/NOLINTEND, and
 *    #pragma warning/prefast(disable) from the next line to the matching
 *    pop (or default/enable of the same number), else to the end of the file.
 * A suppression names rules by id, PascalCase name, alias (DDI1001),
 * PREfast number (28159, C28159) or __WARNING_* name; no list means every
 * rule, in ddilint's and clang-tidy's comment forms only. A pragma that names
 * nothing ddilint knows (C4996, C6001) is someone else's and is ignored.
 */
#include "suppress.h"
#include "suppress_lex.h"
#include "suppress_names.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ALL_RULES SUPPRESS_ALL_RULES
#define MAX_RULES SUPPRESS_MAX_RULES
#define TO_EOF 0xFFFFFFFFu

struct directive {
	unsigned line, col;   /* where it is written */
	unsigned first, last; /* lines it covers */
	uint64_t rules;       /* bit i = rules[i] */
	char *text;           /* owned: the directive as written, for messages */
	char *justification;  /* owned, may be NULL */
	bool reportable;      /* ddilint's own, or names a ddilint rule explicitly */
	bool used;
	bool open;            /* a range still waiting for its end */
	bool is_pragma;
	unsigned depth;       /* pragma push depth when a disable opened */
};

struct suppress_set {
	const struct suppress_rule *rules;
	unsigned n_rules;
	struct directive *d;
	unsigned n, cap;
	bool failed;
};

/* ---- building the set ---------------------------------------------------- */

static char *trimmed_copy(const char *p, size_t n)
{
	while (n && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	while (n && (isspace((unsigned char)p[n - 1]) || p[n - 1] == '*'))
		n--;
	return n ? ddl_strndup(p, n) : NULL;
}

static struct directive *add(struct suppress_set *s, unsigned line, unsigned col, const char *text,
			     size_t text_len)
{
	struct directive *d;

	if (s->n == s->cap) {
		unsigned ncap = s->cap ? s->cap * 2 : 8;
		struct directive *nd = realloc(s->d, ncap * sizeof(*nd));

		if (!nd) {
			s->failed = true;
			return NULL;
		}
		s->d = nd;
		s->cap = ncap;
	}
	d = &s->d[s->n];
	memset(d, 0, sizeof(*d));
	d->line = line;
	d->col = col;
	d->text = ddl_strndup(text, text_len > 120 ? 120 : text_len);
	if (!d->text) {
		s->failed = true;
		return NULL;
	}
	s->n++;
	return d;
}

enum scope { THIS_LINE, NEXT_LINE, BEGIN, END };

static const struct { const char *word; enum scope scope; bool ours; } comment_forms[] = {
	/* Longest first: a shorter keyword is a prefix of a longer one. */
	{ "ddilint-ignore-next-line", NEXT_LINE, true },
	{ "ddilint-ignore-begin", BEGIN, true },
	{ "ddilint-ignore-end", END, true },
	{ "ddilint-ignore", THIS_LINE, true },
	{ "NOLINTNEXTLINE", NEXT_LINE, false },
	{ "NOLINTBEGIN", BEGIN, false },
	{ "NOLINTEND", END, false },
	{ "NOLINT", THIS_LINE, false },
};

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* A range opened by BEGIN: closed by the latest open BEGIN of the same family. */
static void close_range(struct suppress_set *s, bool ours, unsigned line)
{
	unsigned i;

	for (i = s->n; i-- > 0;) {
		struct directive *d = &s->d[i];

		if (d->open && !d->is_pragma && (strncmp(d->text, "ddilint", 7) == 0) == ours) {
			d->open = false;
			d->last = line;
			return;
		}
	}
}

static void scan_comment(struct suppress_set *s, const struct slex *lx, const struct slex_comment *c)
{
	const char *t = c->text;
	size_t n = c->len, i = 0;

	while (i < n) {
		unsigned f;
		size_t w = 0, list_b = 0, list_e = 0, end;
		bool has_list = false;
		struct directive *d;

		if (i > 0 && ident_char(t[i - 1])) {
			i++;
			continue;
		}
		for (f = 0; f < sizeof(comment_forms) / sizeof(comment_forms[0]); f++) {
			w = strlen(comment_forms[f].word);
			if (i + w <= n && memcmp(t + i, comment_forms[f].word, w) == 0 &&
			    (i + w == n || !ident_char(t[i + w])))
				break;
		}
		if (f == sizeof(comment_forms) / sizeof(comment_forms[0])) {
			i++;
			continue;
		}
		end = i + w;
		/* clang-tidy wants the list right after the keyword; ours may have blanks. */
		{
			size_t j = end;

			if (comment_forms[f].ours)
				while (j < n && (t[j] == ' ' || t[j] == '\t'))
					j++;
			if (j < n && t[j] == '(') {
				const char *close = memchr(t + j, ')', n - j);

				if (close) {
					has_list = true;
					list_b = j + 1;
					list_e = (size_t)(close - t);
					end = list_e + 1;
				}
			}
		}
		if (comment_forms[f].scope == END) {
			close_range(s, comment_forms[f].ours, c->line);
			i = end;
			continue;
		}
		d = add(s, c->line, c->col, t + i, end - i);
		if (!d)
			return;
		d->rules = has_list ? suppress_rules_of_list(s->rules, s->n_rules, t + list_b, list_e - list_b) : ALL_RULES;
		d->reportable = comment_forms[f].ours || (has_list && d->rules);
		{
			size_t j = end;

			while (j < n && (isspace((unsigned char)t[j]) || t[j] == ':' || t[j] == '-'))
				j++;
			d->justification = trimmed_copy(t + j, n - j);
			if (j < n && !d->justification)
				s->failed = true;
		}
		switch (comment_forms[f].scope) {
		case THIS_LINE:
			d->first = d->last = c->line;
			break;
		case NEXT_LINE:
			d->first = d->last = slex_next_code_line(lx, c->end_line);
			break;
		default:
			d->first = c->line;
			d->last = TO_EOF;
			d->open = true;
			break;
		}
		if (!d->rules) {
			/* Names only someone else's checks (clang-tidy's): not ours;
			 * a directive of ours may still follow in the same comment. */
			free(d->text);
			free(d->justification);
			s->n--;
			i = end;
			continue;
		}
		return; /* the rest of the comment is the justification */
	}
}

/* ---- pragmas --------------------------------------------------------------- */

/* "warning(...)" or "prefast(...)": the name and the text inside the parentheses. */
static bool pragma_call(const char *p, const char *name, const char **in, size_t *in_len)
{
	size_t n = strlen(name);
	const char *close;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, name, n) != 0)
		return false;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '(')
		return false;
	close = strrchr(p, ')');
	if (!close)
		return false;
	*in = p + 1;
	*in_len = (size_t)(close - p - 1);
	return true;
}

struct pragma_ctx {
	unsigned line, end_line;
	unsigned depth; /* push depth */
	const char *text;
};

static void pragma_spec(struct suppress_set *s, const struct slex *lx, struct pragma_ctx *pc,
			const char *spec, size_t len, const char *justification, size_t just_len)
{
	const char *colon = memchr(spec, ':', len);
	size_t kw_len = colon ? (size_t)(colon - spec) : len;
	char kw[16];
	struct directive *d;
	uint64_t rules;
	unsigned i;

	while (kw_len && isspace((unsigned char)*spec)) {
		spec++;
		kw_len--;
		len--;
	}
	while (kw_len && isspace((unsigned char)spec[kw_len - 1]))
		kw_len--;
	snprintf(kw, sizeof(kw), "%.*s", (int)(kw_len < 15 ? kw_len : 15), spec);
	if (strncmp(kw, "push", 4) == 0) {
		pc->depth++;
		return;
	}
	if (strcmp(kw, "pop") == 0) {
		/* Every disable since the matching push ends here. */
		for (i = 0; i < s->n; i++)
			if (s->d[i].is_pragma && s->d[i].open && s->d[i].depth >= pc->depth) {
				s->d[i].open = false;
				s->d[i].last = pc->line;
			}
		if (pc->depth)
			pc->depth--;
		return;
	}
	if (!colon)
		return;
	rules = suppress_rules_of_list(s->rules, s->n_rules, colon + 1, len - (size_t)(colon + 1 - spec));
	if (!rules)
		return;
	if (strcmp(kw, "default") == 0 || strcmp(kw, "enable") == 0) {
		for (i = 0; i < s->n; i++)
			if (s->d[i].is_pragma && s->d[i].open && (s->d[i].rules & rules)) {
				s->d[i].open = false;
				s->d[i].last = pc->line;
			}
		return;
	}
	if (strcmp(kw, "suppress") != 0 && strcmp(kw, "disable") != 0)
		return;
	d = add(s, pc->line, 1, pc->text, strlen(pc->text));
	if (!d)
		return;
	d->rules = rules;
	d->reportable = true;
	d->is_pragma = true;
	d->depth = pc->depth;
	if (justification && just_len && !(d->justification = ddl_strndup(justification, just_len)))
		s->failed = true;
	if (strcmp(kw, "suppress") == 0) {
		d->first = d->last = slex_next_code_line(lx, pc->end_line);
	} else {
		d->first = pc->end_line + 1;
		d->last = TO_EOF;
		d->open = true;
	}
}

static void scan_pragma(struct suppress_set *s, const struct slex *lx, const struct slex_pragma *p,
			unsigned *warning_depth, unsigned *prefast_depth)
{
	const char *in;
	size_t len;
	struct pragma_ctx pc = { p->line, p->end_line, 0, p->text };

	while (*pc.text == ' ' || *pc.text == '\t')
		pc.text++;
	if (pragma_call(p->text, "warning", &in, &len)) {
		/* warning(disable: 1 2; suppress: 3) - specifiers separated by ';'. */
		size_t b = 0, i;

		pc.depth = *warning_depth;
		for (i = 0; i <= len; i++) {
			if (i < len && in[i] != ';')
				continue;
			pragma_spec(s, lx, &pc, in + b, i - b, NULL, 0);
			b = i + 1;
		}
		*warning_depth = pc.depth;
	} else if (pragma_call(p->text, "prefast", &in, &len)) {
		/* prefast(suppress: 28159 28751, "justification") */
		const char *q = memchr(in, '"', len), *qe = NULL;
		size_t spec_len = len;

		if (q) {
			spec_len = (size_t)(q - in);
			qe = memchr(q + 1, '"', len - spec_len - 1);
		}
		while (spec_len && (isspace((unsigned char)in[spec_len - 1]) || in[spec_len - 1] == ','))
			spec_len--;
		pc.depth = *prefast_depth;
		pragma_spec(s, lx, &pc, in, spec_len, q ? q + 1 : NULL, q && qe ? (size_t)(qe - q - 1) : 0);
		*prefast_depth = pc.depth;
	}
}

struct suppress_set *suppress_scan(const char *text, size_t len, const struct suppress_rule *rules,
				   unsigned n_rules)
{
	struct suppress_set *s = calloc(1, sizeof(*s));
	struct slex lx;
	unsigned c = 0, p = 0, warning_depth = 0, prefast_depth = 0;

	if (!s)
		return NULL;
	s->rules = rules;
	s->n_rules = n_rules;
	if (slex_scan(text, len, &lx) != DDL_OK) {
		slex_free(&lx);
		suppress_set_free(s);
		return NULL;
	}
	/* In source order, so that push/pop and begin/end nest as written. */
	while (!s->failed && (c < lx.n_comments || p < lx.n_pragmas)) {
		if (p < lx.n_pragmas && (c == lx.n_comments || lx.pragmas[p].line < lx.comments[c].line))
			scan_pragma(s, &lx, &lx.pragmas[p++], &warning_depth, &prefast_depth);
		else
			scan_comment(s, &lx, &lx.comments[c++]);
	}
	slex_free(&lx);
	if (s->failed) {
		suppress_set_free(s);
		return NULL;
	}
	return s;
}

void suppress_set_free(struct suppress_set *s)
{
	unsigned i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->d[i].text);
		free(s->d[i].justification);
	}
	free(s->d);
	free(s);
}

unsigned suppress_count(const struct suppress_set *s)
{
	return s ? s->n : 0;
}

/* ---- applying -------------------------------------------------------------- */

static int rule_index(const struct suppress_set *s, const char *id)
{
	unsigned i;

	for (i = 0; i < s->n_rules && i < MAX_RULES; i++)
		if (strcmp(s->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

bool suppress_match(struct suppress_set *s, const char *rule_id, unsigned line, const char **justification)
{
	int r = rule_index(s, rule_id);
	bool hit = false;
	unsigned i;

	*justification = NULL;
	if (r < 0 || !line)
		return false;
	for (i = 0; i < s->n; i++) {
		struct directive *d = &s->d[i];

		if (line < d->first || line > d->last || !(d->rules & (1ull << r)))
			continue;
		d->used = true;
		if (!hit || (!*justification && d->justification))
			*justification = d->justification;
		hit = true;
	}
	return hit;
}

enum ddl_status suppress_mark(struct suppress_set *s, struct finding_list *list, const char *path)
{
	unsigned i;

	for (i = 0; i < finding_list_count(list); i++) {
		struct finding *f = finding_list_at(list, i);
		const char *why;

		if (f->suppressed || !f->loc.file || strcmp(f->loc.file, path) != 0)
			continue;
		if (!suppress_match(s, f->rule_id, f->loc.line, &why))
			continue;
		f->suppressed = FINDING_SUPPRESSED_IN_SOURCE;
		if (why && !(f->justification = ddl_strdup(why)))
			return DDL_ERR_NOMEM;
	}
	return DDL_OK;
}

enum ddl_status suppress_report_unused(const struct suppress_set *s, struct finding_list *list, const char *path)
{
	unsigned i;

	for (i = 0; i < s->n; i++) {
		const struct directive *d = &s->d[i];
		struct finding f;

		if (d->used || !d->reportable)
			continue;
		memset(&f, 0, sizeof(f));
		f.rule_id = SUPPRESS_UNUSED_RULE;
		f.severity = SEV_WARNING;
		f.loc.file = ddl_strdup(path);
		f.loc.line = d->line;
		f.loc.col = d->col;
		f.message = ddl_asprintf("unused suppression '%s%s': %s", d->is_pragma ? "#pragma " : "", d->text,
					 d->first ? "nothing it names is reported there" :
						    "no line of code follows it");
		if (!f.loc.file || !f.message) {
			finding_clear(&f);
			return DDL_ERR_NOMEM;
		}
		if (finding_list_add(list, &f) != DDL_OK)
			return DDL_ERR_NOMEM;
	}
	return DDL_OK;
}
