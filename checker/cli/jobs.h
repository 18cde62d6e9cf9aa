/* jobs.h - run a plan: every file analysed, N at a time, with the same
 * result as one at a time.
 *
 * Each worker thread has its own frontend sessions (one CXIndex each, one
 * per distinct set of compiler flags) and fills one finding list per file;
 * the lists are merged in plan order and sorted by finding_list_finish, so
 * the output does not depend on -j or on scheduling. When the rules need the
 * IRQL engine and the run has several files, every file is first summarised
 * (phase 1), the program is solved, then every file is analysed (phase 2). */
#ifndef CLI_JOBS_H
#define CLI_JOBS_H

#include "plan.h"
#include "process.h"

struct cli_jobs_opts {
	const struct cli_opts *o;          /* flags for the sessions (borrowed) */
	const struct kb *base_kb;          /* the embedded KB (borrowed) */
	struct cli_process_opts process;
	unsigned n_threads;                /* >= 1 */
	bool progress;                     /* a progress line on stderr */
};

/* Analyse every item of PLAN into OUT (not yet finished). Inputs with a
 * problem become failed files. Returns DDL_OK, or the first internal
 * failure in ERR. */
enum ddl_status cli_jobs_run(const struct cli_jobs_opts *jo, struct cli_plan *plan, struct finding_list *out,
			     struct ddl_error *err);

/* The number of processors online (at least 1). */
unsigned cli_jobs_default(void);

/* A frontend session for O's flags plus the item's ARGS (borrowed for the call). */
struct fe_session *cli_session_new(const struct cli_opts *o, const struct cli_strv *args, struct ddl_error *err);

#endif
