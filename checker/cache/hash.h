/* hash.h - the content hash behind every cache key (result cache, PCH cache).
 *
 * 128 bits from two independent 64-bit multiply-rotate lanes over 8-byte
 * words, with a final avalanche. Not cryptographic: cache keys only need to
 * tell apart inputs that differ by accident, never by design. A change of
 * this function must change CACHE_HASH_VERSION so old entries stop matching.
 */
#ifndef CACHE_HASH_H
#define CACHE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_HASH_VERSION "h1"
#define CACHE_HASH_HEX 33 /* 32 hex digits and the NUL */

struct cache_hash {
	uint64_t a, b;       /* the two lanes */
	uint64_t len;        /* bytes fed so far */
	unsigned char buf[8];
	unsigned n_buf;      /* bytes waiting in BUF */
};

void cache_hash_init(struct cache_hash *h);
void cache_hash_add(struct cache_hash *h, const void *data, size_t len);
/* Feed a string with its terminating NUL, so "ab","c" and "a","bc" differ. */
void cache_hash_str(struct cache_hash *h, const char *s);
void cache_hash_u64(struct cache_hash *h, uint64_t v);
/* Finish into OUT (32 lowercase hex digits and a NUL). H must not be fed again. */
void cache_hash_hex(struct cache_hash *h, char out[CACHE_HASH_HEX]);

/* Hash a whole file's contents into OUT. Returns 0, or -1 with errno set. */
int cache_hash_file(const char *path, char out[CACHE_HASH_HEX]);

#endif
