/* deep.c - run the parse and the analysis on a stack sized for the input.
 *
 * libclang parses on a thread of its own with an 8 MB stack, and clang's
 * parser recurses once per nesting level: 10,000 nested ifs, an else-if
 * chain or a 100,000-term expression overflow it and kill the process (the
 * clang driver copes; libclang's crash recovery cannot catch a stack
 * overflow). So libclang is told to parse on the calling thread
 * (LIBCLANG_NOTHREADS, set before main: the environment must not change
 * once threads run) and fe_parse calls it on a thread whose stack grows
 * with the file: address space only, touched as the recursion goes. The
 * engines' walks recurse as deep: analyse_file runs on such a thread too
 * (fe_run_deep).
 */
#include "fe.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define DEEP_STACK_BASE ((size_t)64 << 20)
#define DEEP_STACK_PER_BYTE 2048 /* measured: a 100,000-term sum needs ~2 KB per term in the engines */
#if SIZE_MAX > 0xffffffffu
#define DEEP_STACK_MAX ((size_t)16 << 30)
#else
#define DEEP_STACK_MAX ((size_t)256 << 20)
#endif

__attribute__((constructor)) static void parse_on_calling_thread(void)
{
	setenv("LIBCLANG_NOTHREADS", "1", 0);
}

struct deep_job {
	void (*fn)(void *arg);
	void *arg;
};

static void *deep_job_run(void *p)
{
	struct deep_job *j = p;

	j->fn(j->arg);
	return NULL;
}

void fe_run_deep(size_t size, void (*fn)(void *arg), void *arg)
{
	struct deep_job j = { fn, arg };
	size_t stack = DEEP_STACK_BASE, page = (size_t)sysconf(_SC_PAGESIZE);
	pthread_attr_t attr;
	pthread_t thread;
	void *mem;
	bool ran = false;

	stack += size > (DEEP_STACK_MAX - stack) / DEEP_STACK_PER_BYTE ? DEEP_STACK_MAX - stack
								      : size * DEEP_STACK_PER_BYTE;
	/* Address space only (MAP_NORESERVE: no commit charge until touched),
	 * with a guard page at the bottom. */
	mem = mmap(NULL, stack + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
		   -1, 0);
	if (mem != MAP_FAILED) {
		if (mprotect(mem, page, PROT_NONE) == 0 && pthread_attr_init(&attr) == 0) {
			if (pthread_attr_setstack(&attr, (char *)mem + page, stack) == 0 &&
			    pthread_create(&thread, &attr, deep_job_run, &j) == 0) {
				pthread_join(thread, NULL);
				ran = true;
			}
			pthread_attr_destroy(&attr);
		}
		munmap(mem, stack + page);
	}
	if (!ran) /* no such thread to be had: run here, as before */
		fn(arg);
}

