/* kbuser.c - the embedded knowledge base plus a configuration's own entries. */
#include "kbuser.h"
#include "../embedded.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cli_kb_base {
	cJSON *root;
};

struct cli_kb_base *cli_kb_base_new(struct ddl_error *err)
{
	const struct ddl_embedded_file *f = ddl_embedded_find("rules/ddi-kb.json");
	struct cli_kb_base *b;

	if (!f) {
		ddl_fail(err, DDL_ERR_IO, "rules/ddi-kb.json", "knowledge base not embedded in this build");
		return NULL;
	}
	b = calloc(1, sizeof(*b));
	if (!b || !(b->root = cJSON_ParseWithLength(f->data, f->size))) {
		free(b);
		ddl_fail(err, DDL_ERR_NOMEM, "<embedded>/rules/ddi-kb.json", "cannot parse the embedded knowledge base");
		return NULL;
	}
	return b;
}

void cli_kb_base_free(struct cli_kb_base *b)
{
	if (!b)
		return;
	cJSON_Delete(b->root);
	free(b);
}

/* The base constants with the user's added (a user name wins). */
static cJSON *merged_constants(const struct cli_kb_base *b, const cJSON *consts)
{
	cJSON *out = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(b->root, "constants"), 1);
	const cJSON *c;

	if (!out)
		out = cJSON_CreateObject();
	if (!out)
		return NULL;
	cJSON_ArrayForEach(c, consts) {
		cJSON *dup = cJSON_Duplicate(c, 1);

		cJSON_DeleteItemFromObjectCaseSensitive(out, c->string);
		if (!dup || !cJSON_AddItemToObject(out, c->string, dup)) {
			cJSON_Delete(dup);
			cJSON_Delete(out);
			return NULL;
		}
	}
	return out;
}

static struct kb *load(cJSON *doc, const char *origin, struct ddl_error *err)
{
	char *text = cJSON_PrintUnformatted(doc);
	struct kb *kb;

	if (!text) {
		ddl_fail(err, DDL_ERR_NOMEM, origin, "out of memory");
		return NULL;
	}
	kb = kb_load_text(text, origin, err);
	free(text);
	return kb;
}

static bool spelled(const cJSON *names, const char *s)
{
	const cJSON *n;

	cJSON_ArrayForEach(n, names)
		if (cJSON_IsString(n) && strcmp(n->valuestring, s) == 0)
			return true;
	return false;
}

/* Remove from DDIS what USER takes over: the entry of the same name or of a
 * spelling USER lists, and USER's spellings from other entries. */
static void make_room(cJSON *ddis, const cJSON *user)
{
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(user, "name"));
	const cJSON *unames = cJSON_GetObjectItemCaseSensitive(user, "names");
	cJSON *e = ddis->child, *next;

	for (; e; e = next) {
		const char *en = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));
		cJSON *names = cJSON_GetObjectItemCaseSensitive(e, "names");
		int i;

		next = e->next;
		if (en && (strcmp(en, name) == 0 || spelled(unames, en))) {
			cJSON_Delete(cJSON_DetachItemViaPointer(ddis, e));
			continue;
		}
		for (i = cJSON_GetArraySize(names) - 1; i >= 0; i--) {
			const char *s = cJSON_GetStringValue(cJSON_GetArrayItem(names, i));

			if (s && (strcmp(s, name) == 0 || spelled(unames, s)))
				cJSON_DeleteItemFromArray(names, i);
		}
	}
}

struct kb *cli_kb_merge(const struct cli_kb_base *b, const cJSON *consts, const cJSON *user_ddis,
			const char *origin, unsigned *n_base, struct ddl_error *err)
{
	cJSON *doc = cJSON_Duplicate(b->root, 1), *c = merged_constants(b, consts), *ddis;
	const cJSON *u;
	struct kb *kb;

	if (!doc || !c)
		goto nomem;
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "constants");
	if (!cJSON_AddItemToObject(doc, "constants", c))
		goto nomem;
	c = NULL;
	ddis = cJSON_GetObjectItemCaseSensitive(doc, "ddis");
	if (!cJSON_IsArray(ddis))
		goto nomem;
	cJSON_ArrayForEach(u, user_ddis) {
		cJSON *dup;

		make_room(ddis, u);
		dup = cJSON_Duplicate(u, 1);
		if (!dup || !cJSON_AddItemToArray(ddis, dup)) {
			cJSON_Delete(dup);
			goto nomem;
		}
	}
	if (n_base)
		*n_base = (unsigned)(cJSON_GetArraySize(ddis) - cJSON_GetArraySize(user_ddis));
	kb = load(doc, origin, err);
	cJSON_Delete(doc);
	return kb;
nomem:
	cJSON_Delete(c);
	cJSON_Delete(doc);
	ddl_fail(err, DDL_ERR_NOMEM, origin, "out of memory");
	return NULL;
}
