/* suppress_names.h - rule lists of suppressions to rules, private to
 * findings/suppress*.c. */
#ifndef SUPPRESS_NAMES_H
#define SUPPRESS_NAMES_H

#include "suppress.h"

#include <stddef.h>
#include <stdint.h>

#define SUPPRESS_ALL_RULES UINT64_MAX
#define SUPPRESS_MAX_RULES 64 /* rules beyond the 64th cannot be named in a suppression */

/* The rules (bit i = RULES[i], N_RULES of them) that LIST (LEN bytes) names:
 * tokens separated by commas or blanks, each an id, a name, an alias, a
 * PREfast number (28159, C28159), a __WARNING_* name, or "*" / "all".
 * 0 when it names none of them. */
uint64_t suppress_rules_of_list(const struct suppress_rule *rules, unsigned n_rules, const char *list, size_t len);

#endif
