/* process.h - one file from start to finish for a run: analyse it, then
 * apply what its configuration and its source say about the findings
 * (severity overrides, inline suppressions, unused suppressions). The same
 * steps for the -j runner and for --verify. */
#ifndef CLI_PROCESS_H
#define CLI_PROCESS_H

#include "plan.h"
#include "../findings/suppress.h"

struct fe_session;

struct cli_process_opts {
	bool report_unused;                /* add unused-suppression findings */
};

/* Analyse PATH with FE under PROFILE (KB: the profile's, or BASE) and
 * append its findings and file status to OUT. Bad inputs become a failed
 * file in OUT; only internal failures return an error. */
enum ddl_status cli_process_file(struct fe_session *fe, const struct kb *base, const struct cli_profile *profile,
				 const struct cli_process_opts *po, const char *path, struct finding_list *out,
				 struct ddl_error *err);

/* Apply the "rules" severities of PROFILE's configuration to the findings of LIST. */
void cli_apply_severities(const struct cli_profile *profile, struct finding_list *list);

#endif
