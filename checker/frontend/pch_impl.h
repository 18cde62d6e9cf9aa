/* pch_impl.h - what pch.c (the store and lookups), pch_meta.c (the
 * metadata beside each PCH) and pch_build.c (building one) share. Private to
 * the frontend's PCH code. */
#ifndef FE_PCH_IMPL_H
#define FE_PCH_IMPL_H

#include "pch.h"
#include "prefix.h"
#include "../cache/hash.h"

#include <pthread.h>
#include <stdbool.h>

#define META_FORMAT 1
#define ERRORS_KEPT 32      /* formatted errors stored (the frontend keeps 20) */
#define MAX_PCH_FILES 32    /* older PCHs are removed beyond this many */

struct pch_macro {
	char *name;         /* owned */
	unsigned file;      /* index into files */
	unsigned offset;
};

struct fe_pch {
	char key[CACHE_HASH_HEX];
	char *pch_path, *meta_path, *macros_path; /* owned */
	char **errors;      /* owned, ERRORS_KEPT at most */
	unsigned n_kept, n_errors;
	char **files;       /* every file the build read, in first-inclusion order (owned) */
	unsigned n_files;
	char **sorted;      /* the same strings (borrowed), sorted, for fe_pch_has_file */
	unsigned *incl_file, *incl_depth; /* the inclusion list */
	unsigned n_incl;
	pthread_mutex_t macro_lock;       /* guards the lazy load of MACROS */
	bool macros_loaded;
	struct pch_macro *macros;         /* sorted by name */
	unsigned n_macros;
};

struct entry {
	char key[CACHE_HASH_HEX];
	struct fe_pch *pch; /* NULL: no PCH for this prefix in this session */
	bool rebuilt;       /* fe_pch_rebuild already ran for it */
};

struct checked {        /* a file whose content was checked against a stored hash */
	char *path;
	char hash[CACHE_HASH_HEX]; /* "" when it could not be read */
};

struct fe_pch_store {
	char *dir;          /* ROOT/pch (owned) */
	const char *const *args;
	unsigned n_args, n_own;
	char **build_args;  /* ARGS with -xc-header (strings borrowed) */
	char arg_key[CACHE_HASH_HEX];
	pthread_mutex_t lock;
	struct entry *entries;
	unsigned n_entries;
	struct checked *checked;
	unsigned n_checked;
	unsigned seq;       /* temporary-name counter */
};

enum fe_pch_load { FE_PCH_MISSING, FE_PCH_STALE, FE_PCH_UNUSABLE, FE_PCH_OK };

/* helpers (pch.c) */
int fe_pch_write_atomic(const char *path, const void *data, size_t len);
char *fe_pch_key_path(const struct fe_pch_store *st, const char *key, const char *ext);
struct fe_pch *fe_pch_new(const struct fe_pch_store *st, const char *key);
void fe_pch_free_one(struct fe_pch *p);
int fe_pch_add_file(struct fe_pch *p, const char *path, unsigned *index);
int fe_pch_add_inclusion(struct fe_pch *p, unsigned file, unsigned depth);
int fe_pch_finish_files(struct fe_pch *p);
int fe_pch_cmp_str(const void *a, const void *b);

/* metadata (pch_meta.c) */
bool fe_pch_file_matches(struct fe_pch_store *st, const char *path, const char *hash);
int fe_pch_write_meta(struct fe_pch_store *st, const struct fe_pch *p, const struct fe_prefix *pre, bool usable,
		      const char *why, unsigned prefix_len);
enum fe_pch_load fe_pch_load_meta(struct fe_pch_store *st, struct fe_pch *p, unsigned *prefix_len);

/* building (pch_build.c): 1 ready, 0 unusable (recorded; *PREFIX_LEN > 0:
 * its first names can be), -1 failed (nothing stored). */
int fe_pch_build(struct fe_pch_store *st, CXIndex idx, struct fe_pch *p, const struct fe_prefix *pre,
		 unsigned *prefix_len);

#endif
