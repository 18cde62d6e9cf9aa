/* paths.h - the path engine: acquire/release pairing and unchecked results,
 * on every feasible path of every function, over cfg/ and dataflow/.
 * (Interface sketch by the lead; the path-engine work owns and extends it.) */
#ifndef PATHS_H
#define PATHS_H

#include "../engine/engine.h"
#include "../findings/finding.h"
#include "../kb/kb.h"

struct fe_tu;

enum path_event_kind {
	PATH_MISSING_RELEASE,   /* an acquired resource reaches an exit unreleased and unescaped */
	PATH_UNMATCHED_RELEASE, /* a release of something not acquired on that path */
	PATH_UNCHECKED_RESULT,  /* a result that can signal failure used without a check */
};

struct path_event {
	enum path_event_kind kind;
	const struct kb_ddi *ddi;      /* the acquiring / releasing DDI */
	struct finding_loc loc;        /* where to report (file borrowed) */
	const char *function;          /* borrowed */
	const char *message;           /* the full message, borrowed */
	const struct finding_note *steps; /* the path as notes, borrowed */
	unsigned n_steps;
};

typedef void (*path_event_fn)(void *user, const struct path_event *ev);

/* Run the path engine over every function of TU's main file. */
enum ddl_status paths_run(const struct fe_tu *tu, const struct kb *kb, const struct eng_tu_facts *facts,
			  path_event_fn fn, void *user);

#endif
