/* kb_irql.h - private to kb/: loading IRQL changes and callback roles
 * (kb_irql.c) alongside the rest of the knowledge base (kb.c). */
#ifndef KB_IRQL_H
#define KB_IRQL_H

#include "kb.h"

#include <cJSON.h>
#include <stddef.h>

struct kb_irqldata;

/* Parse every DDI's "irql_change" (DDIS[i] is the I-th item of ROOT's "ddis")
 * and the "roles". KB is complete except for this part (names resolve).
 * Returns a new block owned by the KB (free with kb_irql_free), or NULL with
 * WHY filled in. Sets DDIS[i].irql_change. */
struct kb_irqldata *kb_irql_load(const struct kb *kb, const cJSON *root, const cJSON *consts, struct kb_ddi *ddis,
			     unsigned n_ddis, char *why, size_t why_size);
void kb_irql_free(struct kb_irqldata *k);

/* kb.c: the KB's IRQL block, and its condition and level syntax. */
const struct kb_irqldata *kb_irql_data(const struct kb *kb);
bool kb_parse_cond_json(const cJSON *obj, const cJSON *consts, const char *unknown, struct kb_cond *c, char *why,
			size_t why_size);
int kb_parse_level(const char *s); /* enum kb_irql, or < 0 when S is not a level */

#endif
