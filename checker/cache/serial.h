/* serial.h - findings and file results to JSON and back (cJSON), for the
 * result cache. Only the cache reads what this writes: the format is
 * versioned by RCACHE_FORMAT in rcache.c, not documented for users. */
#ifndef CACHE_SERIAL_H
#define CACHE_SERIAL_H

#include "../findings/finding.h"

#include <cjson/cJSON.h>
#include <stdbool.h>

/* F as a new JSON object owned by the caller (free with cJSON_Delete), or
 * NULL when out of memory or when F holds something that cannot be read
 * back the same (a note kind or rule the reader would not know). */
cJSON *cache_finding_to_json(const struct finding *f);
cJSON *cache_file_result_to_json(const struct file_result *r);

/* Back from JSON into *F / *R (zeroed first; free with finding_clear /
 * file_result_clear). False, with nothing owned, when J is not what the
 * writer wrote: the cache then treats the entry as a miss. */
bool cache_finding_from_json(const cJSON *j, struct finding *f);
bool cache_file_result_from_json(const cJSON *j, struct file_result *r);

#endif
