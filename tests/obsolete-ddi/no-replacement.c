/* obsolete-ddi: when the docs name no replacement, the message says only that
 * the DDI is obsolete (no "; use ... instead"). ExQueryPoolBlockSize: "do not
 * use" (ddi/ntifs/nf-ntifs-exquerypoolblocksize). */
#include <ntifs.h>

SIZE_T bad_query_pool_block_size(PVOID block)
{
	BOOLEAN quota;

	return ExQueryPoolBlockSize(block, &quota); // expected-warning{{'ExQueryPoolBlockSize' is obsolete [obsolete-ddi]}}
}
