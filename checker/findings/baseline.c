/* baseline.c - read, match and write baselines (see baseline.h). */
#include "baseline.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORMAT_VERSION 1
#define HEX_SIZE 24

struct entry {
	char key[HEX_SIZE]; /* the fingerprint without ":<n>" */
	unsigned left;      /* findings it may still hide */
	const struct finding *first; /* writing only: the first finding with this key */
};

struct baseline {
	struct entry *e;
	unsigned n;
};

static void key_of(const char *fp, char out[HEX_SIZE])
{
	size_t n = strcspn(fp, ":");

	if (n >= HEX_SIZE)
		n = HEX_SIZE - 1;
	memcpy(out, fp, n);
	out[n] = '\0';
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	free(b->e);
	free(b);
}

struct baseline *baseline_load(const char *path, struct ddl_error *err)
{
	size_t len;
	char *text = ddl_read_file(path, &len, err);
	cJSON *root = NULL;
	const cJSON *arr, *it;
	struct baseline *b = NULL;
	unsigned i = 0;

	if (!text)
		return NULL;
	root = cJSON_ParseWithLength(text, len);
	arr = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!root || !cJSON_IsArray(arr) ||
	    !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root, "ddilint_baseline"))) {
		ddl_fail(err, DDL_ERR_PARSE, path, "not a ddilint baseline (write one with --write-baseline)");
		goto done;
	}
	if (cJSON_GetObjectItemCaseSensitive(root, "ddilint_baseline")->valuedouble != FORMAT_VERSION) {
		ddl_fail(err, DDL_ERR_PARSE, path, "baseline format %g is not supported (this ddilint writes %d)",
			 cJSON_GetObjectItemCaseSensitive(root, "ddilint_baseline")->valuedouble, FORMAT_VERSION);
		goto done;
	}
	b = calloc(1, sizeof(*b));
	if (!b || !(b->e = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*b->e)))) {
		ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
		goto fail;
	}
	cJSON_ArrayForEach(it, arr) {
		const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "fingerprint"));
		const cJSON *count = cJSON_GetObjectItemCaseSensitive(it, "count");

		i++;
		if (!fp || !*fp || (count && (!cJSON_IsNumber(count) || count->valuedouble < 1))) {
			ddl_fail(err, DDL_ERR_PARSE, path, "finding %u: needs a \"fingerprint\" and a positive \"count\"", i);
			goto fail;
		}
		key_of(fp, b->e[b->n].key);
		b->e[b->n].left = count ? (unsigned)count->valuedouble : 1;
		b->n++;
	}
	qsort(b->e, b->n, sizeof(*b->e), cmp_entry);
	goto done;
fail:
	baseline_free(b);
	b = NULL;
done:
	cJSON_Delete(root);
	free(text);
	return b;
}

static struct entry *find(struct entry *e, unsigned n, const char *key)
{
	struct entry probe;

	snprintf(probe.key, sizeof(probe.key), "%s", key);
	e = bsearch(&probe, e, n, sizeof(*e), cmp_entry);
	/* Entries with the same key from a hand-edited file: the first with some left. */
	return e;
}

unsigned baseline_apply(struct baseline *b, struct finding_list *list, const char *keys, unsigned key_size)
{
	unsigned i, matched = 0;

	for (i = 0; i < finding_list_count(list); i++) {
		struct finding *f = finding_list_at(list, i);
		char key[HEX_SIZE];
		struct entry *e;

		if (f->suppressed)
			continue;
		key_of(keys + (size_t)i * key_size, key);
		e = find(b->e, b->n, key);
		while (e && e > b->e && strcmp(e[-1].key, key) == 0)
			e--;
		while (e && e < b->e + b->n && strcmp(e->key, key) == 0 && !e->left)
			e++;
		if (e && e < b->e + b->n && strcmp(e->key, key) == 0 && e->left) {
			e->left--;
			f->suppressed = FINDING_SUPPRESSED_BASELINE;
			f->baseline = FINDING_BASELINE_UNCHANGED;
			matched++;
		} else {
			f->baseline = FINDING_BASELINE_NEW;
		}
	}
	return matched;
}

static int cmp_key_then_first(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : a->first < b->first ? -1 : a->first > b->first;
}

static int cmp_written(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->first->loc.file ? a->first->loc.file : "", b->first->loc.file ? b->first->loc.file : "");

	if (c)
		return c;
	if ((c = strcmp(a->first->rule_id, b->first->rule_id)))
		return c;
	return strcmp(a->key, b->key);
}

static const char *relative(const char *file, const char *root)
{
	size_t n = root ? strlen(root) : 0;

	if (file && n && strncmp(file, root, n) == 0 && file[n] == '/')
		return file + n + 1;
	return file ? file : "";
}

/* The document: entries sorted by file, rule and key, so that a baseline
 * kept in version control changes only where findings changed. */
static cJSON *document(struct entry *e, unsigned n, const char *src_root)
{
	cJSON *root = cJSON_CreateObject(), *arr;
	unsigned i;
	bool ok = root != NULL;

	ok = ok && cJSON_AddNumberToObject(root, "ddilint_baseline", FORMAT_VERSION);
	ok = ok && cJSON_AddStringToObject(root, "fingerprint", "ddilint/v1");
	ok = ok && (arr = cJSON_AddArrayToObject(root, "findings"));
	for (i = 0; ok && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		ok = o && cJSON_AddItemToArray(arr, o);
		if (!ok) {
			cJSON_Delete(o);
			break;
		}
		ok = cJSON_AddStringToObject(o, "ruleId", e[i].first->rule_id) &&
		     cJSON_AddStringToObject(o, "file", relative(e[i].first->loc.file, src_root)) &&
		     (!e[i].first->function || cJSON_AddStringToObject(o, "function", e[i].first->function)) &&
		     cJSON_AddStringToObject(o, "fingerprint", e[i].key) &&
		     cJSON_AddNumberToObject(o, "count", e[i].left) &&
		     cJSON_AddStringToObject(o, "message", e[i].first->message ? e[i].first->message : "");
	}
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

static enum ddl_status write_atomic(const char *path, const char *text, struct ddl_error *err)
{
	char *tmp = ddl_asprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f;
	bool ok;

	if (!tmp)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	f = fopen(tmp, "w");
	if (!f) {
		ddl_fail(err, DDL_ERR_IO, path, "cannot write the baseline: %m");
		free(tmp);
		return DDL_ERR_IO;
	}
	ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		ddl_fail(err, DDL_ERR_IO, path, "cannot write the baseline: %m");
		unlink(tmp);
		free(tmp);
		return DDL_ERR_IO;
	}
	free(tmp);
	return DDL_OK;
}

enum ddl_status baseline_write(const char *path, const struct finding_list *list, const char *keys,
			       unsigned key_size, const char *src_root, struct ddl_error *err)
{
	unsigned n = finding_list_count(list), i, k, n_e = 0;
	struct entry *e = calloc(n + 1, sizeof(*e));
	cJSON *doc;
	char *text;
	enum ddl_status st;

	if (!e)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	/* One entry per key, counting its findings; FIRST is the earliest in list order. */
	for (i = 0; i < n; i++) {
		const struct finding *f = finding_list_get(list, i);

		if (f->suppressed == FINDING_SUPPRESSED_IN_SOURCE)
			continue;
		key_of(keys + (size_t)i * key_size, e[n_e].key);
		e[n_e].first = f;
		e[n_e++].left = 1;
	}
	if (n_e)
		qsort(e, n_e, sizeof(*e), cmp_key_then_first);
	for (i = 0, k = 0; i < n_e; i++) {
		if (k && strcmp(e[k - 1].key, e[i].key) == 0)
			e[k - 1].left++;
		else
			e[k++] = e[i];
	}
	n_e = k;
	if (n_e)
		qsort(e, n_e, sizeof(*e), cmp_written);
	doc = document(e, n_e, src_root);
	free(e);
	text = doc ? cJSON_Print(doc) : NULL;
	cJSON_Delete(doc);
	if (!text)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	st = write_atomic(path, text, err);
	free(text);
	return st;
}
