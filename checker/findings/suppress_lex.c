/* suppress_lex.c - comments, #pragma lines and code lines of a C file.
 *
 * Not a full C lexer: it needs to tell comments from strings, find
 * preprocessor lines (a '#' first on its line, up to an unescaped newline)
 * and note which lines hold anything else. Trigraphs and raw strings are not
 * C11 driver code and are not handled.
 */
#include "suppress_lex.h"

#include <stdlib.h>
#include <string.h>

static bool push_comment(struct slex *lx, const struct slex_comment *c, unsigned *cap)
{
	if (lx->n_comments == *cap) {
		unsigned ncap = *cap ? *cap * 2 : 16;
		struct slex_comment *n = realloc(lx->comments, ncap * sizeof(*n));

		if (!n)
			return false;
		lx->comments = n;
		*cap = ncap;
	}
	lx->comments[lx->n_comments++] = *c;
	return true;
}

static bool push_pragma(struct slex *lx, unsigned line, unsigned end_line, char *text, unsigned *cap)
{
	if (!text)
		return false;
	if (lx->n_pragmas == *cap) {
		unsigned ncap = *cap ? *cap * 2 : 8;
		struct slex_pragma *n = realloc(lx->pragmas, ncap * sizeof(*n));

		if (!n) {
			free(text);
			return false;
		}
		lx->pragmas = n;
		*cap = ncap;
	}
	lx->pragmas[lx->n_pragmas].line = line;
	lx->pragmas[lx->n_pragmas].end_line = end_line;
	lx->pragmas[lx->n_pragmas].text = text;
	lx->n_pragmas++;
	return true;
}

/* The text of the directive that starts at I (just after "pragma"), with
 * backslash-newlines removed, up to the end of its logical line. */
static char *directive_text(const char *t, size_t len, size_t i, unsigned *lines)
{
	char *out = malloc(len - i + 1);
	size_t o = 0;

	*lines = 0;
	if (!out)
		return NULL;
	while (i < len && t[i] != '\n') {
		if (t[i] == '\\' && (i + 1 < len && (t[i + 1] == '\n' || (t[i + 1] == '\r' && i + 2 < len &&
									     t[i + 2] == '\n')))) {
			i += t[i + 1] == '\r' ? 3 : 2;
			(*lines)++;
			continue;
		}
		if (t[i] != '\r')
			out[o++] = t[i];
		i++;
	}
	out[o] = '\0';
	return out;
}

static unsigned count_lines(const char *t, size_t len)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		if (t[i] == '\n' && i + 1 < len)
			n++;
	return n;
}

static bool word_at(const char *t, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= len && memcmp(t + i, w, n) == 0 &&
	       (i + n == len || !(t[i + n] == '_' || (t[i + n] >= 'a' && t[i + n] <= 'z') ||
				  (t[i + n] >= 'A' && t[i + n] <= 'Z') || (t[i + n] >= '0' && t[i + n] <= '9')));
}

enum ddl_status slex_scan(const char *t, size_t len, struct slex *lx)
{
	unsigned cap_c = 0, cap_p = 0, line = 1;
	bool at_start = true, in_directive = false;
	size_t i = 0, line_begin = 0;

	memset(lx, 0, sizeof(*lx));
	lx->n_lines = count_lines(t, len);
	lx->has_code = calloc(lx->n_lines + 2, sizeof(*lx->has_code));
	if (!lx->has_code)
		return DDL_ERR_NOMEM;
	while (i < len) {
		char c = t[i];

		if (c == '\n') {
			if (!(in_directive && i > 0 && (t[i - 1] == '\\' || (t[i - 1] == '\r' && i > 1 &&
									 t[i - 2] == '\\'))))
				in_directive = false;
			line++;
			at_start = !in_directive;
			line_begin = ++i;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\\') {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < len && (t[i + 1] == '/' || t[i + 1] == '*')) {
			struct slex_comment cm = { line, line, (unsigned)(i - line_begin + 1), NULL, 0 };
			bool block = t[i + 1] == '*';
			size_t b = i + 2;

			i = b;
			if (block) {
				while (i + 1 < len && !(t[i] == '*' && t[i + 1] == '/')) {
					if (t[i] == '\n') {
						line++;
						line_begin = i + 1;
					}
					i++;
				}
				cm.len = (i < len ? i : len) - b;
				i = i + 1 < len ? i + 2 : len;
			} else {
				while (i < len && t[i] != '\n')
					i++;
				cm.len = i - b;
			}
			cm.text = t + b;
			cm.end_line = line;
			if (!push_comment(lx, &cm, &cap_c))
				return DDL_ERR_NOMEM;
			continue;
		}
		if (c == '#' && at_start) {
			size_t j = i + 1;

			in_directive = true;
			while (j < len && (t[j] == ' ' || t[j] == '\t'))
				j++;
			if (word_at(t, len, j, "pragma")) {
				unsigned extra;
				char *text = directive_text(t, len, j + 6, &extra);

				if (!push_pragma(lx, line, line + extra, text, &cap_p))
					return DDL_ERR_NOMEM;
			}
			at_start = false;
			i++;
			continue;
		}
		if (!in_directive)
			lx->has_code[line] = true;
		at_start = false;
		if (c == '"' || c == '\'') {
			/* A literal ends at its quote or, unterminated, at the line end. */
			for (i++; i < len && t[i] != c && t[i] != '\n'; i++)
				if (t[i] == '\\' && i + 1 < len && t[i + 1] != '\n')
					i++;
			if (i < len && t[i] == c)
				i++;
			continue;
		}
		i++;
	}
	return DDL_OK;
}

void slex_free(struct slex *lx)
{
	unsigned i;

	for (i = 0; i < lx->n_pragmas; i++)
		free(lx->pragmas[i].text);
	free(lx->pragmas);
	free(lx->comments);
	free(lx->has_code);
	memset(lx, 0, sizeof(*lx));
}

unsigned slex_next_code_line(const struct slex *lx, unsigned line)
{
	unsigned l;

	for (l = line + 1; l <= lx->n_lines; l++)
		if (lx->has_code[l])
			return l;
	return 0;
}
