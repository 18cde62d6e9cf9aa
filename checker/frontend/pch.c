/* pch.c - the PCH store of a session: find, load or build the PCH for a
 * file's prefix and hand out what it holds (design in pch.h). Building one
 * is pch_build.c, the metadata beside it pch_meta.c.
 *
 * A PCH is only worth having if the parse against it is the parse without
 * it. Three things make sure: the generated header is parsed with exactly
 * the session's flags (only -xc becomes -xc-header), so every macro and
 * include path reads the same; every header the prefix names must be
 * include-guarded, so the driver's own #include of it becomes the no-op it
 * would have been (clang_isFileMultipleIncludeGuarded on the build); and a
 * build in which an include of the prefix itself fails is not used, since
 * the error would name the generated header instead of the driver's line.
 * Such a prefix is remembered as unusable (with the same content check) so
 * that later runs do not build it again.
 */
#include "pch_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- small helpers ------------------------------------------------------------ */

/* Write DATA to PATH through a temporary file in the same directory and a
 * rename: readers see the old file or the new one, never half of one. */
int fe_pch_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = ddl_asprintf("%s.XXXXXX", path);
	int fd, rc = -1;

	if (!tmp)
		return -1;
	fd = mkstemp(tmp);
	if (fd >= 0) {
		const char *p = data;
		size_t left = len;

		while (left) {
			ssize_t n = write(fd, p, left);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			p += n;
			left -= (size_t)n;
		}
		if (fchmod(fd, 0644) == 0 && left == 0 && close(fd) == 0 && rename(tmp, path) == 0)
			rc = 0;
		else
			unlink(tmp);
		if (rc != 0 && left)
			close(fd);
	}
	free(tmp);
	return rc;
}

static int lock_key(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1; /* a read-only cache: go on without the lock, renames stay atomic */
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

static void unlock_key(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

char *fe_pch_key_path(const struct fe_pch_store *st, const char *key, const char *ext)
{
	return ddl_asprintf("%s/%s%s", st->dir, key, ext);
}

void fe_pch_free_one(struct fe_pch *p)
{
	unsigned i;

	if (!p)
		return;
	for (i = 0; i < p->n_kept; i++)
		free(p->errors[i]);
	for (i = 0; i < p->n_files; i++)
		free(p->files[i]);
	for (i = 0; i < p->n_macros; i++)
		free(p->macros[i].name);
	free(p->errors);
	free(p->files);
	free(p->sorted);
	free(p->incl_file);
	free(p->incl_depth);
	free(p->macros);
	free(p->pch_path);
	free(p->meta_path);
	free(p->macros_path);
	pthread_mutex_destroy(&p->macro_lock);
	free(p);
}

int fe_pch_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct fe_pch *fe_pch_new(const struct fe_pch_store *st, const char *key)
{
	struct fe_pch *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	pthread_mutex_init(&p->macro_lock, NULL);
	snprintf(p->key, sizeof(p->key), "%s", key);
	p->pch_path = fe_pch_key_path(st, key, ".pch");
	p->meta_path = fe_pch_key_path(st, key, ".json");
	p->macros_path = fe_pch_key_path(st, key, ".macros");
	if (!p->pch_path || !p->meta_path || !p->macros_path) {
		fe_pch_free_one(p);
		return NULL;
	}
	return p;
}

int fe_pch_add_file(struct fe_pch *p, const char *path, unsigned *index)
{
	char **nf;
	unsigned i;

	for (i = p->n_files; i-- > 0;)
		if (strcmp(p->files[i], path) == 0) {
			*index = i;
			return 0;
		}
	nf = realloc(p->files, (p->n_files + 1) * sizeof(*nf));
	if (!nf)
		return -1;
	p->files = nf;
	if (!(nf[p->n_files] = ddl_strdup(path)))
		return -1;
	*index = p->n_files++;
	return 0;
}

int fe_pch_add_inclusion(struct fe_pch *p, unsigned file, unsigned depth)
{
	unsigned *nf = realloc(p->incl_file, (p->n_incl + 1) * sizeof(*nf)), *nd;

	if (!nf)
		return -1;
	p->incl_file = nf;
	nd = realloc(p->incl_depth, (p->n_incl + 1) * sizeof(*nd));
	if (!nd)
		return -1;
	p->incl_depth = nd;
	nf[p->n_incl] = file;
	nd[p->n_incl++] = depth;
	return 0;
}

int fe_pch_finish_files(struct fe_pch *p)
{
	if (!p->n_files)
		return 0;
	p->sorted = malloc(p->n_files * sizeof(*p->sorted));
	if (!p->sorted)
		return -1;
	memcpy(p->sorted, p->files, p->n_files * sizeof(*p->sorted));
	qsort(p->sorted, p->n_files, sizeof(*p->sorted), fe_pch_cmp_str);
	return 0;
}

/* --- the store ------------------------------------------------------------------- */

struct fe_pch_store *fe_pch_store_new(const char *root, const char *const *args, unsigned n_args, unsigned n_own)
{
	struct fe_pch_store *st;
	struct cache_hash h;
	CXString v;
	char cwd[4096];
	unsigned i;

	if (!fe_prefix_args_ok(args, n_args) || !getcwd(cwd, sizeof(cwd)))
		return NULL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	pthread_mutex_init(&st->lock, NULL);
	st->args = args;
	st->n_args = n_args;
	st->n_own = n_own;
	st->dir = ddl_asprintf("%s/pch", root);
	st->build_args = calloc(n_args + 1, sizeof(*st->build_args));
	if (!st->dir || !st->build_args || ddl_mkdir_p(st->dir) != 0) {
		fe_pch_store_free(st);
		return NULL;
	}
	cache_hash_init(&h);
	cache_hash_str(&h, "ddilint-pch " CACHE_HASH_VERSION);
	cache_hash_u64(&h, META_FORMAT);
	v = clang_getClangVersion();
	cache_hash_str(&h, clang_getCString(v));
	clang_disposeString(v);
	cache_hash_u64(&h, CINDEX_VERSION);
	cache_hash_str(&h, cwd); /* relative -I and -include paths mean what they mean from here */
	for (i = 0; i < n_args; i++) {
		cache_hash_str(&h, args[i]);
		st->build_args[i] = (char *)(strcmp(args[i], "-xc") == 0 ? "-xc-header" : args[i]);
	}
	cache_hash_hex(&h, st->arg_key);
	return st;
}

void fe_pch_store_free(struct fe_pch_store *st)
{
	unsigned i;

	if (!st)
		return;
	for (i = 0; i < st->n_entries; i++)
		fe_pch_free_one(st->entries[i].pch);
	for (i = 0; i < st->n_checked; i++)
		free(st->checked[i].path);
	free(st->entries);
	free(st->checked);
	free(st->build_args);
	free(st->dir);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

/* Does PATH still hold the content hashed as HASH? Remembered per session:
 * the DDK headers are shared by every PCH. Called with the store locked. */
/* --- cache directory housekeeping ---------------------------------------------------------- */

struct aged {
	char key[CACHE_HASH_HEX];
	long long mtime;
};

static int cmp_aged(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;

	return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

static void remove_key(const struct fe_pch_store *st, const char *key)
{
	static const char *const exts[] = { ".json", ".pch", ".macros", ".h", ".lock" };
	unsigned i;

	for (i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		char *path = fe_pch_key_path(st, key, exts[i]);

		if (path)
			unlink(path);
		free(path);
	}
}

/* Keep the MAX_PCH_FILES most recently used PCHs (a use touches the .json). */
static void prune(const struct fe_pch_store *st, const char *keep)
{
	DIR *d = opendir(st->dir);
	struct dirent *de;
	struct aged *all = NULL;
	unsigned n = 0, cap = 0, i;

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		struct stat sb;
		char *path;

		if (l != CACHE_HASH_HEX - 1 + 5 || strcmp(de->d_name + l - 5, ".json") != 0)
			continue;
		if (n == cap) {
			struct aged *na = realloc(all, (cap = cap ? cap * 2 : 64) * sizeof(*na));

			if (!na)
				break;
			all = na;
		}
		path = ddl_asprintf("%s/%s", st->dir, de->d_name);
		if (!path || stat(path, &sb) != 0) {
			free(path);
			continue;
		}
		free(path);
		snprintf(all[n].key, sizeof(all[n].key), "%.*s", CACHE_HASH_HEX - 1, de->d_name);
		all[n].mtime = (long long)sb.st_mtime;
		n++;
	}
	closedir(d);
	if (n > MAX_PCH_FILES) {
		qsort(all, n, sizeof(*all), cmp_aged);
		for (i = 0; i < n - MAX_PCH_FILES; i++)
			if (strcmp(all[i].key, keep) != 0)
				remove_key(st, all[i].key);
	}
	free(all);
}

/* --- lookup ----------------------------------------------------------------------------------- */

static void prefix_key(const struct fe_pch_store *st, const struct fe_prefix *pre, char key[CACHE_HASH_HEX]);

/* Load the PCH of PRE (whose key is KEY) from disk, or build it. Called with
 * the store locked. A prefix with an unguarded header falls back to the
 * PCH of the names before it. */
static struct fe_pch *obtain(struct fe_pch_store *st, CXIndex idx, const char *key, const struct fe_prefix *pre,
			     bool rebuild)
{
	struct fe_pch *p = fe_pch_new(st, key);
	char *lock_path = fe_pch_key_path(st, key, ".lock");
	enum fe_pch_load r = FE_PCH_STALE;
	unsigned prefix_len = 0;
	int fd, rc;

	if (!p || !lock_path) {
		fe_pch_free_one(p);
		free(lock_path);
		return NULL;
	}
	fd = lock_key(lock_path);
	free(lock_path);
	if (!rebuild)
		r = fe_pch_load_meta(st, p, &prefix_len);
	if (r == FE_PCH_OK) {
		unlock_key(fd);
		utimensat(AT_FDCWD, p->meta_path, NULL, 0); /* most recently used */
		return p;
	}
	fe_pch_free_one(p);
	p = NULL;
	if (r == FE_PCH_UNUSABLE) {
		rc = 0;
	} else {
		p = fe_pch_new(st, key);
		rc = p ? fe_pch_build(st, idx, p, pre, &prefix_len) : -1;
	}
	unlock_key(fd);
	if (rc == 1) {
		prune(st, key);
		return p;
	}
	fe_pch_free_one(p);
	if (rc == 0 && prefix_len > 0 && prefix_len < pre->n) {
		struct fe_prefix shorter = { pre->names, prefix_len };
		char key2[CACHE_HASH_HEX];

		prefix_key(st, &shorter, key2);
		return obtain(st, idx, key2, &shorter, false);
	}
	return NULL;
}

static void prefix_key(const struct fe_pch_store *st, const struct fe_prefix *pre, char key[CACHE_HASH_HEX])
{
	struct cache_hash h;
	unsigned i;

	cache_hash_init(&h);
	cache_hash_str(&h, st->arg_key);
	for (i = 0; i < pre->n; i++)
		cache_hash_str(&h, pre->names[i]);
	cache_hash_hex(&h, key);
}

const struct fe_pch *fe_pch_for(struct fe_pch_store *st, CXIndex build_index, const char *path,
				const char *head, size_t len)
{
	struct fe_prefix pre;
	char key[CACHE_HASH_HEX];
	struct fe_pch *p = NULL;
	struct entry *ne;
	unsigned i;

	if (!st || fe_prefix_scan(path, head, len, st->args, st->n_args, st->n_own, &pre) != DDL_OK)
		return NULL;
	if (!pre.n)
		return NULL;
	prefix_key(st, &pre, key);
	pthread_mutex_lock(&st->lock);
	for (i = 0; i < st->n_entries; i++)
		if (strcmp(st->entries[i].key, key) == 0) {
			p = st->entries[i].pch;
			goto out;
		}
	/* Built with the store locked: another thread wanting a PCH waits for
	 * this one rather than building it too. */
	p = obtain(st, build_index, key, &pre, false);
	ne = realloc(st->entries, (st->n_entries + 1) * sizeof(*ne));
	if (!ne) {
		fe_pch_free_one(p);
		p = NULL;
		goto out;
	}
	st->entries = ne;
	memset(&ne[st->n_entries], 0, sizeof(*ne));
	snprintf(ne[st->n_entries].key, sizeof(ne->key), "%s", key);
	ne[st->n_entries].pch = p;
	st->n_entries++;
out:
	pthread_mutex_unlock(&st->lock);
	fe_prefix_clear(&pre);
	return p;
}

const struct fe_pch *fe_pch_rebuild(struct fe_pch_store *st, CXIndex build_index, const struct fe_pch *bad)
{
	struct fe_prefix pre = { NULL, 0 };
	struct entry *e = NULL;
	struct fe_pch *p = NULL;
	size_t len = 0;
	char *gen_path, *text = NULL, *line;
	unsigned i;

	if (!st || !bad)
		return NULL;
	pthread_mutex_lock(&st->lock);
	for (i = 0; i < st->n_entries; i++)
		if (strcmp(st->entries[i].key, bad->key) == 0)
			e = &st->entries[i];
	if (!e || e->rebuilt) {
		p = e ? e->pch : NULL;
		goto out;
	}
	e->rebuilt = true;
	if (e->pch != bad) {
		p = e->pch; /* another thread rebuilt it already */
		goto out;
	}
	/* The prefix is in the generated header, one #include per line. */
	gen_path = fe_pch_key_path(st, bad->key, ".h");
	text = gen_path ? ddl_read_file(gen_path, &len, NULL) : NULL;
	free(gen_path);
	for (line = text ? strstr(text, "#include <") : NULL; line; line = strstr(line, "#include <")) {
		char *end = strchr(line, '>'), **nn;

		line += strlen("#include <");
		if (!end || !(nn = realloc(pre.names, (pre.n + 1) * sizeof(*nn))))
			break;
		pre.names = nn;
		if (!(pre.names[pre.n] = ddl_strndup(line, (size_t)(end - line))))
			break;
		pre.n++;
	}
	/* BAD stays alive (TUs of other threads may still use it); it is freed
	 * with the store through the list of retired entries below. */
	p = pre.n ? obtain(st, build_index, bad->key, &pre, true) : NULL;
	{
		struct entry *ne = realloc(st->entries, (st->n_entries + 1) * sizeof(*ne));

		if (ne) {
			st->entries = ne;
			e = NULL;
			for (i = 0; i < st->n_entries; i++)
				if (strcmp(st->entries[i].key, bad->key) == 0)
					e = &st->entries[i];
			/* Retire BAD under a key no lookup matches. */
			memset(&ne[st->n_entries], 0, sizeof(*ne));
			ne[st->n_entries].pch = e->pch;
			ne[st->n_entries].rebuilt = true;
			st->n_entries++;
			e->pch = p;
		} else {
			fe_pch_free_one(p);
			p = NULL;
		}
	}
out:
	pthread_mutex_unlock(&st->lock);
	free(text);
	fe_prefix_clear(&pre);
	return p;
}

/* --- what a PCH holds ------------------------------------------------------------------------- */

const char *fe_pch_file(const struct fe_pch *p)
{
	return p->pch_path;
}

const char *const *fe_pch_errors(const struct fe_pch *p, unsigned *n_errors, unsigned *n_kept)
{
	*n_errors = p->n_errors;
	*n_kept = p->n_kept;
	return (const char *const *)p->errors;
}

void fe_pch_inclusions(const struct fe_pch *p, void (*fn)(void *user, const char *path, unsigned depth),
		       void *user)
{
	unsigned i;

	for (i = 0; i < p->n_incl; i++)
		fn(user, p->files[p->incl_file[i]], p->incl_depth[i]);
}

bool fe_pch_has_file(const struct fe_pch *p, const char *path)
{
	return p->n_files && bsearch(&path, p->sorted, p->n_files, sizeof(*p->sorted), fe_pch_cmp_str) != NULL;
}

static int cmp_macro_name(const void *key, const void *m)
{
	return strcmp(key, ((const struct pch_macro *)m)->name);
}

/* Read the .macros file (written sorted by write_macros). */
static void load_macros(struct fe_pch *p)
{
	size_t len;
	char *text = ddl_read_file(p->macros_path, &len, NULL), *s, *nl;
	unsigned n = 0, cap = 0;

	for (s = text; s && *s; s = nl + 1) {
		char *sp1, *sp2, *end;
		unsigned long file, off;

		nl = strchr(s, '\n');
		if (!nl)
			break;
		*nl = '\0';
		sp1 = strchr(s, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!sp2)
			break;
		*sp1 = '\0';
		file = strtoul(sp1 + 1, &end, 10);
		off = strtoul(sp2 + 1, &end, 10);
		if (file >= p->n_files || (n && strcmp(p->macros[n - 1].name, s) >= 0))
			break; /* damaged: use what was read so far */
		if (n == cap) {
			struct pch_macro *nm = realloc(p->macros, (cap = cap ? cap * 2 : 4096) * sizeof(*nm));

			if (!nm)
				break;
			p->macros = nm;
		}
		if (!(p->macros[n].name = ddl_strdup(s)))
			break;
		p->macros[n].file = (unsigned)file;
		p->macros[n].offset = (unsigned)off;
		n++;
	}
	p->n_macros = n;
	free(text);
}

bool fe_pch_macro(const struct fe_pch *cp, const char *name, const char **file, unsigned *offset)
{
	struct fe_pch *p = (struct fe_pch *)cp; /* the lazy table is the PCH's own business */
	const struct pch_macro *m;

	pthread_mutex_lock(&p->macro_lock);
	if (!p->macros_loaded) {
		p->macros_loaded = true;
		load_macros(p);
	}
	pthread_mutex_unlock(&p->macro_lock);
	m = p->n_macros ? bsearch(name, p->macros, p->n_macros, sizeof(*p->macros), cmp_macro_name) : NULL;
	if (!m)
		return false;
	*file = p->files[m->file];
	*offset = m->offset;
	return true;
}

