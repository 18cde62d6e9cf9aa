/* hash.c - the 128-bit cache hash (see hash.h for what it is and is not). */
#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define P1 0x9e3779b97f4a7c15ULL
#define P2 0xc2b2ae3d27d4eb4fULL

static uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t v = 0;
	unsigned i;

	/* Byte by byte, little-endian order: the same key on every machine. */
	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void mix(struct cache_hash *h, uint64_t w)
{
	h->a = rotl(h->a ^ (w * P1), 31) * P2;
	h->b = rotl(h->b ^ (w * P2), 29) * P1 + 0x165667b19e3779f9ULL;
}

void cache_hash_init(struct cache_hash *h)
{
	memset(h, 0, sizeof(*h));
	h->a = 0x27d4eb2f165667c5ULL;
	h->b = 0x85ebca77c2b2ae63ULL;
}

void cache_hash_add(struct cache_hash *h, const void *data, size_t len)
{
	const unsigned char *p = data;

	h->len += len;
	while (h->n_buf && len) {
		h->buf[h->n_buf++] = *p++;
		len--;
		if (h->n_buf == 8) {
			mix(h, load64(h->buf));
			h->n_buf = 0;
		}
	}
	for (; len >= 8; p += 8, len -= 8)
		mix(h, load64(p));
	while (len--)
		h->buf[h->n_buf++] = *p++;
}

void cache_hash_str(struct cache_hash *h, const char *s)
{
	cache_hash_add(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

void cache_hash_u64(struct cache_hash *h, uint64_t v)
{
	unsigned char b[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	cache_hash_add(h, b, 8);
}

static uint64_t avalanche(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void cache_hash_hex(struct cache_hash *h, char out[CACHE_HASH_HEX])
{
	uint64_t tail = 0, a, b;
	unsigned i;

	for (i = 0; i < h->n_buf; i++)
		tail |= (uint64_t)h->buf[i] << (8 * i);
	mix(h, tail ^ (h->len << 3) ^ h->n_buf);
	a = avalanche(h->a ^ rotl(h->b, 17));
	b = avalanche(h->b ^ rotl(h->a, 41) ^ h->len);
	snprintf(out, CACHE_HASH_HEX, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

int cache_hash_file(const char *path, char out[CACHE_HASH_HEX])
{
	struct cache_hash h;
	unsigned char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block */
	struct stat sb;

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	cache_hash_init(&h);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			errno = e;
			return -1;
		}
		cache_hash_add(&h, buf, (size_t)n);
	}
	close(fd);
	cache_hash_hex(&h, out);
	return 0;
}
