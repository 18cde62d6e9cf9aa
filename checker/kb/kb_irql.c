/* kb_irql.c - the knowledge base's IRQL changes and callback roles.
 *
 * Reads each DDI's "irql_change" (what level a call sets, where it keeps the
 * previous level, where the level it restores comes from) and the "roles"
 * (callback types, the IRQL their routines are entered at, and how a routine
 * gets the role: a DDI argument, a struct member store, an export name).
 * Format: docs/knowledge-base.md. Like kb.c, strings point into the cJSON
 * tree the KB owns. The IRQL engine (irql/) is the only reader.
 */
#include "kb_irql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kb_irqldata {
	struct kb_irql_change *changes;     /* one per DDI that has "irql_change" */
	struct kb_irql_to_when *to_when;
	struct kb_role *roles;              /* sorted by name */
	unsigned n_roles;
	struct kb_reg *regs;                /* grouped by role */
	unsigned n_regs;
};

static const char *str_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool level_of(const char *s, enum kb_irql *out)
{
	int l = kb_parse_level(s);

	if (l < 0)
		return false;
	*out = (enum kb_irql)l;
	return true;
}

/* A slot object ({"arg":N,"deref":true,"field":F} or {"return":true}) under KEY. */
static bool parse_slot(const cJSON *obj, const char *key, struct kb_slot *s)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, key), *arg;

	memset(s, 0, sizeof(*s));
	if (!o)
		return true;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "return"))) {
		s->kind = KB_SLOT_RETURN;
		return true;
	}
	arg = cJSON_GetObjectItemCaseSensitive(o, "arg");
	if (!cJSON_IsNumber(arg) || arg->valuedouble < 1 || arg->valuedouble > 32)
		return false;
	s->kind = KB_SLOT_ARG;
	s->arg = (unsigned)arg->valuedouble;
	s->deref = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "deref"));
	s->field = str_of(o, "field");
	return true;
}

static bool parse_change(const cJSON *c, const cJSON *consts, struct kb_irql_change *ch, struct kb_irql_to_when *tw,
			 unsigned *tw_used, const char *name, char *why, size_t why_size)
{
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(c, "to"), *it;

	memset(ch, 0, sizeof(*ch));
	ch->to = KB_IRQL_NONE;
	if (cJSON_IsString(to)) {
		if (!level_of(to->valuestring, &ch->to))
			goto bad;
	} else if (cJSON_IsObject(to)) {
		const cJSON *arg = cJSON_GetObjectItemCaseSensitive(to, "arg");

		if (!cJSON_IsNumber(arg) || arg->valuedouble < 1 || arg->valuedouble > 32)
			goto bad;
		ch->to_arg = (unsigned)arg->valuedouble;
	}
	ch->to_when = tw + *tw_used;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(c, "to_when")) {
		struct kb_irql_to_when *w = &tw[*tw_used];

		if (!kb_parse_cond_json(cJSON_GetObjectItemCaseSensitive(it, "if"), consts, str_of(it, "unknown"),
					&w->cond, why, why_size))
			return false;
		if (!level_of(str_of(it, "to"), &w->to))
			goto bad;
		(*tw_used)++;
		ch->n_to_when++;
	}
	if (!parse_slot(c, "restore", &ch->restore) || !parse_slot(c, "save", &ch->save) ||
	    !parse_slot(c, "record", &ch->record) || !parse_slot(c, "match", &ch->match))
		goto bad;
	if (cJSON_GetObjectItemCaseSensitive(c, "if") &&
	    !kb_parse_cond_json(cJSON_GetObjectItemCaseSensitive(c, "if"), consts, str_of(c, "unknown"), &ch->cond,
				why, why_size))
		return false;
	ch->until_wait = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "until_wait"));
	ch->if_true = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "if_true"));
	ch->raise_only = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "raise_only"));
	ch->holds = str_of(c, "holds");
	return true;
bad:
	snprintf(why, why_size, "'%s': malformed \"irql_change\"", name);
	return false;
}

static int cmp_role(const void *a, const void *b)
{
	return strcmp(((const struct kb_role *)a)->name, ((const struct kb_role *)b)->name);
}

static bool parse_roles(const struct kb *kb, const cJSON *roles, const cJSON *consts, struct kb_irqldata *k, char *why,
			size_t why_size)
{
	const cJSON *r, *g;
	unsigned n_roles = 0, n_regs = 0, i = 0, used = 0;

	cJSON_ArrayForEach(r, roles) {
		n_roles++;
		n_regs += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "registered_by"));
	}
	k->roles = calloc(n_roles + 1, sizeof(*k->roles));
	k->regs = calloc(n_regs + 1, sizeof(*k->regs));
	if (!k->roles || !k->regs) {
		snprintf(why, why_size, "out of memory");
		return false;
	}
	cJSON_ArrayForEach(r, roles) {
		struct kb_role *role = &k->roles[i];

		role->name = str_of(r, "name");
		role->doc = str_of(r, "doc");
		if (!role->name || !level_of(str_of(r, "irql"), &role->irql)) {
			snprintf(why, why_size, "role %u: needs \"name\" and an \"irql\" level", i + 1);
			return false;
		}
		if (!parse_slot(r, "exit_restores", &role->exit_restores)) {
			snprintf(why, why_size, "role '%s': malformed \"exit_restores\"", role->name);
			return false;
		}
		role->n_regs = 0;
		cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(r, "registered_by")) {
			struct kb_reg *reg = &k->regs[used];
			const char *ddi = str_of(g, "ddi"), *rec = str_of(g, "record"), *exp = str_of(g, "export");
			const cJSON *arg = cJSON_GetObjectItemCaseSensitive(g, "arg");

			memset(reg, 0, sizeof(*reg));
			if (ddi) {
				reg->kind = KB_REG_ARG;
				reg->ddi = kb_lookup(kb, ddi);
				if (!reg->ddi || !cJSON_IsNumber(arg) || arg->valuedouble < 1 || arg->valuedouble > 32) {
					snprintf(why, why_size, "role '%s': registration by '%s' needs a DDI of the "
						 "knowledge base and an \"arg\"", role->name, ddi);
					return false;
				}
				reg->arg = (unsigned)arg->valuedouble;
				if (cJSON_GetObjectItemCaseSensitive(g, "if") &&
				    !kb_parse_cond_json(cJSON_GetObjectItemCaseSensitive(g, "if"), consts,
							str_of(g, "unknown"), &reg->cond, why, why_size))
					return false;
			} else if (rec) {
				reg->kind = KB_REG_FIELD;
				reg->record = rec;
				reg->field = str_of(g, "field");
			} else if (exp) {
				reg->kind = KB_REG_EXPORT;
				reg->name = exp;
			}
			if ((reg->kind == KB_REG_FIELD && !reg->field) || (!ddi && !rec && !exp)) {
				snprintf(why, why_size, "role '%s': malformed \"registered_by\"", role->name);
				return false;
			}
			used++;
			role->n_regs++;
		}
		i++;
	}
	k->n_roles = n_roles;
	k->n_regs = used;
	/* Sort the roles, then point every role at its registrations and back. */
	{
		unsigned at = 0, j;
		struct kb_reg *sorted = calloc(used + 1, sizeof(*sorted));

		if (!sorted) {
			snprintf(why, why_size, "out of memory");
			return false;
		}
		for (i = 0; i < n_roles; i++)
			k->roles[i].regs = NULL;
		/* registrations are in input order, grouped by role: remember each group */
		for (i = 0, at = 0; i < n_roles; i++) {
			k->roles[i].regs = k->regs + at;
			at += k->roles[i].n_regs;
		}
		qsort(k->roles, n_roles, sizeof(*k->roles), cmp_role);
		for (i = 0, at = 0; i < n_roles; i++) {
			const struct kb_reg *src = k->roles[i].regs;

			for (j = 0; j < k->roles[i].n_regs; j++) {
				sorted[at + j] = src[j];
				sorted[at + j].role = &k->roles[i];
			}
			k->roles[i].regs = sorted + at;
			at += k->roles[i].n_regs;
		}
		free(k->regs);
		k->regs = sorted;
	}
	return true;
}

struct kb_irqldata *kb_irql_load(const struct kb *kb, const cJSON *root, const cJSON *consts, struct kb_ddi *ddis,
			     unsigned n_ddis, char *why, size_t why_size)
{
	struct kb_irqldata *k = calloc(1, sizeof(*k));
	const cJSON *e, *list = cJSON_GetObjectItemCaseSensitive(root, "ddis");
	unsigned n_changes = 0, n_tw = 0, i = 0, used = 0, tw_used = 0;

	if (!k) {
		snprintf(why, why_size, "out of memory");
		return NULL;
	}
	cJSON_ArrayForEach(e, list) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(e, "irql_change");

		if (cJSON_IsObject(c)) {
			n_changes++;
			n_tw += (unsigned)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "to_when"));
		}
	}
	k->changes = calloc(n_changes + 1, sizeof(*k->changes));
	k->to_when = calloc(n_tw + 1, sizeof(*k->to_when));
	if (!k->changes || !k->to_when) {
		snprintf(why, why_size, "out of memory");
		goto fail;
	}
	cJSON_ArrayForEach(e, list) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(e, "irql_change");

		if (i >= n_ddis)
			break;
		if (cJSON_IsObject(c)) {
			if (!parse_change(c, consts, &k->changes[used], k->to_when, &tw_used, ddis[i].name, why, why_size))
				goto fail;
			ddis[i].irql_change = &k->changes[used++];
		}
		i++;
	}
	if (!parse_roles(kb, cJSON_GetObjectItemCaseSensitive(root, "roles"), consts, k, why, why_size))
		goto fail;
	return k;
fail:
	kb_irql_free(k);
	return NULL;
}

void kb_irql_free(struct kb_irqldata *k)
{
	if (!k)
		return;
	free(k->changes);
	free(k->to_when);
	free(k->roles);
	free(k->regs);
	free(k);
}

const struct kb_role *kb_role_lookup(const struct kb *kb, const char *name)
{
	const struct kb_irqldata *k = kb_irql_data(kb);
	struct kb_role key;

	if (!k || !name || !k->n_roles)
		return NULL;
	key.name = name;
	return bsearch(&key, k->roles, k->n_roles, sizeof(*k->roles), cmp_role);
}

unsigned kb_role_count(const struct kb *kb)
{
	const struct kb_irqldata *k = kb_irql_data(kb);

	return k ? k->n_roles : 0;
}

const struct kb_role *kb_role_get(const struct kb *kb, unsigned i)
{
	return &kb_irql_data(kb)->roles[i];
}

unsigned kb_reg_count(const struct kb *kb)
{
	const struct kb_irqldata *k = kb_irql_data(kb);

	return k ? k->n_regs : 0;
}

const struct kb_reg *kb_reg_get(const struct kb *kb, unsigned i)
{
	return &kb_irql_data(kb)->regs[i];
}
