/* headers.h - put the embedded compatibility headers on disk, where clang's
 * include search can find them. The directory name carries a hash of the
 * headers' contents, so a changed ddilint never uses stale headers, and it is
 * created under a temporary name and renamed, so concurrent runs are safe. */
#ifndef FE_HEADERS_H
#define FE_HEADERS_H

#include "../ddl.h"

/* Materialise into BASE (or, when BASE is NULL, the user cache directory:
 * $XDG_CACHE_HOME/ddilint, ~/.cache/ddilint, else the temp directory).
 * Returns a new path owned by the caller (free with free), or NULL with ERR filled in. */
char *fe_headers_materialise(const char *base, struct ddl_error *err);

#endif
