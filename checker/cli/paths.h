/* paths.h - file names for cli/: absolute and normalized, shown relative to
 * the working directory. Purely lexical (no symlinks resolved) unless said. */
#ifndef CLI_PATHS_H
#define CLI_PATHS_H

#include "../ddl.h"

#include <stdbool.h>

/* P made absolute against BASE (itself made absolute against the working
 * directory when relative; NULL = the working directory), with "." and ".."
 * removed and backslashes kept. Owned by the caller (free with free), or NULL. */
char *cli_path_abs(const char *base, const char *p);

/* ABS shown relative to the working directory when it lies under it, else
 * as it is. Owned by the caller, or NULL. */
char *cli_path_display(const char *abs);

/* The directory part of P ("." when none). Owned by the caller, or NULL. */
char *cli_path_dir(const char *p);

/* Does PATH lie under DIR (or equal it)? Both absolute and normalized. */
bool cli_path_under(const char *path, const char *dir);

/* realpath(P), or a normalized absolute copy when P does not exist. Owned by the caller. */
char *cli_path_real(const char *p);

#endif
