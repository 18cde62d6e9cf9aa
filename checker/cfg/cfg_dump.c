/* cfg_dump.c - the text form of a CFG, for tests and --dump-cfg.
 *
 * One line per block (docs/engine.md):
 *   B3 [try=1]: expr@12:5 "status = Foo(x)"; cond@13:9 "status < 0" -> B4(true) B6(false) B9(exc)
 * An element is its kind, the line:col where its cursor starts (expansion
 * location) and a short text: the callee for a call, else the first 30
 * characters of its source with blanks collapsed; " [skip L:C ...]" lists the
 * sub-expressions it skips. Markers: (entry), (exit), (dead) for a block
 * with no predecessors. Edges: B4 (normal), (true), (false), (case V),
 * (case LO...HI), (default), (exc). A truncated graph starts with "truncated".
 */
#include "cfg_impl.h"

#include <string.h>

#define TEXT_MAX 30

static bool ident_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* From A in SRC: an identifier and, if a parenthesis follows, up to the one
 * that closes it (a macro call written where the expression was expanded). */
static unsigned macro_call_end(const char *src, size_t len, unsigned a)
{
	unsigned z = a, depth = 0, k;

	while (z < len && ident_char(src[z]))
		z++;
	for (k = z; k < len && (src[k] == ' ' || src[k] == '\t'); k++)
		;
	if (k < len && src[k] == '(') {
		for (z = k; z < len; z++) {
			if (src[z] == '(')
				depth++;
			else if (src[z] == ')' && --depth == 0) {
				z++;
				break;
			}
		}
	}
	return z;
}

static void snippet(CXTranslationUnit tu, CXCursor c, char *buf, size_t size)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	unsigned a, z, line, col, o = 0;
	const char *src;
	size_t len;
	bool space = false;

	buf[0] = '\0';
	clang_getExpansionLocation(clang_getRangeStart(r), &f1, &line, &col, &a);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &line, &col, &z);
	if (!f1 || !(src = clang_getFileContents(tu, f1, &len)) || a >= len)
		return;
	if (!f2 || !clang_File_isEqual(f1, f2) || z <= a || z > len)
		z = macro_call_end(src, len, a);
	for (; a < z && o + 4 < size; a++) {
		char ch = src[a];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\') {
			space = o > 0;
			continue;
		}
		if (o >= TEXT_MAX) {
			memcpy(buf + o, "...", 4);
			return;
		}
		if (space)
			buf[o++] = ' ';
		space = false;
		buf[o++] = ch;
	}
	buf[o] = '\0';
}

static void elem_text(CXTranslationUnit tu, CXCursor c, char *buf, size_t size)
{
	CXCursor s = cfg_strip(c);

	if (clang_getCursorKind(s) == CXCursor_CallExpr) {
		CXString name = clang_getCursorSpelling(s);
		const char *n = clang_getCString(name);

		if (n && *n) {
			snprintf(buf, size, "%s()", n);
			clang_disposeString(name);
			return;
		}
		clang_disposeString(name);
	}
	snippet(tu, c, buf, size);
}

static void print_loc(CXCursor c, FILE *out)
{
	unsigned line = 0, col = 0, off;
	CXFile f;

	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, &line, &col, &off);
	fprintf(out, "%u:%u", line, col);
}

static void print_elem(const struct cfg_elem *e, CXTranslationUnit tu, FILE *out)
{
	static const char *const kinds[] = { "expr", "cond", "return" };
	char text[64];
	unsigned i;

	elem_text(tu, e->cursor, text, sizeof(text));
	fprintf(out, "%s@", e->kind <= CFG_ELEM_RETURN ? kinds[e->kind] : "?");
	print_loc(e->cursor, out);
	fprintf(out, " \"%s\"", text);
	if (e->n_skip) {
		fputs(" [skip", out);
		for (i = 0; i < e->n_skip; i++) {
			fputc(' ', out);
			print_loc(e->skip[i], out);
		}
		fputc(']', out);
	}
}

static void print_edge(const struct cfg_edge *e, FILE *out)
{
	fprintf(out, " B%u", e->to);
	switch (e->kind) {
	case CFG_EDGE_NORMAL:
		break;
	case CFG_EDGE_TRUE:
		fputs("(true)", out);
		break;
	case CFG_EDGE_FALSE:
		fputs("(false)", out);
		break;
	case CFG_EDGE_CASE:
		if (e->is_default)
			fputs("(default)", out);
		else if (e->case_high != e->case_value)
			fprintf(out, "(case %lld...%lld)", e->case_value, e->case_high);
		else
			fprintf(out, "(case %lld)", e->case_value);
		break;
	case CFG_EDGE_EXCEPTION:
		fputs("(exc)", out);
		break;
	}
}

void cfg_dump(const struct cfg *cfg, CXTranslationUnit tu, FILE *out)
{
	unsigned i, k;

	if (cfg->truncated)
		fputs("truncated\n", out);
	for (i = 0; i < cfg->n_blocks; i++) {
		const struct cfg_block *blk = &cfg->blocks[i];

		fprintf(out, "B%u", i);
		if (i == cfg->entry)
			fputs(" (entry)", out);
		else if (i == cfg->exit)
			fputs(" (exit)", out);
		if (i != cfg->entry && !blk->n_preds)
			fputs(" (dead)", out);
		if (blk->try_except_depth)
			fprintf(out, " [try=%u]", blk->try_except_depth);
		fputc(':', out);
		for (k = 0; k < blk->n_elems; k++) {
			fputs(k ? "; " : " ", out);
			print_elem(&blk->elems[k], tu, out);
		}
		if (blk->n_succs) {
			fputs(" ->", out);
			for (k = 0; k < blk->n_succs; k++)
				print_edge(&blk->succs[k], out);
		}
		fputc('\n', out);
	}
}
