/* embedded.h - data files compiled into the binary by tools/embed.cmake:
 * the knowledge base (rules/ddi-kb.json) and the compatibility headers under
 * checker/frontend/include/. Each is NUL-terminated; SIZE excludes the NUL. */
#ifndef EMBEDDED_H
#define EMBEDDED_H

#include <stddef.h>

struct ddl_embedded_file {
	const char *path; /* relative to the source root, e.g. "rules/ddi-kb.json" */
	const char *data;
	size_t size;
};

extern const struct ddl_embedded_file ddl_embedded[]; /* ends with a NULL path */

/* The embedded file at PATH, or NULL. */
const struct ddl_embedded_file *ddl_embedded_find(const char *path);

#endif
