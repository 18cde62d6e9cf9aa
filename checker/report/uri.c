/* uri.c - from a path as given on the command line to a SARIF URI.
 *
 * GitHub needs repository-relative URIs with uriBaseId %SRCROOT% (SARIF
 * 3.4.4, GitHub "SARIF support for code scanning"), so each path is made
 * absolute against the working directory, normalized lexically ("." and ".."
 * removed, symlinks left alone: the user named the path) and cut below the
 * source root. A path outside the root becomes an absolute file:// URI.
 * URIs are percent-encoded per RFC 3986: only unreserved characters,
 * sub-delims, '@', '/' and (in absolute URIs) ':' stay as they are.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "report_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *get_cwd(void)
{
	size_t size = 256;

	for (;;) {
		char *buf = malloc(size);

		if (!buf)
			return NULL;
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE)
			return NULL;
		size *= 2;
	}
}

/* Normalize absolute path ABS lexically. Returns a new string owned by the
 * caller, "/" for the root, never with a trailing '/', or NULL. */
static char *normalize(const char *abs)
{
	size_t len = strlen(abs), o = 0, i = 0;
	char *out = malloc(len + 2);

	if (!out)
		return NULL;
	while (i < len) {
		size_t start, n;

		while (i < len && abs[i] == '/')
			i++;
		start = i;
		while (i < len && abs[i] != '/')
			i++;
		n = i - start;
		if (n == 0 || (n == 1 && abs[start] == '.'))
			continue;
		if (n == 2 && abs[start] == '.' && abs[start + 1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;  /* the '/' before the dropped component */
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, abs + start, n);
		o += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

static char *absolute(const char *cwd, const char *path)
{
	char *joined, *norm;

	if (path[0] == '/')
		return normalize(path);
	joined = ddl_asprintf("%s/%s", cwd, path);
	if (!joined)
		return NULL;
	norm = normalize(joined);
	free(joined);
	return norm;
}

static bool keep_char(unsigned char c, bool absolute_uri)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	if (c == ':')
		return absolute_uri; /* in a relative reference it could read as a scheme */
	return c != '\0' && strchr("-._~!$&'()*+,;=@/", c) != NULL;
}

static char *encode(const char *prefix, const char *path, bool absolute_uri, const char *suffix)
{
	size_t plen = strlen(prefix), n = strlen(path), slen = strlen(suffix), o = plen, i;
	char *out = malloc(plen + n * 3 + slen + 1);

	if (!out)
		return NULL;
	memcpy(out, prefix, plen);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if (keep_char(c, absolute_uri)) {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = "0123456789ABCDEF"[c >> 4];
			out[o++] = "0123456789ABCDEF"[c & 15];
		}
	}
	memcpy(out + o, suffix, slen + 1);
	return out;
}

static char *dir_uri(const char *dir)
{
	return encode("file://", dir, true, strcmp(dir, "/") == 0 ? "" : "/");
}

enum ddl_status report_paths_init(struct report_paths *p, const char *src_root, struct ddl_error *err)
{
	memset(p, 0, sizeof(*p));
	p->cwd = get_cwd();
	if (!p->cwd)
		return ddl_fail(err, DDL_ERR_IO, NULL, "cannot get the working directory: %s",
				strerror(errno));
	p->root = absolute(p->cwd, src_root && *src_root ? src_root : ".");
	if (p->root) {
		p->root_uri = dir_uri(p->root);
		p->cwd_uri = dir_uri(p->cwd);
	}
	if (!p->root || !p->root_uri || !p->cwd_uri) {
		report_paths_clear(p);
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	}
	return DDL_OK;
}

void report_paths_clear(struct report_paths *p)
{
	free(p->cwd);
	free(p->root);
	free(p->root_uri);
	free(p->cwd_uri);
	memset(p, 0, sizeof(*p));
}

char *report_path_resolve(const struct report_paths *p, const char *path, bool *relative)
{
	char *abs = absolute(p->cwd, path), *rel;
	size_t rl = strlen(p->root);

	*relative = false;
	if (!abs)
		return NULL;
	if (strcmp(p->root, "/") == 0)
		rl = 0;  /* everything is under "/" */
	if (abs[0] && strncmp(abs, p->root, rl) == 0 && abs[rl] == '/' && abs[rl + 1]) {
		rel = ddl_strdup(abs + rl + 1);
		free(abs);
		*relative = rel != NULL;
		return rel;
	}
	return abs;
}

char *report_path_uri(const char *resolved, bool relative)
{
	return relative ? encode("", resolved, false, "") : encode("file://", resolved, true, "");
}
