/* deps.c - record and check what a cached result depends on (deps.h). */
#include "deps.h"
#include "hash.h"
#include "../frontend/fe.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define N_BUCKETS 4096
#define RACY_NS 2000000000LL   /* a change this close to a stored time may hide in the same mtime */
#define RECORD_NS 10000000LL   /* a file changed this close to the analysis start may not be what it read */

struct fstate {
	char *path;         /* owned */
	bool exists;
	int64_t size, mtime_ns;
	bool hashed;
	char hash[CACHE_HASH_HEX]; /* "" when it cannot be read */
	unsigned gen;       /* the last cache_deps_record that listed it */
	struct fstate *next;
};

struct cache_deps {
	pthread_mutex_t lock;
	struct fstate *buckets[N_BUCKETS];
	unsigned gen;
};

int64_t cache_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int64_t cache_mtime_ns(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return -1;
	return (int64_t)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
}

struct cache_deps *cache_deps_new(void)
{
	struct cache_deps *d = calloc(1, sizeof(*d));

	if (d)
		pthread_mutex_init(&d->lock, NULL);
	return d;
}

void cache_deps_free(struct cache_deps *d)
{
	unsigned i;

	if (!d)
		return;
	for (i = 0; i < N_BUCKETS; i++) {
		struct fstate *s = d->buckets[i], *next;

		for (; s; s = next) {
			next = s->next;
			free(s->path);
			free(s);
		}
	}
	pthread_mutex_destroy(&d->lock);
	free(d);
}

/* The state of PATH, stat'ed now (a stat costs a microsecond; a hash of the
 * same size and time is reused). Called with D locked. */
static struct fstate *state(struct cache_deps *d, const char *path)
{
	unsigned long h = 5381;
	const char *p;
	struct fstate *s;
	struct stat sb;
	bool exists;
	int64_t size = 0, mtime = 0;

	for (p = path; *p; p++)
		h = h * 33 + (unsigned char)*p;
	exists = stat(path, &sb) == 0;
	if (exists) {
		size = (int64_t)sb.st_size;
		mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
	}
	for (s = d->buckets[h % N_BUCKETS]; s; s = s->next)
		if (strcmp(s->path, path) == 0)
			break;
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s || !(s->path = ddl_strdup(path))) {
			free(s);
			return NULL;
		}
		s->next = d->buckets[h % N_BUCKETS];
		d->buckets[h % N_BUCKETS] = s;
	} else if (s->exists != exists || s->size != size || s->mtime_ns != mtime) {
		s->hashed = false; /* changed since it was hashed */
	}
	s->exists = exists;
	s->size = size;
	s->mtime_ns = mtime;
	return s;
}

static const char *hash_of(struct fstate *s)
{
	if (!s->hashed) {
		s->hashed = true;
		if (cache_hash_file(s->path, s->hash) != 0)
			s->hash[0] = '\0';
	}
	return s->hash;
}

/* --- recording ------------------------------------------------------------------ */

struct rec {
	struct cache_deps *d;
	cJSON *files, *absent;
	int64_t start_ns;
	bool bad;
	const char *const *args;
	unsigned n_args;
};

static void on_file(void *user, const char *path, unsigned depth)
{
	struct rec *r = user;
	struct fstate *s;
	cJSON *item;
	char mt[32];

	(void)depth;
	if (r->bad)
		return;
	s = state(r->d, path);
	if (!s || !s->exists || s->mtime_ns >= r->start_ns - RECORD_NS || !*hash_of(s)) {
		r->bad = true; /* gone, or changed while (or just before) the analysis read it */
		return;
	}
	if (s->gen == r->d->gen)
		return; /* listed already */
	s->gen = r->d->gen;
	/* Nanosecond times do not fit a JSON (double) number exactly: a string. */
	snprintf(mt, sizeof(mt), "%lld", (long long)s->mtime_ns);
	item = cJSON_CreateArray();
	if (!item || !cJSON_AddItemToArray(r->files, item) || !cJSON_AddItemToArray(item, cJSON_CreateString(path)) ||
	    !cJSON_AddItemToArray(item, cJSON_CreateNumber((double)s->size)) ||
	    !cJSON_AddItemToArray(item, cJSON_CreateString(mt)) ||
	    !cJSON_AddItemToArray(item, cJSON_CreateString(s->hash)))
		r->bad = true;
}

static void add_absent(struct rec *r, const char *dir, const char *name)
{
	char *path = ddl_asprintf("%s/%s", dir, name);
	struct fstate *s;

	if (!path) {
		r->bad = true;
		return;
	}
	s = state(r->d, path);
	if (!s || s->exists) {
		/* Not found by clang, yet there: a directory clang does not search. */
		if (!s)
			r->bad = true;
	} else if (s->gen != r->d->gen) {
		s->gen = r->d->gen;
		if (!cJSON_AddItemToArray(r->absent, cJSON_CreateString(path)))
			r->bad = true;
	}
	free(path);
}

/* An #include clang did not find: NAME must stay absent from every place
 * clang could look for it. A superset of clang's search path is fine (an
 * unrelated new file only costs a cache miss). */
static void missing_include(struct rec *r, const char *includer, const char *name)
{
	static const char *const system_dirs[] = {
		"/usr/x86_64-w64-mingw32/include", "/usr/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu",
	};
	unsigned i;

	if (name[0] == '/') {
		add_absent(r, "", name + 1);
		return;
	}
	if (includer) {
		const char *slash = strrchr(includer, '/');
		char *dir = slash ? ddl_strndup(includer, (size_t)(slash - includer)) : ddl_strdup(".");

		if (!dir) {
			r->bad = true;
			return;
		}
		add_absent(r, dir, name);
		free(dir);
	}
	add_absent(r, ".", name);
	for (i = 0; i < r->n_args; i++) {
		static const char *const opts[] = { "-I", "-isystem", "-iquote", "-idirafter", "-resource-dir", "--sysroot=" };
		const char *a = r->args[i];
		unsigned k;

		for (k = 0; k < sizeof(opts) / sizeof(*opts); k++) {
			size_t l = strlen(opts[k]);
			const char *dir = NULL;

			if (strcmp(a, opts[k]) == 0 && i + 1 < r->n_args)
				dir = r->args[i + 1];
			else if (strncmp(a, opts[k], l) == 0 && a[l])
				dir = a + l;
			if (!dir)
				continue;
			if (k >= 4) { /* resource and sysroot directories hold include/ */
				char *inc = ddl_asprintf("%s/include", dir);

				if (inc)
					add_absent(r, inc, name);
				else
					r->bad = true;
				free(inc);
			} else {
				add_absent(r, dir, name);
			}
		}
	}
	for (i = 0; i < sizeof(system_dirs) / sizeof(*system_dirs); i++)
		add_absent(r, system_dirs[i], name);
}

static enum CXChildVisitResult on_cursor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct rec *r = data;
	CXString name, fname;
	CXFile file;
	unsigned line, col, off;

	(void)parent;
	if (r->bad)
		return CXChildVisit_Break;
	if (clang_getCursorKind(c) != CXCursor_InclusionDirective || clang_getIncludedFile(c))
		return CXChildVisit_Continue;
	clang_getFileLocation(clang_getCursorLocation(c), &file, &line, &col, &off);
	name = clang_getCursorSpelling(c);
	fname = clang_getFileName(file);
	if (clang_getCString(name) && *clang_getCString(name))
		missing_include(r, file ? clang_getCString(fname) : NULL, clang_getCString(name));
	clang_disposeString(fname);
	clang_disposeString(name);
	return CXChildVisit_Continue;
}

cJSON *cache_deps_record(struct cache_deps *d, const struct fe_tu *tu, const char *const *args, unsigned n_args,
			 int64_t start_ns)
{
	cJSON *o = cJSON_CreateObject();
	struct rec r = { d, NULL, NULL, start_ns, false, args, n_args };

	if (!o || !(r.files = cJSON_AddArrayToObject(o, "files")) || !(r.absent = cJSON_AddArrayToObject(o, "absent"))) {
		cJSON_Delete(o);
		return NULL;
	}
	pthread_mutex_lock(&d->lock);
	d->gen++;
	fe_inclusions(tu, on_file, &r);
	/* The includes clang did not find are InclusionDirective cursors without
	 * a file. Only the driver's own files can hold them: a PCH whose
	 * include failed is never used. */
	if (!r.bad)
		clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), on_cursor, &r);
	pthread_mutex_unlock(&d->lock);
	if (r.bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* --- checking --------------------------------------------------------------------- */

bool cache_deps_hold(struct cache_deps *d, const cJSON *j, int64_t written_ns)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(j, "files");
	const cJSON *absent = cJSON_GetObjectItemCaseSensitive(j, "absent");
	const cJSON *item;
	bool ok = cJSON_IsArray(files) && cJSON_IsArray(absent);

	pthread_mutex_lock(&d->lock);
	if (ok) {
		cJSON_ArrayForEach(item, files) {
			const cJSON *path = cJSON_GetArrayItem(item, 0), *size = cJSON_GetArrayItem(item, 1);
			const cJSON *mtime = cJSON_GetArrayItem(item, 2), *hash = cJSON_GetArrayItem(item, 3);
			struct fstate *s;

			if (!cJSON_IsString(path) || !cJSON_IsNumber(size) || !cJSON_IsString(mtime) || !cJSON_IsString(hash) ||
			    !(s = state(d, path->valuestring)) || !s->exists) {
				ok = false;
				break;
			}
			/* Same size and time, and not changed within RACY_NS of the
			 * store: the same file. Otherwise its content decides. */
			if (s->size == (int64_t)size->valuedouble && s->mtime_ns == strtoll(mtime->valuestring, NULL, 10) &&
			    s->mtime_ns < written_ns - RACY_NS)
				continue;
			if (strcmp(hash_of(s), hash->valuestring) != 0 || !*s->hash) {
				ok = false;
				break;
			}
		}
	}
	if (ok) {
		cJSON_ArrayForEach(item, absent) {
			struct fstate *s;

			if (!cJSON_IsString(item) || !(s = state(d, item->valuestring)) || s->exists) {
				ok = false;
				break;
			}
		}
	}
	pthread_mutex_unlock(&d->lock);
	return ok;
}
