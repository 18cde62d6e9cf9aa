/* source.c - source files as lines, for carets, UTF-16 columns and hashes.
 *
 * Findings are sorted by file, so almost every lookup hits the file of the
 * previous one; a few slots cover notes that point into headers. Lines end
 * at \n, \r\n or a lone \r, as for clang and for GitHub's line hash. A file
 * that cannot be read is remembered as such and costs nothing more.
 */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 8

struct src_file {
	char *path;       /* owned; NULL = free slot */
	char *buf;        /* owned; NULL = unreadable */
	size_t len;
	size_t *starts;   /* owned: byte offset of each line */
	unsigned n_lines;
	struct report_line_hash *hashes; /* owned, computed on first use */
	unsigned n_hashes;
	bool hashed;
	unsigned long used; /* for eviction: larger = more recent */
};

struct report_src {
	struct src_file slot[SLOTS];
	unsigned long clock;
};

struct report_src *report_src_new(void)
{
	return calloc(1, sizeof(struct report_src));
}

static void file_clear(struct src_file *f)
{
	free(f->path);
	free(f->buf);
	free(f->starts);
	free(f->hashes);
	memset(f, 0, sizeof(*f));
}

void report_src_free(struct report_src *src)
{
	unsigned i;

	if (!src)
		return;
	for (i = 0; i < SLOTS; i++)
		file_clear(&src->slot[i]);
	free(src);
}

static bool split_lines(struct src_file *f)
{
	size_t i, n = 1, k = 0;

	for (i = 0; i < f->len; i++)
		if (f->buf[i] == '\n' || (f->buf[i] == '\r' && (i + 1 >= f->len || f->buf[i + 1] != '\n')))
			n++;
	f->starts = malloc(n * sizeof(*f->starts));
	if (!f->starts)
		return false;
	f->starts[k++] = 0;
	for (i = 0; i < f->len; i++)
		if (f->buf[i] == '\n' || (f->buf[i] == '\r' && (i + 1 >= f->len || f->buf[i + 1] != '\n')))
			f->starts[k++] = i + 1;
	f->n_lines = (unsigned)n;
	return true;
}

static struct src_file *lookup(struct report_src *src, const char *path)
{
	struct src_file *victim;
	unsigned i;

	if (!src || !path)
		return NULL;
	victim = &src->slot[0];
	for (i = 0; i < SLOTS; i++) {
		struct src_file *f = &src->slot[i];

		if (f->path && strcmp(f->path, path) == 0) {
			f->used = ++src->clock;
			return f;
		}
	}
	/* Free slots have used == 0, so the least recent slot is a free one if any. */
	for (i = 1; i < SLOTS; i++)
		if (src->slot[i].used < victim->used)
			victim = &src->slot[i];
	file_clear(victim);
	victim->path = ddl_strdup(path);
	if (!victim->path)
		return NULL;
	victim->used = ++src->clock;
	/* An unreadable file is not an error here: the report just goes without
	 * the source line, as the file's own status already says why. */
	victim->buf = ddl_read_file(path, &victim->len, NULL);
	if (victim->buf && !split_lines(victim)) {
		free(victim->buf);
		victim->buf = NULL;
	}
	return victim;
}

const char *report_src_line(struct report_src *src, const char *path, unsigned line, size_t *len)
{
	struct src_file *f = lookup(src, path);
	size_t start, end;

	if (!f || !f->buf || line == 0 || line > f->n_lines)
		return NULL;
	start = f->starts[line - 1];
	end = start;
	while (end < f->len && f->buf[end] != '\n' && f->buf[end] != '\r')
		end++;
	*len = end - start;
	return f->buf + start;
}

bool report_src_line_hash(struct report_src *src, const char *path, unsigned line,
			  char out[REPORT_LINE_HASH_SIZE])
{
	struct src_file *f = lookup(src, path);

	if (!f || !f->buf || line == 0)
		return false;
	if (!f->hashed) {
		f->hashed = true;
		f->hashes = report_hash_lines(f->buf, f->len, &f->n_hashes);
	}
	if (!f->hashes || line > f->n_hashes)
		return false;
	report_line_hash_format(&f->hashes[line - 1], out);
	return true;
}
