/* kbuser.h - the knowledge base with a team's own DDI contracts added
 * (the "ddis" of .ddilint.json, in the format of rules/ddi-kb.json).
 *
 * The embedded KB's JSON is parsed once; each configuration with entries
 * gets its own KB: the embedded entries, with a user entry replacing the
 * one of the same name and taking over any spelling it lists. Built only
 * through kb_load_text, so the rules for what an entry may say stay in kb/. */
#ifndef CLI_KBUSER_H
#define CLI_KBUSER_H

#include "../ddl.h"
#include "../kb/kb.h"

#include <stddef.h>

struct cJSON;
struct cli_kb_base;

/* The embedded KB's JSON. Owned by the caller (free with cli_kb_base_free), or NULL with ERR. */
struct cli_kb_base *cli_kb_base_new(struct ddl_error *err);
void cli_kb_base_free(struct cli_kb_base *b);

/* The KB with USER_DDIS (an array, borrowed) merged in. ORIGIN names the
 * configuration in errors. The merged entries are the built-in ones kept
 * (*N_BASE of them, may be NULL), then USER_DDIS in order, so that an
 * "entry N" in ERR can be traced to a user entry. Returns a new KB owned by
 * the caller (free with kb_free), or NULL with ERR filled in. */
struct kb *cli_kb_merge(const struct cli_kb_base *b, const struct cJSON *consts, const struct cJSON *user_ddis,
			const char *origin, unsigned *n_base, struct ddl_error *err);

#endif
