/* deps.h - what a cached result depends on besides its own file: every file
 * its TU included (by content) and every include it looked for and did not
 * find (paths that must stay absent: a header that appears later changes
 * the parse). ccache's "direct mode" keeps the same list.
 *
 * Checking a list again costs a stat per file; a file is hashed again only
 * when its size or modification time moved, or when it changed so close to
 * the time the entry was written that a same-second edit could hide (git's
 * "racy" rule). Hashes are remembered for the run with the size and time
 * they were taken at: the DDK headers shared by every file are read once.
 * Safe to use from several threads.
 */
#ifndef CACHE_DEPS_H
#define CACHE_DEPS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

struct fe_tu;
struct cache_deps;

/* A new memo owned by the caller (free with cache_deps_free), or NULL. */
struct cache_deps *cache_deps_new(void);
void cache_deps_free(struct cache_deps *d);

/* TU's dependencies as a new JSON object owned by the caller, or NULL when
 * they cannot be recorded faithfully: a file changed after START_NS (the
 * analysis may have read another version), or out of memory. ARGS are the
 * compiler arguments TU was parsed with (its include search directories). */
cJSON *cache_deps_record(struct cache_deps *d, const struct fe_tu *tu, const char *const *args, unsigned n_args,
			 int64_t start_ns);

/* Do the dependencies J (from cache_deps_record, stored at WRITTEN_NS) still hold? */
bool cache_deps_hold(struct cache_deps *d, const cJSON *j, int64_t written_ns);

/* A file's modification time in nanoseconds, or -1 when it cannot be stat'ed. */
int64_t cache_mtime_ns(const char *path);

/* The wall clock in nanoseconds (what file times are measured in). */
int64_t cache_now_ns(void);

#endif
