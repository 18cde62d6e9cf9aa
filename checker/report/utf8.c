/* utf8.c - UTF-8 decoding for columns, hashes and clean JSON strings.
 *
 * libclang columns count bytes, SARIF wants UTF-16 code units, and GitHub's
 * fingerprint hashes UTF-16 code units of the file as Node.js decodes it. So
 * invalid bytes are decoded exactly as the WHATWG Encoding Standard says
 * ("UTF-8 decoder": one U+FFFD per maximal invalid subpart), which keeps the
 * column and the hash of a Latin-1 comment consistent with GitHub's.
 */
#include "report_impl.h"

#include <stdlib.h>
#include <string.h>

uint32_t report_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char b = s[*i];
	unsigned needed;
	unsigned char lower = 0x80, upper = 0xBF;
	uint32_t cp;

	(*i)++;
	if (b < 0x80)
		return b;
	if (b >= 0xC2 && b <= 0xDF) {
		needed = 1;
		cp = b & 0x1Fu;
	} else if (b >= 0xE0 && b <= 0xEF) {
		/* E0 needs A0.. (no overlongs), ED stops at 9F (no surrogates). */
		if (b == 0xE0)
			lower = 0xA0;
		if (b == 0xED)
			upper = 0x9F;
		needed = 2;
		cp = b & 0x0Fu;
	} else if (b >= 0xF0 && b <= 0xF4) {
		if (b == 0xF0)
			lower = 0x90;
		if (b == 0xF4)
			upper = 0x8F;
		needed = 3;
		cp = b & 0x07u;
	} else {
		return REPORT_UTF8_INVALID;
	}
	while (needed) {
		/* A byte out of range ends the subpart and is decoded afresh. */
		if (*i >= len || s[*i] < lower || s[*i] > upper)
			return REPORT_UTF8_INVALID;
		cp = (cp << 6) | (s[*i] & 0x3Fu);
		(*i)++;
		lower = 0x80;
		upper = 0xBF;
		needed--;
	}
	return cp;
}

unsigned report_utf16_col(const char *line, size_t len, unsigned byte_col)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t end, i = 0;
	unsigned units = 0;

	if (byte_col == 0)
		return 0;
	end = byte_col - 1;
	while (i < end && i < len) {
		/* libclang columns fall on character boundaries; one inside a
		 * character counts the whole character. */
		uint32_t cp = report_utf8_next(s, len, &i);

		units += cp > 0xFFFF && cp != REPORT_UTF8_INVALID ? 2 : 1;
	}
	if (end > len)
		units += (unsigned)(end - len);
	return units + 1;
}

bool report_utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		if (u[i] < 0x80)
			i++;
		else if (report_utf8_next(u, len, &i) == REPORT_UTF8_INVALID)
			return false;
	}
	return true;
}

char *report_utf8_clean(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0;
	char *out = malloc(len * 3 + 1); /* each invalid byte may become 3 bytes */

	if (!out)
		return NULL;
	while (i < len) {
		size_t at = i;
		uint32_t cp = report_utf8_next(u, len, &i);

		if (cp == REPORT_UTF8_INVALID) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + at, i - at);
			o += i - at;
		}
	}
	out[o] = '\0';
	return out;
}
