/* cmdline.c - command strings to argument vectors; response files. */
#include "cmdline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct buf { char *p; size_t n, cap; bool failed; };

static void put(struct buf *b, char c)
{
	if (b->failed)
		return;
	if (b->n + 2 > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 64;
		char *np = realloc(b->p, ncap);

		if (!np) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

/* Move the word in B (even an empty quoted one) to OUT. */
static enum ddl_status flush(struct buf *b, struct cli_strv *out)
{
	enum ddl_status st;

	if (b->failed) {
		free(b->p);
		memset(b, 0, sizeof(*b));
		return DDL_ERR_NOMEM;
	}
	st = cli_strv_take(out, b->p ? b->p : ddl_strdup(""));
	memset(b, 0, sizeof(*b));
	return st;
}

enum ddl_status cli_split_posix(const char *s, struct cli_strv *out)
{
	struct buf b = { 0 };
	bool in_word = false;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			if (in_word && flush(&b, out) != DDL_OK)
				return DDL_ERR_NOMEM;
			in_word = false;
			continue;
		}
		in_word = true;
		if (*s == '\\' && s[1]) {
			put(&b, *++s);
		} else if (*s == '\'') {
			for (s++; *s && *s != '\''; s++)
				put(&b, *s);
			if (!*s)
				break;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1] && strchr("$`\"\\\n", s[1]))
					s++;
				put(&b, *s);
			}
			if (!*s)
				break;
		} else {
			put(&b, *s);
		}
	}
	if (in_word)
		return flush(&b, out);
	return DDL_OK;
}

enum ddl_status cli_split_windows(const char *s, struct cli_strv *out)
{
	struct buf b = { 0 };
	bool in_word = false, quoted = false;

	while (*s) {
		if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
			if (in_word && flush(&b, out) != DDL_OK)
				return DDL_ERR_NOMEM;
			in_word = false;
			s++;
			continue;
		}
		in_word = true;
		if (*s == '\\') {
			size_t n = strspn(s, "\\"), k;

			if (s[n] == '"') {
				for (k = 0; k < n / 2; k++)
					put(&b, '\\');
				if (n % 2) {
					put(&b, '"');
					s += n + 1;
				} else {
					s += n; /* the quote is handled below */
				}
			} else {
				for (k = 0; k < n; k++)
					put(&b, '\\');
				s += n;
			}
			continue;
		}
		if (*s == '"') {
			if (quoted && s[1] == '"') {
				put(&b, '"'); /* "" inside quotes: a literal quote */
				s += 2;
				continue;
			}
			quoted = !quoted;
			s++;
			continue;
		}
		put(&b, *s++);
	}
	if (in_word)
		return flush(&b, out);
	return DDL_OK;
}

/* UTF-16LE (after the BOM) to UTF-8. */
static char *utf16le_to_utf8(const unsigned char *p, size_t len)
{
	char *out = malloc(len * 2 + 1);
	size_t i, o = 0;

	if (!out)
		return NULL;
	for (i = 0; i + 1 < len; i += 2) {
		unsigned long c = p[i] | (unsigned)p[i + 1] << 8;

		if (c >= 0xD800 && c < 0xDC00 && i + 3 < len) {
			unsigned long lo = p[i + 2] | (unsigned)p[i + 3] << 8;

			if (lo >= 0xDC00 && lo < 0xE000) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xE0 | c >> 12);
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xF0 | c >> 18);
			out[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = '\0';
	return out;
}

char *cli_read_response(const char *path, struct ddl_error *err)
{
	size_t len;
	char *raw = ddl_read_file(path, &len, err), *out;
	const unsigned char *u = (const unsigned char *)raw;

	if (!raw)
		return NULL;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		out = utf16le_to_utf8(u + 2, len - 2);
		free(raw);
		if (!out)
			ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
		return out;
	}
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		out = ddl_strdup(raw + 3);
		free(raw);
		if (!out)
			ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
		return out;
	}
	return raw;
}

bool cli_is_cl_driver(const char *argv0)
{
	const char *base = argv0, *p;
	size_t n;

	for (p = argv0; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = strlen(base);
	if (n > 4 && strcasecmp(base + n - 4, ".exe") == 0)
		n -= 4;
	return (n == 2 && strncasecmp(base, "cl", 2) == 0) || (n == 8 && strncasecmp(base, "clang-cl", 8) == 0);
}

char *cli_first_word(const char *s)
{
	const char *b, *e;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '"' || *s == '\'') {
		b = s + 1;
		e = strchr(b, *s);
		return e ? ddl_strndup(b, (size_t)(e - b)) : ddl_strdup(b);
	}
	for (e = s; *e && !isspace((unsigned char)*e); e++)
		;
	return ddl_strndup(s, (size_t)(e - s));
}
