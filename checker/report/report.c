/* report.c - choosing a reporter and writing its output safely.
 *
 * -o FILE is written to a temporary file beside FILE and renamed over it, so
 * a CI step that uploads the report never sees half of one, and an error
 * half-way leaves the previous report in place.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "report_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum ddl_status report_parse_format(const char *name, enum report_format *fmt)
{
	if (!name)
		return DDL_ERR_USAGE;
	if (strcmp(name, "text") == 0)
		*fmt = REPORT_TEXT;
	else if (strcmp(name, "json") == 0)
		*fmt = REPORT_JSON;
	else if (strcmp(name, "sarif") == 0)
		*fmt = REPORT_SARIF;
	else
		return DDL_ERR_USAGE;
	return DDL_OK;
}

bool report_color_auto(FILE *out)
{
	const char *no_color = getenv("NO_COLOR");

	if (no_color && *no_color)
		return false;
	return isatty(fileno(out)) == 1;
}

enum ddl_status report_write(enum report_format fmt, const struct finding_list *list,
			     const struct report_run *run, FILE *out, struct ddl_error *err)
{
	if (!list || !run || !out)
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "report_write: missing argument");
	switch (fmt) {
	case REPORT_TEXT: return report_text(list, run, out, err);
	case REPORT_JSON: return report_json(list, run, out, err);
	case REPORT_SARIF: return report_sarif(list, run, out, err);
	}
	return ddl_fail(err, DDL_ERR_USAGE, NULL, "unknown report format %d", (int)fmt);
}

/* The mode a new file would get: 0666 less the umask. The umask can only be
 * read by setting it; reports are written after the worker threads are done,
 * so nothing else creates files in between. */
static mode_t new_file_mode(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return 0666 & ~mask;
}

enum ddl_status report_write_file(enum report_format fmt, const struct finding_list *list,
				  const struct report_run *run, const char *path,
				  struct ddl_error *err)
{
	struct report_run file_run;
	const char *slash;
	char *tmp;
	struct stat sb;
	mode_t mode;
	FILE *f;
	int fd;
	enum ddl_status st;

	if (!path || strcmp(path, "-") == 0) {
		st = report_write(fmt, list, run, stdout, err);
		if (st == DDL_OK && fflush(stdout) != 0)
			st = ddl_fail(err, DDL_ERR_IO, "<stdout>", "cannot write the report: %s",
				      strerror(errno));
		return st;
	}
	if (!run)
		return ddl_fail(err, DDL_ERR_USAGE, NULL, "report_write_file: missing argument");
	slash = strrchr(path, '/');
	tmp = slash ? ddl_asprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
		    : ddl_asprintf(".%s.XXXXXX", path);
	if (!tmp)
		return ddl_fail(err, DDL_ERR_NOMEM, path, "out of memory");
	fd = mkstemp(tmp);
	if (fd < 0) {
		st = ddl_fail(err, DDL_ERR_IO, path, "cannot create a temporary file next to it: %s",
			      strerror(errno));
		free(tmp);
		return st;
	}
	/* mkstemp makes the file 0600; give it the mode the report would have
	 * had, keeping that of a report being replaced. */
	mode = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (sb.st_mode & 07777) : new_file_mode();
	if (fchmod(fd, mode) != 0 || !(f = fdopen(fd, "w"))) {
		st = ddl_fail(err, DDL_ERR_IO, path, "cannot prepare the temporary file: %s",
			      strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return st;
	}
	file_run = *run;
	file_run.color = false;  /* a file is not a terminal */
	st = report_write(fmt, list, &file_run, f, err);
	if (st == DDL_OK && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		st = ddl_fail(err, DDL_ERR_IO, path, "cannot write the report: %s", strerror(errno));
	if (fclose(f) != 0 && st == DDL_OK)
		st = ddl_fail(err, DDL_ERR_IO, path, "cannot write the report: %s", strerror(errno));
	if (st == DDL_OK && rename(tmp, path) != 0)
		st = ddl_fail(err, DDL_ERR_IO, path, "cannot replace the report: %s", strerror(errno));
	if (st != DDL_OK)
		unlink(tmp);
	free(tmp);
	return st;
}
