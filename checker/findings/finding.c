/* finding.c - storage, ordering and de-duplication of findings and file results. */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

struct finding_list {
	struct finding *items;
	unsigned n, cap;
	struct file_result *files;
	unsigned n_files, cap_files;
};

const char *finding_severity_name(enum finding_severity sev)
{
	switch (sev) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_NOTE: return "note";
	}
	return "warning";
}

struct finding_list *finding_list_new(void)
{
	return calloc(1, sizeof(struct finding_list));
}

void finding_loc_clear(struct finding_loc *loc)
{
	free(loc->file);
	loc->file = NULL;
}

void finding_clear(struct finding *f)
{
	unsigned i;

	free(f->message);
	finding_loc_clear(&f->loc);
	for (i = 0; i < f->n_notes; i++) {
		finding_loc_clear(&f->notes[i].loc);
		free(f->notes[i].message);
	}
	free(f->notes);
	if (f->fix) {
		free(f->fix->description);
		finding_loc_clear(&f->fix->loc);
		free(f->fix->replacement);
		free(f->fix);
	}
	free(f->function);
	free(f->justification);
	memset(f, 0, sizeof(*f));
}

void file_result_clear(struct file_result *r)
{
	unsigned i;

	free(r->path);
	free(r->reason);
	for (i = 0; i < r->n_diagnostics; i++)
		free(r->diagnostics[i]);
	free(r->diagnostics);
	memset(r, 0, sizeof(*r));
}

void finding_list_free(struct finding_list *list)
{
	unsigned i;

	if (!list)
		return;
	for (i = 0; i < list->n; i++)
		finding_clear(&list->items[i]);
	for (i = 0; i < list->n_files; i++)
		file_result_clear(&list->files[i]);
	free(list->items);
	free(list->files);
	free(list);
}

enum ddl_status finding_add_note(struct finding *f, struct finding_loc loc, char *message, const char *kind)
{
	struct finding_note *n = realloc(f->notes, (f->n_notes + 1) * sizeof(*n));

	if (!n) {
		finding_loc_clear(&loc);
		free(message);
		return DDL_ERR_NOMEM;
	}
	f->notes = n;
	n[f->n_notes].loc = loc;
	n[f->n_notes].message = message;
	n[f->n_notes].kind = kind;
	f->n_notes++;
	return DDL_OK;
}

enum ddl_status finding_list_add(struct finding_list *list, struct finding *f)
{
	if (list->n == list->cap) {
		unsigned ncap = list->cap ? list->cap * 2 : 16;
		struct finding *ni = realloc(list->items, ncap * sizeof(*ni));

		if (!ni) {
			finding_clear(f);
			return DDL_ERR_NOMEM;
		}
		list->items = ni;
		list->cap = ncap;
	}
	list->items[list->n++] = *f;
	memset(f, 0, sizeof(*f));
	return DDL_OK;
}

enum ddl_status finding_list_add_file(struct finding_list *list, struct file_result *r)
{
	if (list->n_files == list->cap_files) {
		unsigned ncap = list->cap_files ? list->cap_files * 2 : 16;
		struct file_result *nf = realloc(list->files, ncap * sizeof(*nf));

		if (!nf) {
			file_result_clear(r);
			return DDL_ERR_NOMEM;
		}
		list->files = nf;
		list->cap_files = ncap;
	}
	list->files[list->n_files++] = *r;
	memset(r, 0, sizeof(*r));
	return DDL_OK;
}

enum ddl_status finding_list_merge(struct finding_list *dst, struct finding_list *src)
{
	enum ddl_status st = DDL_OK;
	unsigned i;

	for (i = 0; i < src->n; i++)
		if (finding_list_add(dst, &src->items[i]) != DDL_OK)
			st = DDL_ERR_NOMEM;
	for (i = 0; i < src->n_files; i++)
		if (finding_list_add_file(dst, &src->files[i]) != DDL_OK)
			st = DDL_ERR_NOMEM;
	src->n = 0;
	src->n_files = 0;
	return st;
}

static int strcmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if ((c = strcmp0(a->loc.file, b->loc.file)))
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	if ((c = strcmp0(a->rule_id, b->rule_id)))
		return c;
	return strcmp0(a->message, b->message);
}

static int cmp_file(const void *pa, const void *pb)
{
	const struct file_result *a = pa, *b = pb;

	return strcmp0(a->path, b->path);
}

void finding_list_finish(struct finding_list *list)
{
	unsigned i, out = 0;

	if (list->n)
		qsort(list->items, list->n, sizeof(*list->items), cmp_finding);
	for (i = 0; i < list->n; i++) {
		if (out && cmp_finding(&list->items[out - 1], &list->items[i]) == 0) {
			finding_clear(&list->items[i]);
			continue;
		}
		list->items[out++] = list->items[i];
	}
	list->n = out;
	if (list->n_files)
		qsort(list->files, list->n_files, sizeof(*list->files), cmp_file);
}

unsigned finding_list_count(const struct finding_list *list) { return list->n; }
const struct finding *finding_list_get(const struct finding_list *list, unsigned i) { return &list->items[i]; }
unsigned finding_list_file_count(const struct finding_list *list) { return list->n_files; }
const struct file_result *finding_list_file(const struct finding_list *list, unsigned i) { return &list->files[i]; }
struct finding *finding_list_at(struct finding_list *list, unsigned i) { return &list->items[i]; }

void finding_list_drop_if(struct finding_list *list, bool (*drop)(const struct finding *f, void *user), void *user)
{
	unsigned i, out = 0;

	for (i = 0; i < list->n; i++) {
		if (drop(&list->items[i], user)) {
			finding_clear(&list->items[i]);
			continue;
		}
		list->items[out++] = list->items[i];
	}
	list->n = out;
}
