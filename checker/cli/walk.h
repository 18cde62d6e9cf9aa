/* walk.h - expand the command line's paths into the list of files to analyse. */
#ifndef CLI_WALK_H
#define CLI_WALK_H

#include "../ddl.h"

struct cli_input {
	char *path;    /* owned */
	char *problem; /* owned; non-NULL when the path cannot be analysed (missing, no sources) */
};

struct cli_inputs {
	struct cli_input *items;
	unsigned n, cap;
};

/* Expand PATHS: a file is taken as it is; a directory is searched
 * recursively for *.c in sorted order, skipping hidden and build-output
 * directories and never entering a directory twice (symlink loops). A path
 * that does not exist or a directory without sources becomes an input with
 * a problem, so the run reports it and goes on.
 * Returns DDL_OK or DDL_ERR_NOMEM; free OUT with cli_inputs_free. */
enum ddl_status cli_expand(const char *const *paths, unsigned n_paths, struct cli_inputs *out);
void cli_inputs_free(struct cli_inputs *in);

#endif
