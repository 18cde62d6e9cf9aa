/* verify: a note directive matches a related location of a finding, on the
 * line of that location. Once a file has one note directive, every note of
 * every finding must be matched. Must pass. */
#include <wdm.h>

static VOID probe_user_buffer(PVOID buffer, SIZE_T length)
{
	ProbeForRead(buffer, length, 1); // expected-error{{'ProbeForRead' can raise an exception outside a __try/__except block}}
}

VOID good_note_here(PVOID buffer, SIZE_T length)
{
	probe_user_buffer(buffer, length); // expected-note{{called outside __try/__except here}}
}

VOID good_note_relative(PVOID buffer, SIZE_T length)
{
	// expected-note@+1{{called outside}}
	probe_user_buffer(buffer, length);
}
