/* plan.h - what a run analyses, and with what: the list of files (from the
 * command line or a compilation database), the compiler flags of each, and
 * the profile (configuration, knowledge base, enabled rules) that applies.
 * Building the plan reads configurations and the database; it analyses
 * nothing. */
#ifndef CLI_PLAN_H
#define CLI_PLAN_H

#include "compdb.h"
#include "config.h"
#include "options.h"
#include "strv.h"
#include "../analyse.h"
#include "../findings/suppress.h"

struct rule;
struct cli_kb_base;

/* Everything that depends on the configuration a file falls under. */
struct cli_profile {
	struct cli_config *config;  /* owned; NULL for files without one */
	const struct rule **rules;  /* the enabled rules, in table order (owned array) */
	unsigned n_rules;
	struct analyse_opts ao;     /* points at RULES; irql set by the runner */
	struct suppress_rule *srules; /* RULES as suppressions name them (owned array, n_rules) */
};

struct cli_item {
	char *path;                 /* as analysed and reported (owned) */
	char *problem;              /* why it cannot be analysed (owned), or NULL */
	struct cli_strv args;       /* compile-database and configuration flags (owned) */
	unsigned profile;           /* index into the plan's profiles */
};

struct cli_plan {
	struct cli_item *items;
	unsigned n_items;
	struct cli_profile *profiles; /* [0] is the profile of files without a configuration */
	unsigned n_profiles;
	unsigned n_excluded;        /* files dropped by an "exclude" pattern */
	unsigned n_not_in_db;       /* files given on the command line but not in the database */
};

/* Build the plan for O. DB is the loaded compilation database or NULL;
 * BASE the embedded KB's JSON (for configurations that add DDIs). Returns
 * DDL_OK, or an error (a bad configuration, out of memory) in ERR; free
 * PLAN with cli_plan_free either way. */
enum ddl_status cli_plan_build(const struct cli_opts *o, const struct cli_compdb *db, const struct cli_kb_base *base,
			       struct cli_plan *plan, struct ddl_error *err);
void cli_plan_free(struct cli_plan *plan);

/* The KB for PROFILE: its own, or BASE. */
const struct kb *cli_profile_kb(const struct cli_profile *profile, const struct kb *base);

/* Does any profile need the IRQL engine's cross-file phase? */
bool cli_plan_needs_irql(const struct cli_plan *plan);

#endif
