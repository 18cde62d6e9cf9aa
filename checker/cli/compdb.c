/* compdb.c - compile_commands.json into entries (see compdb.h). */
#include "compdb.h"
#include "ccflags.h"
#include "cmdline.h"
#include "paths.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_compdb_free(struct cli_compdb *db)
{
	unsigned i;

	for (i = 0; i < db->n; i++) {
		free(db->entries[i].file);
		free(db->entries[i].real);
		cli_strv_free(&db->entries[i].args);
	}
	free(db->entries);
	free(db->path);
	cli_strv_free(&db->dropped);
	memset(db, 0, sizeof(*db));
}

const struct cli_compdb_entry *cli_compdb_find(const struct cli_compdb *db, const char *real)
{
	unsigned i;

	for (i = 0; i < db->n; i++)
		if (strcmp(db->entries[i].real, real) == 0)
			return &db->entries[i];
	return NULL;
}

static bool is_c_file(const char *path)
{
	size_t n = strlen(path);

	return n > 2 && strcmp(path + n - 2, ".c") == 0;
}

/* The command's argument vector: "arguments" as given, or "command" split. */
static enum ddl_status entry_argv(const cJSON *e, struct cli_strv *argv, const char **why)
{
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
	const cJSON *a;

	if (cJSON_IsArray(args)) {
		cJSON_ArrayForEach(a, args) {
			if (!cJSON_IsString(a)) {
				*why = "\"arguments\" must hold strings";
				return DDL_ERR_PARSE;
			}
			if (cli_strv_add(argv, a->valuestring) != DDL_OK)
				return DDL_ERR_NOMEM;
		}
		return DDL_OK;
	}
	if (cJSON_IsString(cmd)) {
		char *first = cli_first_word(cmd->valuestring);
		bool cl = first && cli_is_cl_driver(first);

		free(first);
		return cl ? cli_split_windows(cmd->valuestring, argv) : cli_split_posix(cmd->valuestring, argv);
	}
	*why = "needs \"arguments\" or \"command\"";
	return DDL_ERR_PARSE;
}

static enum ddl_status add_entry(struct cli_compdb *db, const cJSON *e, const char *db_dir, unsigned index,
				 struct ddl_error *err)
{
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
	struct cli_strv argv = { 0 };
	struct cli_compdb_entry ent = { 0 };
	const char *why = NULL;
	char *directory = NULL;
	enum ddl_status st;
	bool cxx = false;

	if (!cJSON_IsObject(e) || !cJSON_IsString(dir) || !cJSON_IsString(file))
		return ddl_fail(err, DDL_ERR_PARSE, db->path, "entry %u: needs \"directory\" and \"file\" strings",
				index + 1);
	directory = cli_path_abs(db_dir, dir->valuestring);
	ent.file = directory ? cli_path_abs(directory, file->valuestring) : NULL;
	if (!ent.file) {
		free(directory);
		return ddl_fail(err, DDL_ERR_NOMEM, db->path, "out of memory");
	}
	if (!is_c_file(ent.file)) {
		db->n_not_c++;
		free(ent.file);
		free(directory);
		return DDL_OK;
	}
	ent.real = cli_path_real(ent.file);
	if (ent.real && cli_compdb_find(db, ent.real)) {
		/* One configuration per file: the first entry wins. */
		db->n_repeated++;
		free(ent.real);
		free(ent.file);
		free(directory);
		return DDL_OK;
	}
	st = ent.real ? entry_argv(e, &argv, &why) : DDL_ERR_NOMEM;
	if (st == DDL_OK)
		st = cli_flags_translate((const char *const *)argv.v, argv.n, directory, &ent.args, &db->dropped, &cxx);
	cli_strv_free(&argv);
	free(directory);
	if (st == DDL_OK && cxx) {
		db->n_not_c++;
		st = DDL_ERR_USAGE; /* not an error: skip the entry */
	}
	if (st == DDL_OK) {
		struct cli_compdb_entry *ne = realloc(db->entries, (db->n + 1) * sizeof(*ne));

		if (ne) {
			db->entries = ne;
			db->entries[db->n++] = ent;
			return DDL_OK;
		}
		st = DDL_ERR_NOMEM;
	}
	free(ent.file);
	free(ent.real);
	cli_strv_free(&ent.args);
	if (st == DDL_ERR_USAGE)
		return DDL_OK;
	if (st == DDL_ERR_PARSE)
		return ddl_fail(err, st, db->path, "entry %u (%s): %s", index + 1, file->valuestring, why);
	return ddl_fail(err, DDL_ERR_NOMEM, db->path, "out of memory");
}

enum ddl_status cli_compdb_load(const char *dir_or_file, struct cli_compdb *db, struct ddl_error *err)
{
	struct stat sb;
	char *text = NULL, *db_dir = NULL;
	cJSON *root = NULL;
	const cJSON *e;
	size_t len;
	unsigned i = 0;
	enum ddl_status st = DDL_OK;

	memset(db, 0, sizeof(*db));
	if (stat(dir_or_file, &sb) == 0 && S_ISDIR(sb.st_mode))
		db->path = ddl_asprintf("%s%scompile_commands.json", dir_or_file,
					dir_or_file[strlen(dir_or_file) - 1] == '/' ? "" : "/");
	else
		db->path = ddl_strdup(dir_or_file);
	if (!db->path)
		return ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
	if (!(text = ddl_read_file(db->path, &len, err)))
		return err->status ? err->status : DDL_ERR_IO;
	root = cJSON_ParseWithLength(text, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		unsigned line = 1;

		for (const char *p = text; at && p < at && *p; p++)
			line += *p == '\n';
		st = ddl_fail(err, DDL_ERR_PARSE, db->path, "line %u: not valid JSON", line);
		goto done;
	}
	if (!cJSON_IsArray(root)) {
		st = ddl_fail(err, DDL_ERR_PARSE, db->path, "not a compilation database (a JSON array of entries)");
		goto done;
	}
	db_dir = cli_path_dir(db->path);
	if (!db_dir) {
		st = ddl_fail(err, DDL_ERR_NOMEM, NULL, "out of memory");
		goto done;
	}
	cJSON_ArrayForEach(e, root) {
		if ((st = add_entry(db, e, db_dir, i++, err)) != DDL_OK)
			break;
	}
done:
	cJSON_Delete(root);
	free(text);
	free(db_dir);
	return st;
}
