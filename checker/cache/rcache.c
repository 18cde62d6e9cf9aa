/* rcache.c - the result cache (design in rcache.h).
 *
 * Layout: DIR/<2 hex>/<key>.json holding {"format", "written", "deps",
 * "result", "findings"}. A lookup reads the file once, hashes it for the
 * key, reads the entry and checks its dependencies; a hit never starts
 * libclang's parser. An entry that cannot be read back exactly as written
 * (damaged, another format, a rule this binary lacks) is a miss and is
 * replaced by the next store.
 */
#define _GNU_SOURCE /* dladdr */
#include "rcache.h"
#include "deps.h"
#include "serial.h"
#include "../analyse.h"
#include "../frontend/fe.h"
#include "rules/rule.h"

#include <clang-c/Index.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DDILINT_VERSION
#define DDILINT_VERSION "unknown"
#endif

#define RCACHE_FORMAT 1

struct rcache {
	char *dir;                   /* owned */
	char id[CACHE_HASH_HEX];     /* the binaries and formats: part of every key */
	struct cache_deps *deps;     /* owned */
};

static bool hash_stat(struct cache_hash *h, const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	cache_hash_str(h, path);
	cache_hash_u64(h, (uint64_t)sb.st_dev);
	cache_hash_u64(h, (uint64_t)sb.st_ino);
	cache_hash_u64(h, (uint64_t)sb.st_size);
	cache_hash_u64(h, (uint64_t)sb.st_mtim.tv_sec);
	cache_hash_u64(h, (uint64_t)sb.st_mtim.tv_nsec);
	return true;
}

/* Which ddilint and which libclang: a rebuilt binary (its rules, its
 * embedded knowledge base and headers) or another libclang never sees the
 * old entries. Identified by file identity and time, not by a hash of some
 * hundred megabytes. */
static bool binary_identity(char id[CACHE_HASH_HEX])
{
	struct cache_hash h;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	Dl_info info;
	CXString v;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	cache_hash_init(&h);
	cache_hash_str(&h, "ddilint-results " CACHE_HASH_VERSION " " DDILINT_VERSION);
	cache_hash_u64(&h, RCACHE_FORMAT);
	if (!hash_stat(&h, exe))
		return false;
	if (dladdr((void *)clang_getClangVersion, &info) && info.dli_fname && !hash_stat(&h, info.dli_fname))
		return false;
	v = clang_getClangVersion();
	cache_hash_str(&h, clang_getCString(v));
	clang_disposeString(v);
	cache_hash_hex(&h, id);
	return true;
}

static char *default_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME"), *tmp = getenv("TMPDIR");

	if (xdg && *xdg)
		return ddl_asprintf("%s/ddilint/results", xdg);
	if (home && *home)
		return ddl_asprintf("%s/.cache/ddilint/results", home);
	return ddl_asprintf("%s/ddilint-%ld/results", tmp && *tmp ? tmp : "/tmp", (long)getuid());
}

struct rcache *rcache_open(const char *dir, struct ddl_error *err)
{
	const char *off = getenv("DDILINT_NO_CACHE");
	struct rcache *c;

	if (err)
		memset(err, 0, sizeof(*err));
	if (off && *off && strcmp(off, "0") != 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c || !(c->dir = dir ? ddl_strdup(dir) : default_dir()) || !(c->deps = cache_deps_new())) {
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	if (ddl_mkdir_p(c->dir) != 0) {
		ddl_fail(err, DDL_ERR_IO, c->dir, "cannot create the result cache: %s", strerror(errno));
		goto fail;
	}
	if (!binary_identity(c->id)) {
		ddl_fail(err, DDL_ERR_IO, NULL, "cannot identify the ddilint binary (/proc/self/exe): no result cache");
		goto fail;
	}
	return c;
fail:
	rcache_close(c);
	return NULL;
}

void rcache_close(struct rcache *c)
{
	if (!c)
		return;
	cache_deps_free(c->deps);
	free(c->dir);
	free(c);
}

static char *entry_path(const struct rcache *c, const char *key)
{
	return ddl_asprintf("%s/%.2s/%s.json", c->dir, key, key);
}

/* The hash of PATH's bytes into OUT. False when it cannot be read. */
static bool content_hash(const char *path, char out[CACHE_HASH_HEX])
{
	return cache_hash_file(path, out) == 0;
}

static void make_key(const struct rcache *c, struct fe_session *fe, const struct analyse_opts *opts,
		     const char *path, const char *content, char key[CACHE_HASH_HEX])
{
	struct cache_hash h;
	const char *const *args;
	unsigned n, i;
	char cwd[4096];

	cache_hash_init(&h);
	cache_hash_str(&h, c->id);
	cache_hash_str(&h, getcwd(cwd, sizeof(cwd)) ? cwd : "");
	args = fe_session_args(fe, &n);
	cache_hash_u64(&h, n);
	for (i = 0; i < n; i++)
		cache_hash_str(&h, args[i]);
	cache_hash_str(&h, path);
	cache_hash_str(&h, content);
	cache_hash_u64(&h, opts->n_rules);
	for (i = 0; i < opts->n_rules; i++)
		cache_hash_str(&h, opts->rules[i]->id);
	cache_hash_str(&h, opts->cache_salt);
	cache_hash_str(&h, opts->program_key);
	cache_hash_hex(&h, key);
}

/* Read the entry at KEY into new findings and a result, or false. */
static bool read_entry(struct rcache *c, const char *key, struct finding **fs, unsigned *n_fs, struct file_result *res)
{
	char *path = entry_path(c, key), *text;
	size_t len;
	cJSON *root = NULL, *findings, *item, *written;
	bool ok = false;

	*fs = NULL;
	*n_fs = 0;
	text = path ? ddl_read_file(path, &len, NULL) : NULL;
	free(path);
	if (!text)
		return false;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	item = cJSON_GetObjectItemCaseSensitive(root, "format");
	written = cJSON_GetObjectItemCaseSensitive(root, "written");
	findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!cJSON_IsNumber(item) || item->valuedouble != RCACHE_FORMAT || !cJSON_IsString(written) ||
	    !cJSON_IsArray(findings) ||
	    !cache_deps_hold(c->deps, cJSON_GetObjectItemCaseSensitive(root, "deps"),
			     strtoll(written->valuestring, NULL, 10)))
		goto out;
	if (cJSON_GetArraySize(findings) > 0 &&
	    !(*fs = calloc((size_t)cJSON_GetArraySize(findings), sizeof(**fs))))
		goto out;
	cJSON_ArrayForEach(item, findings) {
		if (!cache_finding_from_json(item, &(*fs)[*n_fs]))
			goto out;
		(*n_fs)++;
	}
	ok = cache_file_result_from_json(cJSON_GetObjectItemCaseSensitive(root, "result"), res);
out:
	cJSON_Delete(root);
	if (!ok) {
		unsigned i;

		for (i = 0; i < *n_fs; i++)
			finding_clear(&(*fs)[i]);
		free(*fs);
		*fs = NULL;
		*n_fs = 0;
	}
	return ok;
}

bool rcache_lookup(struct rcache *c, struct fe_session *fe, const struct analyse_opts *opts, const char *path,
		   struct finding_list *out, struct rcache_probe *probe)
{
	struct finding *fs;
	struct file_result res;
	unsigned n_fs, i;
	enum ddl_status st = DDL_OK;

	memset(probe, 0, sizeof(*probe));
	if (!c || (opts->irql && !opts->program_key))
		return false; /* findings that depend on other files' facts, with no key for those files */
	probe->start_ns = cache_now_ns();
	if (!content_hash(path, probe->content))
		return false; /* the analysis will say why */
	make_key(c, fe, opts, path, probe->content, probe->key);
	probe->n_findings = finding_list_count(out);
	if (!read_entry(c, probe->key, &fs, &n_fs, &res)) {
		probe->c = c;
		probe->fe = fe;
		return false;
	}
	for (i = 0; i < n_fs; i++)
		if (st == DDL_OK)
			st = finding_list_add(out, &fs[i]); /* takes ownership, even on failure */
		else
			finding_clear(&fs[i]);
	free(fs);
	if (st == DDL_OK)
		st = finding_list_add_file(out, &res);
	else
		file_result_clear(&res);
	/* Out of memory part way: OUT holds some of the entry. Analysing the
	 * file again would add its findings twice, so report the hit; the run
	 * is failing anyway. */
	return true;
}

void rcache_store(const struct rcache_probe *probe, const struct fe_tu *tu, const struct finding_list *out,
		  const struct file_result *res)
{
	char content[CACHE_HASH_HEX], written[32], *path = NULL, *dir = NULL, *text = NULL;
	const char *const *args;
	unsigned n_args, i;
	cJSON *root = NULL, *deps, *a, *item;

	if (!probe->c || !tu || !res)
		return;
	/* The key holds the bytes hashed at lookup: the parse must have read the same. */
	if (!content_hash(tu->path, content) || strcmp(content, probe->content) != 0)
		return;
	args = fe_session_args(probe->fe, &n_args);
	deps = cache_deps_record(probe->c->deps, tu, args, n_args, probe->start_ns);
	if (!deps)
		return;
	snprintf(written, sizeof(written), "%lld", (long long)cache_now_ns());
	if (!(root = cJSON_CreateObject()) || !cJSON_AddNumberToObject(root, "format", RCACHE_FORMAT) ||
	    !cJSON_AddStringToObject(root, "written", written) || !cJSON_AddItemToObject(root, "deps", deps)) {
		cJSON_Delete(deps);
		goto out;
	}
	if (!(item = cache_file_result_to_json(res)) || !cJSON_AddItemToObject(root, "result", item) ||
	    !(a = cJSON_AddArrayToObject(root, "findings")))
		goto out;
	for (i = probe->n_findings; i < finding_list_count(out); i++)
		if (!(item = cache_finding_to_json(finding_list_get(out, i))) || !cJSON_AddItemToArray(a, item))
			goto out; /* something this cache cannot carry: leave the file uncached */
	if (!(text = cJSON_PrintUnformatted(root)) || !(path = entry_path(probe->c, probe->key)) ||
	    !(dir = ddl_strndup(path, (size_t)(strrchr(path, '/') - path))) || (mkdir(dir, 0755) != 0 && errno != EEXIST))
		goto out;
	{
		char *tmp = ddl_asprintf("%s.XXXXXX", path);
		int fd = tmp ? mkstemp(tmp) : -1;
		size_t len = strlen(text), done = 0;

		if (fd >= 0) {
			bool ok;

			while (done < len) {
				ssize_t w = write(fd, text + done, len - done);

				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					break;
				done += (size_t)w;
			}
			ok = done == len && fchmod(fd, 0644) == 0;
			if (close(fd) != 0)
				ok = false;
			if (!ok || rename(tmp, path) != 0)
				unlink(tmp);
		}
		free(tmp);
	}
out:
	cJSON_Delete(root);
	free(text);
	free(path);
	free(dir);
}
