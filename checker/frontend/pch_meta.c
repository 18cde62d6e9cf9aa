/* pch_meta.c - the metadata beside each PCH (<key>.json): what its build
 * saw (errors, every file it read with its size and content hash, the
 * inclusion list), written at the build and read, and checked against the
 * files as they are now, before a PCH is used. */
#include "pch_impl.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool fe_pch_file_matches(struct fe_pch_store *st, const char *path, const char *hash)
{
	struct checked *nc;
	unsigned i;

	for (i = 0; i < st->n_checked; i++)
		if (strcmp(st->checked[i].path, path) == 0)
			return strcmp(st->checked[i].hash, hash) == 0;
	nc = realloc(st->checked, (st->n_checked + 1) * sizeof(*nc));
	if (!nc)
		return false;
	st->checked = nc;
	nc = &st->checked[st->n_checked];
	if (!(nc->path = ddl_strdup(path)))
		return false;
	if (cache_hash_file(path, nc->hash) != 0)
		nc->hash[0] = '\0';
	st->n_checked++;
	return strcmp(nc->hash, hash) == 0;
}

/* --- metadata ---------------------------------------------------------------------- */

/* USABLE false with PREFIX_LEN > 0: use the PCH of the first PREFIX_LEN
 * names of the prefix instead (a later one has no include guard). */
int fe_pch_write_meta(struct fe_pch_store *st, const struct fe_pch *p, const struct fe_prefix *pre,
		      bool usable, const char *why, unsigned prefix_len)
{
	cJSON *root = cJSON_CreateObject(), *a, *item;
	char *text = NULL, hash[CACHE_HASH_HEX];
	unsigned i;
	int rc = -1;

	if (!root)
		return -1;
	cJSON_AddNumberToObject(root, "format", META_FORMAT);
	cJSON_AddBoolToObject(root, "usable", usable);
	cJSON_AddStringToObject(root, "why", why ? why : "");
	cJSON_AddNumberToObject(root, "prefix_len", prefix_len);
	a = cJSON_AddArrayToObject(root, "includes");
	for (i = 0; a && i < pre->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(pre->names[i]));
	cJSON_AddNumberToObject(root, "n_errors", p->n_errors);
	a = cJSON_AddArrayToObject(root, "errors");
	for (i = 0; a && i < p->n_kept; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(p->errors[i]));
	a = cJSON_AddArrayToObject(root, "files");
	for (i = 0; a && i < p->n_files; i++) {
		struct stat sb;

		if (stat(p->files[i], &sb) != 0 || !S_ISREG(sb.st_mode) || cache_hash_file(p->files[i], hash) != 0)
			goto out; /* a file we cannot check again: do not store */
		item = cJSON_CreateArray();
		cJSON_AddItemToArray(item, cJSON_CreateString(p->files[i]));
		cJSON_AddItemToArray(item, cJSON_CreateNumber((double)sb.st_size));
		cJSON_AddItemToArray(item, cJSON_CreateString(hash));
		cJSON_AddItemToArray(a, item);
	}
	a = cJSON_AddArrayToObject(root, "inclusions");
	for (i = 0; a && i < p->n_incl; i++) {
		item = cJSON_CreateArray();
		cJSON_AddItemToArray(item, cJSON_CreateNumber(p->incl_file[i]));
		cJSON_AddItemToArray(item, cJSON_CreateNumber(p->incl_depth[i]));
		cJSON_AddItemToArray(a, item);
	}
	text = cJSON_PrintUnformatted(root);
	if (text && fe_pch_write_atomic(p->meta_path, text, strlen(text)) == 0)
		rc = 0;
out:
	free(text);
	cJSON_Delete(root);
	(void)st;
	return rc;
}

static bool json_uint(const cJSON *item, unsigned *out)
{
	if (!cJSON_IsNumber(item) || item->valuedouble < 0 || item->valuedouble > 4294967295.0)
		return false;
	*out = (unsigned)item->valuedouble;
	return true;
}

/* Read P's metadata. FE_PCH_OK fills P; the others leave it partly filled
 * (free it). FE_PCH_UNUSABLE sets *PREFIX_LEN (see write_meta). */
enum fe_pch_load fe_pch_load_meta(struct fe_pch_store *st, struct fe_pch *p, unsigned *prefix_len)
{
	size_t len;
	char *text = ddl_read_file(p->meta_path, &len, NULL);
	cJSON *root, *a, *item;
	enum fe_pch_load res = FE_PCH_STALE;

	if (!text)
		return FE_PCH_MISSING;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!root)
		return FE_PCH_STALE;
	item = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsNumber(item) || item->valuedouble != META_FORMAT)
		goto out;
	/* Every file the build read must still be what it was. */
	a = cJSON_GetObjectItemCaseSensitive(root, "files");
	if (!cJSON_IsArray(a))
		goto out;
	cJSON_ArrayForEach(item, a) {
		const cJSON *path = cJSON_GetArrayItem(item, 0), *hash = cJSON_GetArrayItem(item, 2);
		unsigned index;

		if (!cJSON_IsString(path) || !cJSON_IsString(hash) || !fe_pch_file_matches(st, path->valuestring, hash->valuestring) ||
		    fe_pch_add_file(p, path->valuestring, &index) != 0)
			goto out;
	}
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "usable"))) {
		if (json_uint(cJSON_GetObjectItemCaseSensitive(root, "prefix_len"), prefix_len))
			res = FE_PCH_UNUSABLE;
		goto out;
	}
	if (!json_uint(cJSON_GetObjectItemCaseSensitive(root, "n_errors"), &p->n_errors))
		goto out;
	a = cJSON_GetObjectItemCaseSensitive(root, "errors");
	if (!cJSON_IsArray(a) || !(p->errors = calloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(*p->errors))))
		goto out;
	cJSON_ArrayForEach(item, a) {
		if (!cJSON_IsString(item) || !(p->errors[p->n_kept] = ddl_strdup(item->valuestring)))
			goto out;
		p->n_kept++;
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "inclusions");
	if (!cJSON_IsArray(a))
		goto out;
	cJSON_ArrayForEach(item, a) {
		unsigned f, d;

		if (!json_uint(cJSON_GetArrayItem(item, 0), &f) || !json_uint(cJSON_GetArrayItem(item, 1), &d) ||
		    f >= p->n_files || fe_pch_add_inclusion(p, f, d) != 0)
			goto out;
	}
	if (fe_pch_finish_files(p) != 0 || access(p->pch_path, R_OK) != 0)
		goto out;
	res = FE_PCH_OK;
out:
	cJSON_Delete(root);
	return res;
}

