/* fixit.h - safe mechanical fixes: building them for a finding, and
 * applying them to the source with --fix.
 *
 * A fix replaces one call, written on one line, by another call built from
 * a template in the knowledge base (an obsolete DDI's "fix": {"call": ...}),
 * where $N stands for argument N exactly as written. A call that spans
 * lines, or whose arguments do not match the template, gets no fix: a
 * finding without a fix is better than a wrong edit. */
#ifndef FIXIT_H
#define FIXIT_H

#include "../ddl.h"
#include "../findings/finding.h"

/* The fix for the call of WRITTEN at LOC (its name's position; LOC->file
 * is read): the call up to its closing parenthesis becomes TEMPLATE with
 * $1..$9 replaced by the arguments. NOTE (may be NULL) is added to the
 * description - what the new call needs, such as a NULL check. Returns a new
 * fix owned by the caller (free with fixit_free), or NULL when the call
 * cannot be fixed safely or memory ran out. */
struct finding_fix *fixit_call(const struct finding_loc *loc, const char *written, const char *templ,
			       const char *note);
void fixit_free(struct finding_fix *fix);

/* Apply the fixes of the findings of LIST that are not suppressed, file by
 * file, atomically (a temporary file renamed over the source). FIXED gets
 * true for each finding whose fix was applied (finding_list_count(LIST)
 * entries, allocated by the caller). *N_FILES counts the files changed.
 * Returns the number of fixes applied, or -1 with ERR filled in. */
int fixit_apply(const struct finding_list *list, bool *fixed, unsigned *n_files, struct ddl_error *err);

#endif
