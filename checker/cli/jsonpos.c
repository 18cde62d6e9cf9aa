/* jsonpos.c - find a value in JSON text by path and give its line.
 *
 * A small skipper over text cJSON has already accepted: it never has to
 * report syntax errors, only walk objects and arrays to the wanted step. */
#include "jsonpos.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cur {
	const char *p;
};

static void ws(struct cur *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

/* Skip a string at c->p (on the opening quote); copy up to SIZE-1 bytes of
 * its raw content into OUT when OUT is not NULL. */
static void skip_string(struct cur *c, char *out, size_t size)
{
	size_t n = 0;

	c->p++;
	while (*c->p && *c->p != '"') {
		if (*c->p == '\\' && c->p[1]) {
			if (out && n + 1 < size)
				out[n++] = c->p[1];
			c->p += 2;
			continue;
		}
		if (out && n + 1 < size)
			out[n++] = *c->p;
		c->p++;
	}
	if (*c->p)
		c->p++;
	if (out)
		out[n] = '\0';
}

static void skip_value(struct cur *c)
{
	ws(c);
	if (*c->p == '"') {
		skip_string(c, NULL, 0);
	} else if (*c->p == '{' || *c->p == '[') {
		char close = *c->p == '{' ? '}' : ']';

		c->p++;
		ws(c);
		while (*c->p && *c->p != close) {
			if (close == '}') {
				skip_string(c, NULL, 0);
				ws(c);
				if (*c->p == ':')
					c->p++;
			}
			skip_value(c);
			ws(c);
			if (*c->p == ',')
				c->p++;
			ws(c);
		}
		if (*c->p)
			c->p++;
	} else {
		while (*c->p && !strchr(",}] \t\r\n", *c->p))
			c->p++;
	}
}

unsigned cli_text_line(const char *text, const char *at)
{
	unsigned line = 1;

	for (; text < at && *text; text++)
		line += *text == '\n';
	return line;
}

unsigned cli_json_line(const char *text, const char *const *path, unsigned n_path)
{
	struct cur c = { text };
	unsigned step;

	for (step = 0; step < n_path; step++) {
		bool found = false;

		ws(&c);
		if (*c.p == '{' && path[step][0] != '#') {
			c.p++;
			ws(&c);
			while (*c.p && *c.p != '}') {
				char key[256];
				const char *key_at = c.p;

				skip_string(&c, key, sizeof(key));
				ws(&c);
				if (*c.p == ':')
					c.p++;
				ws(&c);
				if (strcmp(key, path[step]) == 0) {
					found = true;
					if (step + 1 == n_path)
						return cli_text_line(text, key_at);
					break;
				}
				skip_value(&c);
				ws(&c);
				if (*c.p == ',')
					c.p++;
				ws(&c);
			}
		} else if (*c.p == '[' && path[step][0] == '#') {
			long want = strtol(path[step] + 1, NULL, 10), i = 0;

			c.p++;
			ws(&c);
			while (*c.p && *c.p != ']') {
				if (i == want) {
					found = true;
					break;
				}
				skip_value(&c);
				ws(&c);
				if (*c.p == ',')
					c.p++;
				ws(&c);
				i++;
			}
		}
		if (!found)
			return 0;
	}
	ws(&c);
	return cli_text_line(text, c.p);
}
