/* keys.c - the ddilint/v1 fingerprints outside a report, for baselines
 * (findings/baseline.c matches on the same value SARIF and JSON carry). */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(REPORT_FP_SIZE == REPORT_KEY_SIZE, "one fingerprint size");

char *report_finding_keys(const struct finding_list *list, const char *src_root, struct ddl_error *err)
{
	struct report_paths paths;
	struct report_src *src;
	struct report_fp *fps = NULL;
	unsigned n = finding_list_count(list), i;
	char *out = NULL;

	if (!n)
		return NULL;
	if (report_paths_init(&paths, src_root, err) != DDL_OK)
		return NULL;
	src = report_src_new();
	if (src)
		fps = report_fingerprints(list, src, &paths);
	if (fps && (out = malloc((size_t)n * REPORT_KEY_SIZE)))
		for (i = 0; i < n; i++)
			memcpy(out + (size_t)i * REPORT_KEY_SIZE, fps[i].text, REPORT_KEY_SIZE);
	free(fps);
	report_src_free(src);
	report_paths_clear(&paths);
	if (!out)
		ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory computing fingerprints");
	return out;
}
