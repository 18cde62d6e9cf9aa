/* config.c - load, check and query .ddilint.json (docs/config.md).
 *
 * Every problem is an error naming the file and the line (found again in
 * the text by cli_json_line, since cJSON keeps no positions): a typo in a
 * rule id or a key is reported, never silently ignored. */
#include "config.h"
#include "jsonpos.h"
#include "kbuser.h"
#include "paths.h"
#include "rules/rule.h"

#include <cJSON.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const known_keys[] = {
	"$schema", "description", "rules", "include_dirs", "defines", "exclude", "ddis", "constants", NULL,
};

static const char *const level_names[] = { "on", "off", "note", "warning", "error", NULL };

void cli_config_free(struct cli_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->dir);
	free(c->text);
	cli_strv_free(&c->rule_ids);
	free(c->levels);
	cli_strv_free(&c->cc_args);
	cli_strv_free(&c->exclude);
	cJSON_Delete(c->ddis);
	cJSON_Delete(c->constants);
	kb_free(c->kb);
	free(c);
}

struct loader {
	struct cli_config *c;
	const char *text;
	struct ddl_error *err;
};

/* Fail with "line N: message" for the value at the path (up to 3 steps). */
static enum ddl_status fail_at(struct loader *l, const char *k1, const char *k2, const char *k3,
			       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static enum ddl_status fail_at(struct loader *l, const char *k1, const char *k2, const char *k3,
			       const char *fmt, ...)
{
	const char *path[3] = { k1, k2, k3 };
	unsigned n = k3 ? 3 : k2 ? 2 : k1 ? 1 : 0, line = cli_json_line(l->text, path, n);
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ddl_fail(l->err, DDL_ERR_PARSE, l->c->path, "line %u: %s", line ? line : 1, msg);
}

static enum ddl_status nomem(struct loader *l)
{
	return ddl_fail(l->err, DDL_ERR_NOMEM, l->c->path, "out of memory");
}

static enum ddl_status load_rules(struct loader *l, const cJSON *rules)
{
	const cJSON *r;
	unsigned n = 0;

	if (!cJSON_IsObject(rules))
		return fail_at(l, "rules", NULL, NULL, "\"rules\" must be an object of rule id -> on|off|note|warning|error");
	l->c->levels = calloc((size_t)cJSON_GetArraySize(rules) + 1, sizeof(*l->c->levels));
	if (!l->c->levels)
		return nomem(l);
	cJSON_ArrayForEach(r, rules) {
		unsigned k;

		if (!rule_find(r->string))
			return fail_at(l, "rules", r->string, NULL, "unknown rule '%s' (see ddilint --list-rules)",
				       r->string);
		if (!cJSON_IsString(r))
			return fail_at(l, "rules", r->string, NULL, "the value for '%s' must be a string", r->string);
		for (k = 0; level_names[k]; k++)
			if (strcmp(r->valuestring, level_names[k]) == 0)
				break;
		if (!level_names[k])
			return fail_at(l, "rules", r->string, NULL,
				       "'%s' is not a rule setting (on, off, note, warning or error)", r->valuestring);
		if (cli_strv_add(&l->c->rule_ids, r->string) != DDL_OK)
			return nomem(l);
		l->c->levels[n++] = (enum cli_rule_level)k; /* the order of level_names */
	}
	return DDL_OK;
}

/* An array of strings under KEY, each passed to ADD. */
static enum ddl_status load_strings(struct loader *l, const cJSON *arr, const char *key,
				    enum ddl_status (*add)(struct loader *l, const char *key, unsigned i, const char *s))
{
	const cJSON *s;
	unsigned i = 0;
	enum ddl_status st;

	if (!cJSON_IsArray(arr))
		return fail_at(l, key, NULL, NULL, "\"%s\" must be an array of strings", key);
	cJSON_ArrayForEach(s, arr) {
		char idx[16];

		snprintf(idx, sizeof(idx), "#%u", i);
		if (!cJSON_IsString(s) || !*s->valuestring)
			return fail_at(l, key, idx, NULL, "\"%s\" must hold non-empty strings", key);
		if ((st = add(l, key, i, s->valuestring)) != DDL_OK)
			return st;
		i++;
	}
	return DDL_OK;
}

static enum ddl_status add_include(struct loader *l, const char *key, unsigned i, const char *s)
{
	char *abs = cli_path_abs(l->c->dir, s);

	(void)key;
	(void)i;
	if (!abs)
		return nomem(l);
	return cli_strv_take(&l->c->cc_args, ddl_asprintf("-I%s", abs)) == DDL_OK ? (free(abs), DDL_OK) :
										      (free(abs), nomem(l));
}

static enum ddl_status add_define(struct loader *l, const char *key, unsigned i, const char *s)
{
	char idx[16];

	snprintf(idx, sizeof(idx), "#%u", i);
	if (s[0] == '=' || s[0] == '-' || strchr(s, ' '))
		return fail_at(l, key, idx, NULL, "'%s' is not a macro definition (NAME or NAME=VALUE)", s);
	return cli_strv_take(&l->c->cc_args, ddl_asprintf("-D%s", s)) == DDL_OK ? DDL_OK : nomem(l);
}

static enum ddl_status add_exclude(struct loader *l, const char *key, unsigned i, const char *s)
{
	char *p = ddl_strdup(s);
	size_t n;

	(void)key;
	(void)i;
	if (!p)
		return nomem(l);
	n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0'; /* "dir/" means the directory */
	return cli_strv_take(&l->c->exclude, p) == DDL_OK ? DDL_OK : nomem(l);
}

/* The 1-based index of the entry of DDIS whose name MSG quotes ('Name'),
 * or with MENTIONS, of the first entry that holds any name MSG quotes; 0 if none. */
static unsigned entry_named(const cJSON *ddis, const char *msg, bool mentions)
{
	const cJSON *e;
	unsigned i = 0;

	cJSON_ArrayForEach(e, ddis) {
		const char *name = cJSON_GetObjectItemCaseSensitive(e, "name")->valuestring;
		char *text = mentions ? cJSON_PrintUnformatted(e) : NULL;
		const char *q;

		i++;
		for (q = strchr(msg, '\''); q; q = strchr(q + 1, '\'')) {
			const char *end = strchr(q + 1, '\'');
			char want[300];

			if (!end)
				break;
			snprintf(want, sizeof(want), "\"%.*s\"", (int)(end - q - 1), q + 1);
			if (mentions ? text && strstr(text, want) : strlen(name) == (size_t)(end - q - 1) &&
							      strncmp(name, q + 1, (size_t)(end - q - 1)) == 0) {
				free(text);
				return i;
			}
			q = end;
		}
		free(text);
	}
	return 0;
}

static enum ddl_status load_ddis(struct loader *l, const struct cli_kb_base *base, cJSON *root)
{
	cJSON *ddis = cJSON_DetachItemFromObjectCaseSensitive(root, "ddis");
	cJSON *consts = cJSON_DetachItemFromObjectCaseSensitive(root, "constants");
	cJSON *e;
	unsigned i = 0;

	l->c->ddis = ddis;
	l->c->constants = consts;
	if (consts) {
		const cJSON *k;

		if (!cJSON_IsObject(consts))
			return fail_at(l, "constants", NULL, NULL, "\"constants\" must be an object of name -> integer");
		cJSON_ArrayForEach(k, consts)
			if (!cJSON_IsNumber(k))
				return fail_at(l, "constants", k->string, NULL, "constant '%s' must be an integer",
					       k->string);
	}
	if (!ddis)
		return DDL_OK;
	if (!cJSON_IsArray(ddis))
		return fail_at(l, "ddis", NULL, NULL, "\"ddis\" must be an array of knowledge-base entries");
	cJSON_ArrayForEach(e, ddis) {
		char idx[16];

		snprintf(idx, sizeof(idx), "#%u", i++);
		if (!cJSON_IsObject(e) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "name")))
			return fail_at(l, "ddis", idx, NULL, "DDI entry %u: an object with a \"name\"", i);
		/* A team's wrapper has no docs page: the configuration stands in. */
		if (!cJSON_GetObjectItemCaseSensitive(e, "doc")) {
			char *doc = ddl_asprintf("file://%s/%s", l->c->dir, CLI_CONFIG_NAME);

			if (!doc || !cJSON_AddStringToObject(e, "doc", doc)) {
				free(doc);
				return nomem(l);
			}
			free(doc);
		}
		if (!cJSON_GetObjectItemCaseSensitive(e, "names") && !cJSON_AddArrayToObject(e, "names"))
			return nomem(l);
	}
	/* The knowledge base's own loader judges the entries, together with the
	 * built-in ones they refer to; its error is traced back to a line. */
	{
		struct ddl_error kerr = { 0 };
		unsigned n_base = 0, entry;
		const char *msg = kerr.msg;

		l->c->kb = cli_kb_merge(base, consts, ddis, l->c->path, &n_base, &kerr);
		if (l->c->kb)
			return DDL_OK;
		if (kerr.status == DDL_ERR_NOMEM)
			return nomem(l);
		if (sscanf(kerr.msg, "entry %u:", &entry) == 1 && entry > n_base &&
		    entry - n_base <= (unsigned)cJSON_GetArraySize(ddis)) {
			char idx[16];

			snprintf(idx, sizeof(idx), "#%u", entry - n_base - 1);
			msg = strchr(kerr.msg, ':') + 1;
			while (*msg == ' ')
				msg++;
			return fail_at(l, "ddis", idx, NULL, "DDI entry %u: %s", entry - n_base, msg);
		}
		/* A problem between entries: the user entry it names, else the
		 * one that mentions a name it quotes. */
		if ((entry = entry_named(ddis, kerr.msg, false)) || (entry = entry_named(ddis, kerr.msg, true))) {
			char idx[16];

			snprintf(idx, sizeof(idx), "#%u", entry - 1);
			return fail_at(l, "ddis", idx, NULL, "DDI entry %u: %s", entry, kerr.msg);
		}
		return fail_at(l, "ddis", NULL, NULL, "%s", kerr.msg);
	}

}

struct cli_config *cli_config_load(const char *path, const struct cli_kb_base *base, struct ddl_error *err)
{
	struct loader l = { NULL, NULL, err };
	size_t len;
	char *text = NULL, *abs = NULL;
	cJSON *root = NULL;
	const cJSON *it;
	enum ddl_status st = DDL_OK;

	l.c = calloc(1, sizeof(*l.c));
	if (!l.c || !(l.c->path = ddl_strdup(path)) || !(abs = cli_path_abs(NULL, path)) ||
	    !(l.c->dir = cli_path_dir(abs))) {
		ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
		goto fail;
	}
	if (!(text = ddl_read_file(path, &len, err)))
		goto fail;
	l.text = text;
	root = cJSON_ParseWithLength(text, len);
	if (!root) {
		ddl_fail(err, DDL_ERR_PARSE, path, "line %u: not valid JSON here",
			 cli_text_line(text, cJSON_GetErrorPtr()));
		goto fail;
	}
	if (!cJSON_IsObject(root)) {
		ddl_fail(err, DDL_ERR_PARSE, path, "line 1: a configuration is a JSON object");
		goto fail;
	}
	cJSON_ArrayForEach(it, root) {
		unsigned k;

		for (k = 0; known_keys[k]; k++)
			if (strcmp(it->string, known_keys[k]) == 0)
				break;
		if (!known_keys[k]) {
			st = fail_at(&l, it->string, NULL, NULL,
				     "unknown key '%s' (rules, include_dirs, defines, exclude, ddis, constants)",
				     it->string);
			goto fail;
		}
	}
	if ((it = cJSON_GetObjectItemCaseSensitive(root, "rules")) && (st = load_rules(&l, it)) != DDL_OK)
		goto fail;
	if ((it = cJSON_GetObjectItemCaseSensitive(root, "include_dirs")) &&
	    (st = load_strings(&l, it, "include_dirs", add_include)) != DDL_OK)
		goto fail;
	if ((it = cJSON_GetObjectItemCaseSensitive(root, "defines")) &&
	    (st = load_strings(&l, it, "defines", add_define)) != DDL_OK)
		goto fail;
	if ((it = cJSON_GetObjectItemCaseSensitive(root, "exclude")) &&
	    (st = load_strings(&l, it, "exclude", add_exclude)) != DDL_OK)
		goto fail;
	if ((st = load_ddis(&l, base, root)) != DDL_OK)
		goto fail;
	cJSON_Delete(root);
	l.c->text = text;
	free(abs);
	return l.c;
fail:
	(void)st;
	cJSON_Delete(root);
	free(text);
	free(abs);
	cli_config_free(l.c);
	return NULL;
}

enum cli_rule_level cli_config_rule_level(const struct cli_config *c, const char *rule_id)
{
	unsigned i;

	for (i = 0; c && i < c->rule_ids.n; i++)
		if (strcmp(c->rule_ids.v[i], rule_id) == 0)
			return c->levels[i];
	return CLI_RULE_DEFAULT;
}

/* A pattern without '/' matches any single component (a file or directory
 * name, like .gitignore); one with '/' matches the path from the
 * configuration's directory, or any leading directory part of it. */
bool cli_config_excludes(const struct cli_config *c, const char *abs_path)
{
	const char *rel;
	unsigned i;

	if (!c || !c->exclude.n || !cli_path_under(abs_path, c->dir))
		return false;
	rel = abs_path + strlen(c->dir);
	while (*rel == '/')
		rel++;
	for (i = 0; i < c->exclude.n; i++) {
		const char *pat = c->exclude.v[i];
		char buf[4096];
		const char *p;

		if (pat[0] == '/')
			pat++;
		if (!strchr(pat, '/')) {
			for (p = rel; *p;) {
				size_t n = strcspn(p, "/");

				snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
				if (fnmatch(pat, buf, 0) == 0)
					return true;
				p += n;
				while (*p == '/')
					p++;
			}
			continue;
		}
		for (p = rel; p;) {
			p = strchr(p, '/');
			snprintf(buf, sizeof(buf), "%.*s", p ? (int)(p - rel) : (int)strlen(rel), rel);
			if (fnmatch(pat, buf, FNM_PATHNAME) == 0)
				return true;
			if (p)
				p++;
		}
	}
	return false;
}

char *cli_config_find(const char *abs_path)
{
	char *dir = cli_path_dir(abs_path);

	while (dir) {
		struct stat sb;
		char *cand = ddl_asprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", CLI_CONFIG_NAME);
		char *git = ddl_asprintf("%s%s.git", dir, strcmp(dir, "/") ? "/" : "");
		bool top = strcmp(dir, "/") == 0 || (git && stat(git, &sb) == 0);
		char *up;

		free(git);
		if (cand && stat(cand, &sb) == 0 && S_ISREG(sb.st_mode)) {
			char *shown = cli_path_display(cand);

			free(cand);
			free(dir);
			return shown;
		}
		free(cand);
		if (top)
			break;
		up = cli_path_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return NULL;
}
