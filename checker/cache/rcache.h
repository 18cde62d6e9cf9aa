/* rcache.h - the result cache: each file's findings and status, kept on
 * disk, so that analysing an unchanged tree again (the pre-commit case)
 * costs a few reads, stats and hashes instead of a parse.
 *
 * The key of an entry hashes everything that decides a file's results
 * without parsing it: the file's bytes and path, the compiler arguments and
 * working directory, the ddilint and libclang binaries (so a rebuild or an
 * upgrade starts afresh; the knowledge base and the compatibility headers
 * are embedded in ddilint), the enabled rules and the caller's salt (the
 * configuration and any knowledge base it adds). The entry then lists what
 * the parse read (deps.h); it is used only while all of that is unchanged.
 * Like ccache's direct mode, this is the preprocessed input, checked
 * without running the preprocessor.
 *
 * Entries are written to a temporary file and renamed, so concurrent runs
 * and an interrupted run leave whole entries or none. Results that depend on
 * other files' facts (the IRQL engine's cross-file summaries) are not
 * cached: a lookup with analyse_opts.irql set is a miss and stores nothing.
 *
 * Location: --cache-dir DIR, else $XDG_CACHE_HOME/ddilint/results, else
 * ~/.cache/ddilint/results. DDILINT_NO_CACHE=1 (or --no-cache) turns it off.
 */
#ifndef CACHE_RCACHE_H
#define CACHE_RCACHE_H

#include "hash.h"
#include "../ddl.h"
#include "../findings/finding.h"

#include <stdbool.h>
#include <stdint.h>

struct rcache;
struct fe_session;
struct fe_tu;
struct analyse_opts;

/* Open the cache in DIR (NULL: the default location). Returns a new cache
 * owned by the caller (free with rcache_close), or NULL when caching is off
 * (DDILINT_NO_CACHE set) or impossible; ERR (may be NULL) then says why, or
 * has an empty message when it is simply off. Analysis works the same
 * without a cache. Safe to share between threads. */
struct rcache *rcache_open(const char *dir, struct ddl_error *err);
void rcache_close(struct rcache *c);

/* What rcache_store needs from rcache_lookup; plain data, nothing to free. */
struct rcache_probe {
	struct rcache *c;               /* NULL: nothing to store */
	struct fe_session *fe;          /* borrowed */
	char key[CACHE_HASH_HEX];
	char content[CACHE_HASH_HEX];   /* hash of the file's bytes at lookup */
	int64_t start_ns;               /* when the analysis began */
	unsigned n_findings;            /* findings OUT held before the analysis */
};

/* Look PATH up for an analysis with FE and OPTS. On a hit, appends the
 * stored findings and file result to OUT and returns true. Otherwise fills
 * PROBE for rcache_store and returns false. C may be NULL (no cache). Any
 * problem reading the cache is a miss, never an error. */
bool rcache_lookup(struct rcache *c, struct fe_session *fe, const struct analyse_opts *opts, const char *path,
		   struct finding_list *out, struct rcache_probe *probe);

/* Store what the analysis appended to OUT since the lookup, with RES (the
 * file's result, not yet in OUT) and the dependencies of TU. Does nothing
 * after a hit, without a cache, or when the entry could not be faithful. */
void rcache_store(const struct rcache_probe *probe, const struct fe_tu *tu, const struct finding_list *out,
		  const struct file_result *res);

#endif
