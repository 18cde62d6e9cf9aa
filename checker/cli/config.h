/* config.h - .ddilint.json, the per-project configuration (docs/config.md):
 * rule switches and severities, include directories and macros, excluded
 * paths, and the team's own DDI contracts in the knowledge-base format.
 *
 * A configuration applies to the files under its directory; the nearest one
 * up from a file wins (no merging of several). A malformed one is an error
 * that names the file, the line and the problem. */
#ifndef CLI_CONFIG_H
#define CLI_CONFIG_H

#include "strv.h"
#include "../findings/finding.h"

struct cJSON;
struct kb;

#define CLI_CONFIG_NAME ".ddilint.json"

/* What "rules" says about one rule. */
enum cli_rule_level { CLI_RULE_DEFAULT = 0, CLI_RULE_OFF, CLI_RULE_NOTE, CLI_RULE_WARNING, CLI_RULE_ERROR };

struct cli_config {
	char *path;              /* the file, as found (owned) */
	char *dir;               /* its directory, absolute (owned) */
	char *text;              /* its contents, for the result cache's key (owned) */
	struct cli_strv rule_ids;    /* rules named in "rules" (owned) */
	enum cli_rule_level *levels; /* levels[i] for rule_ids.v[i] (owned) */
	struct cli_strv cc_args; /* -I<abs dir> and -D from "include_dirs" and "defines" (owned) */
	struct cli_strv exclude; /* "exclude" patterns (owned) */
	struct cJSON *ddis;      /* "ddis" entries, checked (owned), or NULL */
	struct cJSON *constants; /* "constants" (owned), or NULL */
	struct kb *kb;           /* the built-in KB with DDIS merged in (owned), or NULL without DDIS */
};

struct cli_kb_base;

/* Load and check the configuration at PATH. User DDI entries are merged
 * into the knowledge base of BASE and checked by the KB loader. Returns a new
 * config owned by the caller (free with cli_config_free), or NULL with ERR
 * naming the file and "line N: problem". */
struct cli_config *cli_config_load(const char *path, const struct cli_kb_base *base, struct ddl_error *err);
void cli_config_free(struct cli_config *c);

/* The level "rules" gives RULE_ID (CLI_RULE_DEFAULT when not named). */
enum cli_rule_level cli_config_rule_level(const struct cli_config *c, const char *rule_id);

/* Does an "exclude" pattern match ABS_PATH (absolute, normalized)? */
bool cli_config_excludes(const struct cli_config *c, const char *abs_path);

/* The path of the configuration that applies to ABS_PATH: the nearest
 * .ddilint.json in its directory or above, stopping after the directory
 * that holds .git (the repository root), shown relative to the working
 * directory when under it. Owned by the caller, or NULL when
 * there is none. */
char *cli_config_find(const char *abs_path);

#endif
