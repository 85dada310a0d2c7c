/*
 * Host benchmark of the string primitives: __strnlen_fallible against glibc
 * strnlen and a byte loop; __strncpy_fallible (what read_cstring does)
 * against glibc strnlen + memcpy of the string and its NUL, and a byte loop
 * that copies until the NUL.  Strings of 8 B to 1 MiB, NUL at the end, max
 * 64 bytes past it, several source and destination alignments.
 *
 * Each figure is the best of several rounds; in every round each routine
 * runs one timed batch (after one untimed call), the routines taking turns.
 * Every routine's result is checked once per row, so the run ends with
 * "N passed, N failed"; timings never fail it.  The ratio is vmio / glibc
 * from the same run; the target is >= 0.5 from 256 bytes.
 *
 *   host-string-bench [--quick]
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "glibc_strcpy.h"

#include "vmio/arch.h"

#define NIMPLS 3
#define MAX_LEN (1u << 20)
#define ROOM 64
#define GUARD 64

static const size_t sizes[] = { 8, 16, 32, 64, 100, 128, 255, 256, 512, 1000, 1024,
				4096, 16384, 65536, 262144, 1u << 20 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
static const struct { unsigned src, dst; } aligns[] = { { 0, 0 }, { 1, 0 }, { 7, 3 } };
#define NALIGNS (sizeof(aligns) / sizeof(aligns[0]))

static char *src_buf, *dst_buf;
static unsigned passed, failed, rows, rows_met;
static int quick;

/* Each returns the string length (or max), called through a volatile pointer. */
typedef size_t (*len_fn)(const char *, size_t);
typedef size_t (*cpy_fn)(char *, const char *, size_t);

static size_t vmio_len(const char *s, size_t max)
{
	size_t n;

	return __strnlen_fallible(s, max, &n) == 0 ? n : (size_t)-1;
}

static size_t glibc_len(const char *s, size_t max)
{
	return strnlen(s, max);
}

static size_t byte_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && ((const volatile char *)s)[n])
		n++;
	return n;
}

static size_t vmio_cpy(char *d, const char *s, size_t max)
{
	size_t n;

	return __strncpy_fallible(d, s, max, &n) == 0 ? n : (size_t)-1;
}

static size_t byte_cpy(char *d, const char *s, size_t max)
{
	for (size_t n = 0; n < max; n++) {
		char c = ((const volatile char *)s)[n];

		((volatile char *)d)[n] = c;
		if (!c)
			return n;
	}
	return (size_t)-1;
}

static volatile len_fn lens[NIMPLS] = { vmio_len, glibc_len, byte_len };
static volatile cpy_fn cpys[NIMPLS] = { vmio_cpy, glibc_cpy, byte_cpy };
static const char *const names[NIMPLS] = { "vmio", "glibc", "byte_loop" };

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static size_t call(int op, int i, char *d, const char *s, size_t max)
{
	return op ? cpys[i](d, s, max) : lens[i](s, max);
}

static double timed(int op, int i, char *d, const char *s, size_t max, unsigned n)
{
	double t0;

	call(op, i, d, s, max);
	t0 = now_ns();
	if (op) {
		cpy_fn f = cpys[i];
		for (unsigned c = 0; c < n; c++)
			f(d, s, max);
	} else {
		len_fn f = lens[i];
		for (unsigned c = 0; c < n; c++)
			f(s, max);
	}
	return (now_ns() - t0) / n;
}

/* The string of len bytes and its NUL at s; bytes after it non-zero. */
static void make_string(char *s, size_t len)
{
	for (size_t i = 0; i < len + ROOM; i++)
		s[i] = (char)(i * 37 % 255 + 1);
	s[len] = 0;
}

static void check_row(int op, int i, size_t len, unsigned sa, unsigned da)
{
	char *s = src_buf + GUARD + sa, *d = dst_buf + GUARD + da;
	int ok;

	memset(dst_buf, 0x5a, MAX_LEN + ROOM + 3 * GUARD);
	ok = call(op, i, d, s, len + ROOM) == len;
	if (op)
		ok = ok && !memcmp(d, s, len + 1) && d[-1] == 0x5a && d[len + 1] == 0x5a;
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s %s len %zu src+%u dst+%u\n", op ? "copy" : "strnlen", names[i], len, sa, da);
}

static void measure(int op, size_t len, unsigned sa, unsigned da)
{
	char *s = src_buf + GUARD + sa, *d = dst_buf + GUARD + da;
	size_t r = (quick ? 1000000 : 4000000) / (len + 64);
	unsigned reps = r > 2 ? (unsigned)r : 2, rounds = quick ? 3 : 11;
	double best[NIMPLS];

	make_string(s, len);
	for (int i = 0; i < NIMPLS; i++) {
		check_row(op, i, len, sa, da);
		best[i] = 1e30;
	}
	for (unsigned round = 0; round < rounds; round++)
		for (int k = 0; k < NIMPLS; k++) {
			int i = (int)((k + round) % NIMPLS);
			double t = timed(op, i, d, s, len + ROOM, i == 2 ? (reps + 15) / 16 : reps);

			if (t < best[i])
				best[i] = t;
		}
	{
		double ratio = best[1] / best[0];
		int met = len < 256 || ratio >= 0.5;

		printf("%9zu %3u/%-3u", len, sa, da);
		for (int i = 0; i < NIMPLS; i++)
			printf(" %10.2f", len / best[i]);
		printf(" %8.3f%s\n", ratio, met ? "" : "  (below target)");
		rows++;
		rows_met += met;
	}
	s[len] = 1; /* the next size's string must not end early */
}

int main(int argc, char **argv)
{
	size_t buf_len = MAX_LEN + ROOM + 3 * GUARD;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = 1;
		} else {
			fprintf(stderr, "usage: %s [--quick]\n", argv[0]);
			return 2;
		}
	}
	src_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	dst_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (src_buf == MAP_FAILED || dst_buf == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	printf("host string benchmark%s: GB/s of string bytes (best of rounds), ratio vmio / glibc\n",
	       quick ? " (--quick)" : "");
	for (int op = 0; op < 2; op++) {
		printf("\n%s\n%9s %7s", op ? "__strncpy_fallible vs glibc strnlen + memcpy"
					  : "__strnlen_fallible vs glibc strnlen",
		       "bytes", "src/dst");
		for (int i = 0; i < NIMPLS; i++)
			printf(" %10s", names[i]);
		printf(" %8s\n", "ratio");
		for (size_t si = 0; si < NSIZES; si++)
			for (size_t ai = 0; ai < NALIGNS; ai++)
				measure(op, sizes[si], aligns[ai].src, aligns[ai].dst);
	}
	printf("\nrows at target (>= 0.5x glibc from 256 B): %u of %u\n", rows_met, rows);
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
