/* fingerprint.c - the two partialFingerprints of a SARIF result.
 *
 * primaryLocationLineHash: GitHub matches alerts across commits with it. The
 * upload action computes it when missing; we compute the same value so that
 * an upload by other means (the REST API, Azure DevOps) tracks alerts the
 * same way. The algorithm, as described in github/codeql-action
 * src/fingerprints.ts: read the file as UTF-16 code units, drop spaces and
 * tabs, turn \r\n and \r into \n, append the code unit 65535 for the end of
 * the file and then zeros; the hash of a line is the polynomial rolling hash
 * (base 37, modulo 2^64) of the 100 code units that start at the line's first
 * kept character, printed as unsigned hex, followed by ":<n>" where n counts
 * the lines so far with the same hash.
 *
 * ddilint/v1: a key that survives edits above the finding (no line number),
 * for baselines; see docs/json-format.md.
 */
#include "report_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 100
#define BASE 37u
#define END_OF_FILE 65535u

struct hasher {
	uint32_t window[BLOCK];
	unsigned line_at[BLOCK]; /* line that starts at this window slot, 0 = none */
	unsigned index;
	uint64_t hash, base_pow;  /* BASE^BLOCK, to drop the unit leaving the window */
	unsigned line;
	bool line_start, prev_cr;
	struct report_line_hash *out;
	unsigned n_out, cap;
	bool failed;
};

/* The window has come round to a slot where a line started: its hash now
 * covers exactly the BLOCK units from that line's start. */
static void emit(struct hasher *h)
{
	unsigned line = h->line_at[h->index];

	h->line_at[h->index] = 0;
	if (line > h->cap) {
		unsigned ncap = h->cap ? h->cap * 2 : 256;
		struct report_line_hash *n;

		while (ncap < line)
			ncap *= 2;
		n = realloc(h->out, ncap * sizeof(*n));
		if (!n) {
			h->failed = true;
			return;
		}
		h->out = n;
		h->cap = ncap;
	}
	h->out[line - 1].hash = h->hash;
	h->out[line - 1].occurrence = 0;
	if (line > h->n_out)
		h->n_out = line;
}

static void roll(struct hasher *h, uint32_t unit)
{
	uint32_t leaving = h->window[h->index];

	h->window[h->index] = unit;
	h->hash = h->hash * BASE + unit - h->base_pow * leaving;
	h->index = (h->index + 1) % BLOCK;
}

static void feed(struct hasher *h, uint32_t unit)
{
	if (unit == ' ' || unit == '\t' || (h->prev_cr && unit == '\n')) {
		h->prev_cr = false;
		return;
	}
	h->prev_cr = unit == '\r';
	if (unit == '\r')
		unit = '\n';
	if (h->line_at[h->index])
		emit(h);
	if (h->line_start) {
		h->line_start = false;
		h->line_at[h->index] = ++h->line;
	}
	if (unit == '\n')
		h->line_start = true;
	roll(h, unit);
}

struct keyed { uint64_t key; unsigned index; };

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Number equal hashes 1, 2, ... in line order. */
static bool number_occurrences(struct report_line_hash *lines, unsigned n)
{
	struct keyed *k = malloc((n ? n : 1) * sizeof(*k));
	unsigned i;

	if (!k)
		return false;
	for (i = 0; i < n; i++) {
		k[i].key = lines[i].hash;
		k[i].index = i;
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 0; i < n; i++) {
		bool same = i > 0 && k[i].key == k[i - 1].key;

		lines[k[i].index].occurrence = same ? lines[k[i - 1].index].occurrence + 1 : 1;
	}
	free(k);
	return true;
}

struct report_line_hash *report_hash_lines(const char *buf, size_t len, unsigned *n_lines)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct hasher h;
	size_t i = 0;
	unsigned k;

	memset(&h, 0, sizeof(h));
	h.base_pow = 1;
	for (k = 0; k < BLOCK; k++)
		h.base_pow *= BASE;
	h.line_start = true;
	while (i < len) {
		uint32_t cp = report_utf8_next(s, len, &i);

		if (cp == REPORT_UTF8_INVALID)
			cp = 0xFFFD;
		if (cp > 0xFFFF) {
			/* Node.js strings are UTF-16: a surrogate pair is two units. */
			cp -= 0x10000;
			feed(&h, 0xD800 + (cp >> 10));
			feed(&h, 0xDC00 + (cp & 0x3FF));
		} else {
			feed(&h, cp);
		}
	}
	feed(&h, END_OF_FILE);
	for (k = 0; k < BLOCK; k++) {
		if (h.line_at[h.index])
			emit(&h);
		roll(&h, 0);
	}
	if (h.failed || !number_occurrences(h.out, h.n_out)) {
		free(h.out);
		return NULL;
	}
	*n_lines = h.n_out;
	return h.out;
}

void report_line_hash_format(const struct report_line_hash *h, char out[REPORT_LINE_HASH_SIZE])
{
	snprintf(out, REPORT_LINE_HASH_SIZE, "%" PRIx64 ":%u", h->hash, h->occurrence);
}

/* ---- ddilint/v1 --------------------------------------------------------- */

/* 64-bit FNV-1a: fixed, documented, the same on every platform. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	do {
		h ^= *p;
		h *= 0x100000001b3ull;
	} while (*p++);   /* the NUL separates the fields */
	return h;
}

/* The line without any whitespace, so re-indenting or re-spacing it keeps the key. */
static char *squeeze(const char *line, size_t len)
{
	char *out = malloc(len + 1);
	size_t i, o = 0;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n\v\f", line[i])) /* also drops NUL */
			out[o++] = line[i];
	out[o] = '\0';
	return out;
}

struct report_fp *report_fingerprints(const struct finding_list *list, struct report_src *src,
				      const struct report_paths *paths)
{
	unsigned n = finding_list_count(list), i, occurrence = 0;
	struct keyed *keys;
	struct report_fp *fps;

	if (n == 0)
		return NULL;
	keys = malloc(n * sizeof(*keys));
	fps = malloc(n * sizeof(*fps));
	if (!keys || !fps)
		goto fail;
	for (i = 0; i < n; i++) {
		const struct finding *f = finding_list_get(list, i);
		bool rel;
		char *file = report_path_resolve(paths, f->loc.file ? f->loc.file : "", &rel);
		size_t len;
		const char *line = report_src_line(src, f->loc.file, f->loc.line, &len);
		/* No source: the message is the best line-independent stand-in. */
		char *text = line ? squeeze(line, len) : ddl_strdup(f->message ? f->message : "");
		uint64_t h = 0xcbf29ce484222325ull;

		if (!file || !text) {
			free(file);
			free(text);
			goto fail;
		}
		h = fnv1a(h, "ddilint/v1");
		h = fnv1a(h, f->rule_id);
		h = fnv1a(h, file);
		h = fnv1a(h, text);
		h = fnv1a(h, f->function);
		keys[i].key = h;
		keys[i].index = i;
		free(file);
		free(text);
	}
	qsort(keys, n, sizeof(*keys), cmp_keyed);
	for (i = 0; i < n; i++) {
		occurrence = i > 0 && keys[i].key == keys[i - 1].key ? occurrence + 1 : 1;
		snprintf(fps[keys[i].index].text, REPORT_FP_SIZE, "%016" PRIx64 ":%u",
			 keys[i].key, occurrence);
	}
	free(keys);
	return fps;
fail:
	free(keys);
	free(fps);
	return NULL;
}
