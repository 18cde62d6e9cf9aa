/* util.c - small text helpers the reporters share, so that the three formats
 * word the same facts the same way. */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

const struct report_rule_info *report_find_rule(const struct report_run *run, const char *id,
						unsigned *index)
{
	unsigned i;

	for (i = 0; id && i < run->n_rules; i++) {
		if (run->rules[i].id && strcmp(run->rules[i].id, id) == 0) {
			if (index)
				*index = i;
			return &run->rules[i];
		}
	}
	return NULL;
}

char *report_sentence(const char *s)
{
	size_t n = strlen(s ? s : "");
	char *out;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	out = malloc(n + 2);
	if (!out)
		return NULL;
	if (n)
		memcpy(out, s, n);
	if (n == 0 || !strchr(".!?", s[n - 1]))
		out[n++] = '.';
	out[n] = '\0';
	return out;
}

char *report_help_uri(const struct report_run *run, const char *id)
{
	const char *base = run->help_uri_base;
	size_t n;

	if (!base || !*base || !id)
		return NULL;
	n = strlen(base);
	return ddl_asprintf("%s%s%s.md", base, base[n - 1] == '/' ? "" : "/", id);
}

const char *report_file_status_name(enum file_status st)
{
	switch (st) {
	case FILE_ANALYSED: return "analysed";
	case FILE_PARTIAL: return "partial";
	case FILE_FAILED: return "failed";
	}
	return "failed";
}

char *report_file_status_text(const struct file_result *r)
{
	char *head, *out;

	if (r->status == FILE_FAILED)
		return ddl_asprintf("analysis failed: %s", r->reason ? r->reason : "unknown reason");
	if (r->status != FILE_PARTIAL)
		return NULL;
	if (r->n_errors)
		head = ddl_asprintf("analysis partial: %u compiler error%s%s%s", r->n_errors,
				    r->n_errors == 1 ? "" : "s", r->reason ? ", first: " : "",
				    r->reason ? r->reason : "");
	else
		head = ddl_asprintf("analysis partial: %s", r->reason ? r->reason : "unknown reason");
	if (!head || r->n_skipped == 0)
		return head;
	out = ddl_asprintf("%s; %u of %u function bodies skipped", head, r->n_skipped,
			   r->n_skipped + r->n_functions);
	free(head);
	return out;
}
