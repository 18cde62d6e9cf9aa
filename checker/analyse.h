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

struct analyse_opts {
	const struct rule *const *rules; /* enabled rules, borrowed */
	unsigned n_rules;
};

/* Analyse PATH and append its findings and its file_result to OUT.
 * A bad input is recorded in OUT (FILE_FAILED), not returned as an error;
 * only internal failures (out of memory) return a status other than DDL_OK. */
enum ddl_status analyse_file(struct fe_session *fe, const struct kb *kb, const struct analyse_opts *opts,
			     const char *path, struct finding_list *out, struct ddl_error *err);

#endif
