/* analyse.h - one input file, start to finish: parse (frontend), walk
 * (engine), run the enabled rules on every event, collect the findings and
 * the file's status. The only module that joins the engines to rules/. */
#ifndef ANALYSE_H
#define ANALYSE_H

#include "ddl.h"
#include "findings/finding.h"
#include "frontend/fe.h"
#include "kb/kb.h"

struct rule;
struct irql_program;
struct rcache;

struct analyse_opts {
	const struct rule *const *rules; /* enabled rules, borrowed */
	unsigned n_rules;
	const struct irql_program *irql; /* solved cross-file IRQL facts, or NULL (borrowed) */
	/* Result cache (cache/rcache.h), or NULL: none (borrowed). CACHE_SALT
	 * names whatever else decides the findings besides the file, its flags,
	 * the binaries and RULES: the configuration's contents and any DDIs it
	 * adds (borrowed, NULL when there is none). */
	struct rcache *cache;
	const char *cache_salt;
	/* With cross-file IRQL facts (IRQL set), a file's findings depend on
	 * every file of the run: they are cached only under PROGRAM_KEY, a hash
	 * of all the run's files, their flags and contents (borrowed, or NULL:
	 * such a run is not cached). CACHE_ONLY: answer from the cache or add
	 * nothing at all (the probe before a run decides whether it can skip
	 * building the IRQL program). */
	const char *program_key;
	bool cache_only;
};

/* Do the enabled rules need the IRQL engine (and so, with several files,
 * the summarising phase 1 of analyse_summarise)? */
bool analyse_needs_irql(const struct analyse_opts *opts);

/* Phase 1 of a multi-file run: parse PATH and add its IRQL summaries to
 * PROG. A file that does not parse is skipped here (phase 2 reports it). */
enum ddl_status analyse_summarise(struct fe_session *fe, const struct kb *kb, const char *path,
				  struct irql_program *prog, struct ddl_error *err);

/* Analyse PATH and append its findings and its file_result to OUT.
 * A bad input is recorded in OUT (FILE_FAILED), not returned as an error;
 * only internal failures (out of memory) return a status other than DDL_OK. */
enum ddl_status analyse_file(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *opts,
			     const char *path, struct finding_list *out, struct ddl_error *err);

#endif
