/* fuzz.h - what the libFuzzer targets share: a private scratch directory
 * and writing an input to a file there, for the parsers that read files.
 * Harness code, not checker code: a little process-wide state is fine. */
#ifndef DDILINT_FUZZ_H
#define DDILINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* This process's scratch directory, created on first use. */
static inline const char *fuzz_dir(void)
{
	static char dir[1024];

	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/ddilint-fuzz-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
		mkdir(dir, 0700);
	}
	return dir;
}

/* Write DATA to NAME in the scratch directory; the path stays valid until the next call. */
static inline const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[2048];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
	f = fopen(path, "wb");
	if (!f)
		abort(); /* the harness itself is broken */
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	return path;
}

#endif
