/* jsonb.c - building cJSON trees with one failure flag.
 *
 * A SARIF log is hundreds of small cJSON calls; checking each for NULL would
 * bury the structure, so every helper records an allocation failure in the
 * builder and tolerates a NULL parent left by an earlier failure. The caller
 * checks the flag once before printing. Strings are cleaned to valid UTF-8
 * on the way in: a Latin-1 path or comment must not make the output invalid
 * JSON.
 */
#include "report_impl.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Attach ITEM to PARENT (object with KEY, or array); deletes ITEM on failure. */
static cJSON *attach(struct report_jb *jb, cJSON *parent, const char *key, cJSON *item)
{
	bool ok;

	if (!item || !parent) {
		cJSON_Delete(item);
		jb->failed = true;
		return NULL;
	}
	ok = key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item);
	if (!ok) {
		cJSON_Delete(item);
		jb->failed = true;
		return NULL;
	}
	return item;
}

cJSON *report_jobj(struct report_jb *jb, cJSON *parent, const char *key)
{
	return attach(jb, parent, key, parent ? cJSON_CreateObject() : NULL);
}

cJSON *report_jarr(struct report_jb *jb, cJSON *parent, const char *key)
{
	return attach(jb, parent, key, parent ? cJSON_CreateArray() : NULL);
}

void report_jstr(struct report_jb *jb, cJSON *parent, const char *key, const char *s)
{
	cJSON *item;

	if (!parent) {
		jb->failed = true;
		return;
	}
	if (!s) {
		item = cJSON_CreateNull();
	} else if (report_utf8_valid(s)) {
		item = cJSON_CreateString(s);
	} else {
		char *clean = report_utf8_clean(s);

		item = clean ? cJSON_CreateString(clean) : NULL;
		free(clean);
	}
	attach(jb, parent, key, item);
}

void report_jnum(struct report_jb *jb, cJSON *parent, const char *key, double n)
{
	attach(jb, parent, key, parent ? cJSON_CreateNumber(n) : NULL);
}

void report_jbool(struct report_jb *jb, cJSON *parent, const char *key, bool b)
{
	attach(jb, parent, key, parent ? cJSON_CreateBool(b) : NULL);
}

void report_jtext(struct report_jb *jb, cJSON *parent, const char *key, const char *text)
{
	report_jstr(jb, report_jobj(jb, parent, key), "text", text);
}

cJSON *report_jlist(struct report_jb *jb, cJSON *parent, const char *key, const char *list,
		    const char *prefix_digits)
{
	cJSON *arr = report_jarr(jb, parent, key);
	const char *p = list;

	while (arr && p && *p) {
		const char *start, *end;

		while (*p == ' ' || *p == ',')
			p++;
		start = p;
		while (*p && *p != ',')
			p++;
		end = p;
		while (end > start && end[-1] == ' ')
			end--;
		if (end > start) {
			char *item = ddl_asprintf("%s%.*s",
						  prefix_digits && *start >= '0' && *start <= '9' ?
						  prefix_digits : "", (int)(end - start), start);
			const cJSON *seen;
			bool dup = false;

			/* SARIF tags are a set (uniqueItems): keep the first of repeats. */
			cJSON_ArrayForEach(seen, arr)
				if (item && cJSON_IsString(seen) && strcmp(seen->valuestring, item) == 0)
					dup = true;
			if (!dup)
				report_jstr(jb, item ? arr : NULL, NULL, item);
			free(item);
		}
	}
	return arr;
}

enum ddl_status report_jprint(cJSON *root, FILE *out, struct ddl_error *err)
{
	char *text = cJSON_Print(root);
	size_t len;

	cJSON_Delete(root);
	if (!text)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory printing the report");
	len = strlen(text);
	if (fwrite(text, 1, len, out) != len || fputc('\n', out) == EOF) {
		cJSON_free(text);
		return ddl_fail(err, DDL_ERR_IO, NULL, "cannot write the report");
	}
	cJSON_free(text);
	return DDL_OK;
}
