/* resources.c - what one call does to resources.
 *
 * A call is a DDI (its knowledge-base pairs: acquires, releases, unheld,
 * nonnull), a function of this file (its summary, summary.c), or unknown.
 * The DDI is the one the engine reports (resolve.c: the name written at the
 * call site first), so MmGetSystemAddressForMdlSafe is itself and not the
 * MmMapLockedPagesSpecifyCache it expands to. A header macro's arguments
 * need not be the expanded call's (KeAcquireSpinLock(L, &o) becomes
 * `*(&o) = KeAcquireSpinLockRaiseToDpc(L)`): the DDI's argument N is the
 * expanded call's argument whose text lies inside the macro's argument N.
 * When no argument can be matched that way, only the result is used.
 */
#include "paths_impl.h"
#include "../frontend/fe.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *release_name(const struct kb_acquire *a)
{
	return a && a->release_hint ? a->release_hint->name : "its release";
}

/* Does a parameter called NAME hold something the callee keeps after it
 * returns? Kernel routines name such parameters Context (the argument of a
 * callback: DPCs, work items, completion routines, threads), ListEntry /
 * Entry (a list insertion), SystemArgument, Parameter. Passing a resource
 * there hands it on. */
static bool keeps(const char *name)
{
	static const char *const words[] = { "context", "entry", "argument", "parameter" };
	char low[64];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[i] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]))
			return true;
	return false;
}

/* The macro arguments written after the name at OFFSET: [begin, end) of each. */
static unsigned macro_args(const struct pfile *pf, unsigned offset, unsigned (*span)[2], unsigned max)
{
	const char *s = pf->src;
	size_t n = pf->src_size, i = offset;
	unsigned depth = 0, count = 0, begin;

	if (!s || i >= n)
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != '(')
		return 0;
	begin = (unsigned)++i;
	for (; i < n; i++) {
		char ch = s[i];

		if (ch == '"' || ch == '\'') {
			for (i++; i < n && s[i] != ch; i++)
				if (s[i] == '\\')
					i++;
		} else if (ch == '(' || ch == '[' || ch == '{') {
			depth++;
		} else if ((ch == ')' || ch == ']' || ch == '}') && depth) {
			depth--;
		} else if ((ch == ',' || ch == ')') && depth == 0) {
			if (count < max) {
				span[count][0] = begin;
				span[count][1] = (unsigned)i;
			}
			count++;
			begin = (unsigned)i + 1;
			if (ch == ')')
				return count < max ? count : max;
		}
	}
	return 0;
}

static bool has_pairs(const struct kb_ddi *d)
{
	return d && (d->n_acquires || d->n_releases || d->n_unheld || d->nonnull);
}

/* Do D's pairs name any argument? */
static bool uses_args(const struct kb_ddi *d)
{
	unsigned i;

	for (i = 0; d && i < d->n_acquires; i++)
		if (d->acquires[i].resource.where == KB_RES_ARG || d->acquires[i].resource.where == KB_RES_ARG_DEREF ||
		    d->acquires[i].fails_when.arg || d->acquires[i].acquired_when.arg || d->acquires[i].escapes_when.arg)
			return true;
	return d && (d->n_releases || d->n_unheld || d->nonnull);
}

static void mark_res(struct pcall *pc, const struct kb_res *r)
{
	if ((r->where == KB_RES_ARG || r->where == KB_RES_ARG_DEREF) && r->arg)
		pc->resource_args |= 1UL << (r->arg - 1);
}

/* Fill PC->ddi_arg for a header macro whose expansion's arguments are not the DDI's. */
static void map_macro_args(struct pfunc *f, CXCursor call, struct pcall *pc)
{
	unsigned span[32][2], n, i, j;

	n = macro_args(f->file, pc->res.offset, span, 32);
	for (j = 0; j < pc->n_args; j++) {
		CXFile file;
		unsigned line, col, off;

		clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(pc->args[j].cursor)), &file, &line, &col,
				      &off);
		if (!file || !clang_File_isEqual(file, f->file->tu->main_file))
			continue;
		for (i = 0; i < n; i++)
			if (off >= span[i][0] && off < span[i][1] && clang_Cursor_isNull(pc->ddi_arg[i + 1]))
				pc->ddi_arg[i + 1] = pc->args[j].cursor;
	}
	(void)call;
}

bool pcall_resolve(struct pfunc *f, CXCursor call, struct pcall *pc)
{
	CXCursor ref = clang_getCursorReferenced(call), decl = clang_getNullCursor();
	int n = clang_Cursor_getNumArguments(call), idx;
	unsigned i;

	memset(pc, 0, sizeof(*pc));
	for (i = 0; i < 33; i++)
		pc->ddi_arg[i] = clang_getNullCursor();
	pc->callee = CALLEE_UNKNOWN;
	pc->n_args = n < 0 ? 0 : n > 32 ? 32 : (unsigned)n;
	if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl)
		decl = ref;
	for (i = 0; i < pc->n_args; i++) {
		CXCursor a = clang_Cursor_getArgument(call, i), s = px_strip(a);

		pc->args[i].cursor = a;
		if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
		    clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
			pc->registers_callback = true;
		if (!clang_Cursor_isNull(decl) && (int)i < clang_Cursor_getNumArguments(decl)) {
			CXString pn = clang_getCursorSpelling(clang_Cursor_getArgument(decl, i));

			pc->args[i].context = keeps(clang_getCString(pn));
			clang_disposeString(pn);
		}
	}
	if (!clang_Cursor_isNull(decl) && (idx = pfile_fn_index(f->file, decl)) >= 0) {
		pc->callee = CALLEE_LOCAL;
		pc->name = f->file->fns[idx].name;
		pc->sum = f->file->fns[idx].sum.done ? &f->file->fns[idx].sum : NULL;
		return true;
	}
	if (!eng_resolve_call(f->file->res, call, &pc->res) || !pc->res.ddi)
		return true;
	pc->callee = CALLEE_DDI;
	pc->ddi = pc->res.ddi;
	pc->name = pc->res.written ? pc->res.written : pc->ddi->name;
	if (pc->res.args_match) {
		for (i = 0; i < pc->n_args; i++)
			pc->ddi_arg[i + 1] = pc->args[i].cursor;
	} else if (pc->res.written_ddi && !has_pairs(pc->res.written_ddi) && has_pairs(pc->res.callee_ddi)) {
		/* A macro whose own entry says nothing about resources, around a
		 * routine that does: the routine's pairs, with its own arguments. */
		pc->ddi = pc->res.callee_ddi;
		for (i = 0; i < pc->n_args; i++)
			pc->ddi_arg[i + 1] = pc->args[i].cursor;
	} else {
		char *at = eng_ident_at(f->file->res, pc->res.offset);
		bool header_macro = false;

		/* Only a header macro written as itself has its arguments at the
		 * call site; a driver macro around it has its own. */
		if (at && strcmp(at, pc->ddi->name) == 0)
			header_macro = true;
		for (i = 0; at && !header_macro && i < pc->ddi->n_names; i++)
			header_macro = strcmp(at, pc->ddi->names[i]) == 0;
		free(at);
		if (header_macro) {
			map_macro_args(f, call, pc);
		} else if (!uses_args(pc->res.written_ddi)) {
			/* A driver macro around a header macro whose pairs are about its
			 * result only (MmGetSystemAddressForMdlSafe): no arguments needed. */
		} else if (has_pairs(pc->res.callee_ddi)) {
			/* A driver macro around KeAcquireSpinLock: the expanded routine
			 * (KeAcquireSpinLockRaiseToDpc) has the same pairs, with its own arguments. */
			pc->ddi = pc->res.callee_ddi;
			for (i = 0; i < pc->n_args; i++)
				pc->ddi_arg[i + 1] = pc->args[i].cursor;
		} else {
			/* Arguments that cannot be matched: only what needs none is used. */
		}
	}
	for (i = 1; i <= 32; i++)
		if (((pc->ddi->keeps >> (i - 1)) & 1) && !clang_Cursor_isNull(pc->ddi_arg[i])) {
			unsigned j;

			for (j = 0; j < pc->n_args; j++)
				if (clang_equalCursors(pc->args[j].cursor, pc->ddi_arg[i]))
					pc->args[j].context = true;
		}
	for (i = 0; i < pc->ddi->n_acquires; i++)
		mark_res(pc, &pc->ddi->acquires[i].resource);
	for (i = 0; i < pc->ddi->n_releases; i++)
		mark_res(pc, &pc->ddi->releases[i].resource);
	for (i = 0; i < pc->ddi->n_unheld; i++)
		mark_res(pc, &pc->ddi->unheld[i].resource);
	return true;
}

void pcall_clear(struct pcall *pc)
{
	eng_resolved_clear(&pc->res);
}
