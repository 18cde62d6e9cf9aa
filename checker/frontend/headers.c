/* headers.c - write checker/frontend/include/ from the binary to a cache directory. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "headers.h"
#include "../embedded.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREFIX "checker/frontend/include/"

static unsigned long long content_hash(void)
{
	unsigned long long h = 1469598103934665603ULL;
	const struct ddl_embedded_file *f;
	size_t i;

	for (f = ddl_embedded; f->path; f++) {
		if (strncmp(f->path, PREFIX, strlen(PREFIX)) != 0)
			continue;
		for (i = 0; f->path[i]; i++)
			h = (h ^ (unsigned char)f->path[i]) * 1099511628211ULL;
		for (i = 0; i < f->size; i++)
			h = (h ^ (unsigned char)f->data[i]) * 1099511628211ULL;
	}
	return h;
}

static int write_tree(const char *dir)
{
	const struct ddl_embedded_file *f;

	for (f = ddl_embedded; f->path; f++) {
		char *path, *slash;
		FILE *out;
		size_t plen = strlen(PREFIX);

		if (strncmp(f->path, PREFIX, plen) != 0)
			continue;
		path = ddl_asprintf("%s/%s", dir, f->path + plen);
		if (!path)
			return -1;
		slash = strrchr(path, '/');
		*slash = '\0';
		if (ddl_mkdir_p(path) != 0) {
			free(path);
			return -1;
		}
		*slash = '/';
		out = fopen(path, "wb");
		free(path);
		if (!out)
			return -1;
		if (fwrite(f->data, 1, f->size, out) != f->size) {
			fclose(out);
			return -1;
		}
		if (fclose(out) != 0)
			return -1;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a half-written temporary tree (ours: it carries our pid). */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *fe_headers_materialise(const char *base, struct ddl_error *err)
{
	char *root = NULL, *dir = NULL, *tmp = NULL;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct stat st;

	if (base)
		root = ddl_strdup(base);
	else if (xdg && *xdg)
		root = ddl_asprintf("%s/ddilint", xdg);
	else if (home && *home)
		root = ddl_asprintf("%s/.cache/ddilint", home);
	else
		root = ddl_asprintf("%s/ddilint-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getuid());
	if (!root)
		goto nomem;
	dir = ddl_asprintf("%s/headers-%016llx", root, content_hash());
	if (!dir)
		goto nomem;
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(root);
		return dir;
	}
	if (ddl_mkdir_p(root) != 0) {
		ddl_fail(err, DDL_ERR_IO, root, "cannot create the header cache directory: %s", strerror(errno));
		goto fail;
	}
	tmp = ddl_asprintf("%s.tmp.%ld", dir, (long)getpid());
	if (!tmp)
		goto nomem;
	if (ddl_mkdir_p(tmp) != 0 || write_tree(tmp) != 0) {
		ddl_fail(err, DDL_ERR_IO, tmp, "cannot write the compatibility headers: %s", strerror(errno));
		remove_tree(tmp);
		goto fail;
	}
	if (rename(tmp, dir) != 0) {
		/* Another run won the race; its copy has the same contents. */
		remove_tree(tmp);
		if (stat(dir, &st) != 0) {
			ddl_fail(err, DDL_ERR_IO, dir, "cannot install the compatibility headers: %s", strerror(errno));
			goto fail;
		}
	}
	free(tmp);
	free(root);
	return dir;
nomem:
	ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
fail:
	free(tmp);
	free(dir);
	free(root);
	return NULL;
}
