/* embedded.c - lookup in the table that tools/embed.cmake generates. */
#include "embedded.h"

#include <string.h>

const struct ddl_embedded_file *ddl_embedded_find(const char *path)
{
	const struct ddl_embedded_file *f;

	for (f = ddl_embedded; f->path; f++)
		if (strcmp(f->path, path) == 0)
			return f;
	return NULL;
}
