/*
 * Same-run A/B of two builds of arch/x86_64/string.S on the host: the
 * routines of slot "a" (a_strnlen_fallible, a_strncpy_fallible) against
 * those of slot "b" and glibc, the three taking turns within every row, so
 * a loaded machine slows all of them alike.  Built and run by
 * scripts/string-ab, which links the two versions under these names and
 * swaps the slots between runs (code placement alone moves short rows by
 * up to 10% on some CPUs).  Each line: routine, bytes, src+/dst+, then GB/s
 * of a, b and glibc (the best of `rounds` batches of about 4 MB).  Every
 * result is checked once per row; a wrong one prints FAIL and the exit
 * status is 1.
 *
 *   string-ab [rounds]
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "glibc_strcpy.h"

int a_strnlen_fallible(const char *src, size_t max, size_t *len);
int a_strncpy_fallible(char *dst, const char *src, size_t max, size_t *len);
int b_strnlen_fallible(const char *src, size_t max, size_t *len);
int b_strncpy_fallible(char *dst, const char *src, size_t max, size_t *len);

#define MAX_LEN (1u << 20)
#define ROOM 64
#define GUARD 64

static const size_t sizes[] = { 8, 16, 32, 64, 100, 128, 200, 256, 384, 512, 1000, 1024,
				2048, 4096, 16384, 65536, 1u << 20 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
/* host-string-bench's three, and two more for the copy */
static const struct { unsigned src, dst; } aligns[] = { { 0, 0 }, { 1, 0 }, { 7, 3 },
							{ 0, 3 }, { 33, 1 } };
#define NALIGNS (sizeof(aligns) / sizeof(aligns[0]))

typedef size_t (*fn)(char *, const char *, size_t);

static size_t a_len(char *d, const char *s, size_t m)
{
	size_t n;

	(void)d;
	return a_strnlen_fallible(s, m, &n) == 0 ? n : (size_t)-1;
}

static size_t b_len(char *d, const char *s, size_t m)
{
	size_t n;

	(void)d;
	return b_strnlen_fallible(s, m, &n) == 0 ? n : (size_t)-1;
}

static size_t glibc_len(char *d, const char *s, size_t m)
{
	(void)d;
	return strnlen(s, m);
}

static size_t a_cpy(char *d, const char *s, size_t m)
{
	size_t n;

	return a_strncpy_fallible(d, s, m, &n) == 0 ? n : (size_t)-1;
}

static size_t b_cpy(char *d, const char *s, size_t m)
{
	size_t n;

	return b_strncpy_fallible(d, s, m, &n) == 0 ? n : (size_t)-1;
}

static volatile fn fns[2][3] = { { a_len, b_len, glibc_len }, { a_cpy, b_cpy, glibc_cpy } };

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 11, fails = 0;
	size_t buf_len = MAX_LEN + ROOM + 3 * GUARD;
	char *src_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	char *dst_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (src_buf == MAP_FAILED || dst_buf == MAP_FAILED || rounds < 1) {
		fprintf(stderr, "usage: %s [rounds >= 1] (or mmap failed)\n", argv[0]);
		return 2;
	}
	for (int op = 0; op < 2; op++)
		for (size_t si = 0; si < NSIZES; si++)
			for (size_t ai = 0; ai < NALIGNS; ai++) {
				size_t len = sizes[si], r = 4000000 / (len + 64);
				unsigned reps = r > 2 ? (unsigned)r : 2;
				char *s = src_buf + GUARD + aligns[ai].src;
				char *d = dst_buf + GUARD + aligns[ai].dst;
				double best[3] = { 1e30, 1e30, 1e30 };

				if (op == 0 && ai >= 3)
					continue; /* the scan has no destination */
				for (size_t i = 0; i < len + ROOM; i++)
					s[i] = (char)(i * 37 % 255 + 1);
				s[len] = 0;
				for (int i = 0; i < 3; i++) {
					memset(dst_buf, 0x5a, buf_len);
					if (fns[op][i](d, s, len + ROOM) != len ||
					    (op && (memcmp(d, s, len + 1) || d[-1] != 0x5a ||
						    d[len + 1] != 0x5a))) {
						printf("FAIL %s impl %d len %zu\n", op ? "strncpy" : "strnlen", i, len);
						fails++;
					}
				}
				for (int round = 0; round < rounds; round++)
					for (int k = 0; k < 3; k++) {
						int i = (k + round) % 3;
						fn f = fns[op][i];
						double t0, t;

						f(d, s, len + ROOM);
						t0 = now_ns();
						for (unsigned c = 0; c < reps; c++)
							f(d, s, len + ROOM);
						t = (now_ns() - t0) / reps;
						if (t < best[i])
							best[i] = t;
					}
				printf("%s %zu %u/%u %.3f %.3f %.3f\n", op ? "strncpy" : "strnlen", len,
				       aligns[ai].src, aligns[ai].dst, len / best[0], len / best[1],
				       len / best[2]);
				s[len] = 1;
			}
	return fails != 0;
}
