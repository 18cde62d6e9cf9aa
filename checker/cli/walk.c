/* walk.c - files and directories to the sorted list of inputs. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Directory names that hold build output, not sources (MSBuild, CMake, WDK). */
static const char *const skipped_dirs[] = {
	"build", "out", "obj", "bin", "x64", "x86", "ARM", "ARM64", "Debug", "Release",
	"CMakeFiles", "node_modules", "objfre", "objchk", NULL,
};

struct visited {
	dev_t *dev;
	ino_t *ino;
	unsigned n, cap;
};

static enum ddl_status push(struct cli_inputs *in, char *path, char *problem)
{
	if (!path)
		goto nomem;
	if (in->n == in->cap) {
		unsigned ncap = in->cap ? in->cap * 2 : 64;
		struct cli_input *ni = realloc(in->items, ncap * sizeof(*ni));

		if (!ni)
			goto nomem;
		in->items = ni;
		in->cap = ncap;
	}
	in->items[in->n].path = path;
	in->items[in->n].problem = problem;
	in->n++;
	return DDL_OK;
nomem:
	free(path);
	free(problem);
	return DDL_ERR_NOMEM;
}

void cli_inputs_free(struct cli_inputs *in)
{
	unsigned i;

	for (i = 0; i < in->n; i++) {
		free(in->items[i].path);
		free(in->items[i].problem);
	}
	free(in->items);
	memset(in, 0, sizeof(*in));
}

static bool is_skipped(const char *name)
{
	unsigned i;

	if (name[0] == '.')
		return true;
	for (i = 0; skipped_dirs[i]; i++)
		if (strcmp(name, skipped_dirs[i]) == 0)
			return true;
	return strncmp(name, "build-", 6) == 0 || strncmp(name, "cmake-build-", 12) == 0;
}

static bool ends_with_c(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns true the first time a directory is seen. */
static bool first_visit(struct visited *v, const struct stat *st, bool *nomem)
{
	unsigned i;

	for (i = 0; i < v->n; i++)
		if (v->dev[i] == st->st_dev && v->ino[i] == st->st_ino)
			return false;
	if (v->n == v->cap) {
		unsigned ncap = v->cap ? v->cap * 2 : 32;
		dev_t *nd = realloc(v->dev, ncap * sizeof(*nd));
		ino_t *ni;

		if (!nd) {
			*nomem = true;
			return false;
		}
		v->dev = nd;
		ni = realloc(v->ino, ncap * sizeof(*ni));
		if (!ni) {
			*nomem = true;
			return false;
		}
		v->ino = ni;
		v->cap = ncap;
	}
	v->dev[v->n] = st->st_dev;
	v->ino[v->n] = st->st_ino;
	v->n++;
	return true;
}

static enum ddl_status walk_dir(const char *dir, struct visited *v, struct cli_inputs *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	unsigned n = 0, cap = 0, i;
	enum ddl_status st = DDL_OK;

	if (!d)
		return push(out, ddl_strdup(dir), ddl_asprintf("cannot open directory: %s", strerror(errno)));
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 32;
			nn = realloc(names, cap * sizeof(*nn));
			if (!nn) {
				st = DDL_ERR_NOMEM;
				break;
			}
			names = nn;
		}
		if (!(names[n] = ddl_strdup(e->d_name))) {
			st = DDL_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && st == DDL_OK; i++) {
		size_t len = strlen(dir);
		char *path = ddl_asprintf("%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", names[i]);
		struct stat sb;
		bool nomem = false;

		if (!path) {
			st = DDL_ERR_NOMEM;
			break;
		}
		if (stat(path, &sb) != 0) {
			free(path); /* a dangling symlink: not a source */
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			if (!is_skipped(names[i]) && first_visit(v, &sb, &nomem))
				st = walk_dir(path, v, out);
			if (nomem)
				st = DDL_ERR_NOMEM;
			free(path);
		} else if (S_ISREG(sb.st_mode) && ends_with_c(names[i])) {
			st = push(out, path, NULL);
		} else {
			free(path);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
}

enum ddl_status cli_expand(const char *const *paths, unsigned n_paths, struct cli_inputs *out)
{
	struct visited v = { 0 };
	enum ddl_status st = DDL_OK;
	unsigned i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n_paths && st == DDL_OK; i++) {
		struct stat sb;

		if (stat(paths[i], &sb) != 0) {
			st = push(out, ddl_strdup(paths[i]), ddl_asprintf("%s", strerror(errno)));
		} else if (S_ISDIR(sb.st_mode)) {
			unsigned before = out->n;
			bool nomem = false;

			if (first_visit(&v, &sb, &nomem))
				st = walk_dir(paths[i], &v, out);
			if (nomem)
				st = DDL_ERR_NOMEM;
			if (st == DDL_OK && out->n == before)
				st = push(out, ddl_strdup(paths[i]), ddl_strdup("directory holds no C source files"));
		} else {
			st = push(out, ddl_strdup(paths[i]), NULL);
		}
	}
	free(v.dev);
	free(v.ino);
	return st;
}
