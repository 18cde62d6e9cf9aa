/* baseline.h - a record of the findings a team has accepted, so that a
 * run on an old driver shows only new ones (--baseline, --write-baseline).
 *
 * Findings are matched by their "ddilint/v1" fingerprint, the one SARIF and
 * JSON carry (report_finding_keys): rule, file, the finding's source line
 * without whitespace and the enclosing function - never the line number,
 * so unrelated edits that shift lines keep the match. The occurrence suffix
 * is dropped and replaced by a count, so that two equal findings in one
 * function are two entries' worth: a third one is new. Format: docs/suppressions.md. */
#ifndef BASELINE_H
#define BASELINE_H

#include "finding.h"

struct baseline;

/* Read the baseline at PATH. Returns a new baseline owned by the caller
 * (free with baseline_free), or NULL with ERR naming the file and the problem. */
struct baseline *baseline_load(const char *path, struct ddl_error *err);
void baseline_free(struct baseline *b);

/* Mark the findings of LIST that B records (not those already suppressed in
 * the source): suppressed = FINDING_SUPPRESSED_BASELINE, baseline =
 * UNCHANGED; every other finding gets baseline = NEW. KEYS holds the
 * fingerprint of finding i at i * KEY_SIZE. Returns how many were matched. */
unsigned baseline_apply(struct baseline *b, struct finding_list *list, const char *keys, unsigned key_size);

/* Write every finding of LIST not suppressed in the source to PATH
 * (atomically), with KEYS as above. SRC_ROOT (absolute) makes file names
 * relative. Returns DDL_OK or an error in ERR. */
enum ddl_status baseline_write(const char *path, const struct finding_list *list, const char *keys,
			       unsigned key_size, const char *src_root, struct ddl_error *err);

#endif
