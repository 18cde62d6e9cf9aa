/* verify, must FAIL: once a file has a note directive, every note must be
 * matched. There are two unguarded calls and only one note directive. */
#include <wdm.h>

static VOID probe_user_buffer(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{can raise an exception}}
}

VOID first_unguarded(PVOID buffer, SIZE_T length)
{
	probe_user_buffer(buffer, length); // expected-note{{called outside __try/__except here}}
}

VOID second_unguarded(PVOID buffer, SIZE_T length)
{
	probe_user_buffer(buffer, length);
}
