/* paths.c - lexical path normalisation for cli/. */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *cwd_copy(void)
{
	char buf[PATH_MAX];

	return getcwd(buf, sizeof(buf)) ? ddl_strdup(buf) : ddl_strdup("/");
}

/* Normalize the absolute path P in place: "//", "/./" and "/x/../" removed. */
static void normalize(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		while (*in == '/')
			in++;
		if (!*in)
			break;
		if (in[0] == '.' && (in[1] == '/' || !in[1])) {
			in++;
			continue;
		}
		if (in[0] == '.' && in[1] == '.' && (in[2] == '/' || !in[2])) {
			in += 2;
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		while (*in && *in != '/')
			*out++ = *in++;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

char *cli_path_abs(const char *base, const char *p)
{
	char *b = NULL, *out;

	if (p[0] == '/') {
		out = ddl_strdup(p);
	} else {
		b = base ? (base[0] == '/' ? ddl_strdup(base) : cli_path_abs(NULL, base)) : cwd_copy();
		out = b ? ddl_asprintf("%s/%s", b, p) : NULL;
	}
	free(b);
	if (out)
		normalize(out);
	return out;
}

bool cli_path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

char *cli_path_display(const char *abs)
{
	char *cwd = cli_path_abs(NULL, ".");
	char *out;

	if (cwd && strcmp(cwd, "/") != 0 && cli_path_under(abs, cwd) && abs[strlen(cwd)] == '/')
		out = ddl_strdup(abs + strlen(cwd) + 1);
	else
		out = ddl_strdup(abs);
	free(cwd);
	return out;
}

char *cli_path_dir(const char *p)
{
	const char *slash = strrchr(p, '/');

	if (!slash)
		return ddl_strdup(".");
	if (slash == p)
		return ddl_strdup("/");
	return ddl_strndup(p, (size_t)(slash - p));
}

char *cli_path_real(const char *p)
{
	char buf[PATH_MAX];

	if (realpath(p, buf))
		return ddl_strdup(buf);
	return cli_path_abs(NULL, p);
}
