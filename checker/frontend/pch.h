/* pch.h - precompiled headers for the include prefix of driver files.
 *
 * Nearly all of a driver file's parse is the DDK headers. A session keeps
 * one PCH per distinct prefix (prefix.h: the system headers a file starts
 * with), built once with the session's own flags and cached on disk:
 *
 *   <cache root>/pch/<key>.h       the generated header: `#include <NAME>` per prefix entry
 *   <key>.pch                      libclang's PCH of it (DetailedPreprocessingRecord)
 *   <key>.json                     what the build saw: its errors, every file it
 *                                  read (size + content hash), the inclusion list
 *   <key>.macros                   the last #define of every macro name (file, offset)
 *
 * KEY hashes the libclang version, the working directory, the full argument
 * list (which names the compatibility headers' content-addressed directory)
 * and the prefix; a stored PCH is used only while every file it read still
 * has the recorded content, and libclang checks size and mtime again on
 * load. Files are written under a temporary name and renamed, and one build
 * per key runs at a time (flock on <key>.lock), so concurrent runs are safe.
 *
 * What a plain parse gives that a PCH parse does not, the store gives back:
 * the build's errors (replayed before the file's own, as a plain parse
 * reports them first), the files the PCH included (libclang's
 * clang_getInclusions leaves them out) and the macros it defined (a TU
 * visit does not reach them): see fe_find_macro and fe_inclusions in fe.h.
 */
#ifndef FE_PCH_H
#define FE_PCH_H

#include "../ddl.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct fe_pch;
struct fe_pch_store;

/* A store for a session whose compiler arguments are ARGS (borrowed: they
 * must outlive the store; the first N_OWN are ddilint's own, see prefix.h)
 * with its files under ROOT/pch. Returns a new store owned by the caller
 * (free with fe_pch_store_free), or NULL when the directory cannot be
 * created or memory runs out: then no PCH is used. */
struct fe_pch_store *fe_pch_store_new(const char *root, const char *const *args, unsigned n_args, unsigned n_own);
void fe_pch_store_free(struct fe_pch_store *st);

/* The PCH to parse PATH against, built on first need with BUILD_INDEX. HEAD
 * holds the first LEN bytes of PATH (enough for its include prefix). NULL
 * means parse plainly: no prefix, a prefix that cannot be precompiled
 * faithfully, or any failure (which only costs speed). Borrowed, valid until
 * the store is freed. Safe to call from several threads. */
const struct fe_pch *fe_pch_for(struct fe_pch_store *st, CXIndex build_index, const char *path,
				const char *head, size_t len);

/* libclang refused BAD (CXError_ASTReadError: a header changed, another
 * libclang): delete it and build it again, once per session. Returns the
 * new PCH or NULL (then parse plainly). */
const struct fe_pch *fe_pch_rebuild(struct fe_pch_store *st, CXIndex build_index, const struct fe_pch *bad);

/* The PCH file to pass with -include-pch. Borrowed. */
const char *fe_pch_file(const struct fe_pch *p);

/* The errors the build reported: *N_ERRORS in all, the first *N_KEPT of
 * them formatted (file:line:col: error: message). Borrowed. */
const char *const *fe_pch_errors(const struct fe_pch *p, unsigned *n_errors, unsigned *n_kept);

/* Every file the PCH included, in inclusion order, with its include depth. */
void fe_pch_inclusions(const struct fe_pch *p, void (*fn)(void *user, const char *path, unsigned depth),
		       void *user);

/* Is PATH one of the files the PCH included? */
bool fe_pch_has_file(const struct fe_pch *p, const char *path);

/* Where the PCH's last #define of NAME is: *FILE (borrowed) and the byte
 * *OFFSET of the macro's name. False when the PCH does not define NAME. */
bool fe_pch_macro(const struct fe_pch *p, const char *name, const char **file, unsigned *offset);

#endif
