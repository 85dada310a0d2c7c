/*
 * Host benchmark: __memcpy_fallible against glibc memcpy, `rep movsb` and a
 * byte loop; __memset_fallible against glibc memset, `rep stosb` and a byte
 * loop; sizes 8 B to 16 MiB (powers of two and odd sizes), several source and
 * destination alignments.
 *
 * Each figure is the best of several rounds; in every round each routine runs
 * one timed batch of calls (after one untimed call), the routines taking
 * turns, so that a slow spell of the machine hits all of them alike.  Every routine's result is checked
 * once per row (the bytes written, the guard bytes around them, the returned
 * count), so the run ends with "N passed, N failed" like every test; timings
 * never fail it.
 *
 *   host-bench [--quick] [--csv FILE]
 *
 * prints one table a routine family (GB/s, and vmio / glibc per row) and
 * writes every figure to FILE as CSV (plot: tests/bench/plot_svg.py).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "bench_check.h"
#include "vmio/arch.h"

/*
 * A routine under test: vmio's (returns the bytes not done) or a libc-style
 * one (returns dst).  Each is called through a pointer read from a volatile
 * table, so that none is inlined and every one pays the same indirect call.
 */
struct impl {
	const char *name;
	size_t (*vmio_copy)(void *, const void *, size_t);
	void *(*libc_copy)(void *, const void *, size_t);
	size_t (*vmio_fill)(void *, int, size_t);
	void *(*libc_fill)(void *, int, size_t);
};

/* The whole copy in one `rep movsb`: what Asterinas does on x86_64. */
static void *rep_movsb(void *dst, const void *s, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

static void *rep_stosb(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

#define NIMPLS 4
#define GLIBC 1    /* the baseline of the ratio */
#define BYTELOOP 3 /* run with fewer calls: it is 20-50x slower */
static volatile struct impl impls[2][NIMPLS] = {
	{ { "vmio", .vmio_copy = __memcpy_fallible }, { "glibc", .libc_copy = memcpy },
	  { "rep_movsb", .libc_copy = rep_movsb }, { "byte_loop", .libc_copy = byte_copy } },
	{ { "vmio", .vmio_fill = __memset_fallible }, { "glibc", .libc_fill = memset },
	  { "rep_stosb", .libc_fill = rep_stosb }, { "byte_loop", .libc_fill = byte_fill } },
};

static const size_t sizes[] = {
	8, 13, 16, 32, 63, 64, 100, 128, 255, 256, 512, 1000, 1024, 2048, 3000,
	4096, 8192, 16384, 32768, 65535, 65536, 131072, 262144, 524288,
	1 << 20, 1000003, 2 << 20, 4 << 20, 8 << 20, 16 << 20,
};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
#define MAX_LEN (16u << 20)
static const struct { unsigned src, dst; } aligns[] = { { 0, 0 }, { 1, 0 }, { 0, 3 }, { 7, 13 } };
#define NALIGNS (sizeof(aligns) / sizeof(aligns[0]))
static const unsigned fill_aligns[] = { 0, 3, 13 };
#define NFILL_ALIGNS (sizeof(fill_aligns) / sizeof(fill_aligns[0]))


static uint8_t *src_buf, *dst_buf; /* GUARD, up to 63 of offset, MAX_LEN, GUARD */
static unsigned passed, failed;
static int quick;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void check(int ok, const char *what, const char *impl, size_t len, unsigned sa,
		  unsigned da)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s %s len %zu src+%u dst+%u\n", what, impl, len, sa, da);
}

static void reset_dst(size_t len)
{
	memset(dst_buf, CANARY, len + 3 * GUARD);
}

/* Calls a batch is made of: 4 MB moved (32 MiB from 1 MiB on), at least two. */
static unsigned reps_for(size_t len)
{
	size_t r = (quick ? 1000000 : len >= (1u << 20) ? 32u << 20 : 4000000) / (len + 64);

	return r > 2 ? (unsigned)r : 2;
}

static unsigned rounds_for(size_t len)
{
	if (quick)
		return 3;
	return len >= (1u << 20) ? 21 : 11;
}

/* One call of routine i; op 0 copies, 1 fills.  Returns the bytes not done. */
static size_t call(int op, int i, uint8_t *d, const uint8_t *s, size_t len)
{
	volatile struct impl *m = &impls[op][i];

	if (op)
		return m->vmio_fill ? m->vmio_fill(d, FILL_BYTE, len)
				    : (m->libc_fill(d, FILL_BYTE, len), 0);
	return m->vmio_copy ? m->vmio_copy(d, s, len) : (m->libc_copy(d, s, len), 0);
}

/*
 * Nanoseconds per call over n calls of routine i, after one untimed call:
 * the batch starts from the cache state the routine itself leaves, not the
 * one its predecessor in the round left (after the byte loop, say).
 */
static double timed(int op, int i, uint8_t *d, const uint8_t *s, size_t len, unsigned n)
{
	volatile struct impl *m = &impls[op][i];
	double t0;

	call(op, i, d, s, len);
	t0 = now_ns();

	if (op && m->vmio_fill) {
		size_t (*f)(void *, int, size_t) = m->vmio_fill;
		for (unsigned c = 0; c < n; c++)
			f(d, FILL_BYTE, len);
	} else if (op) {
		void *(*f)(void *, int, size_t) = m->libc_fill;
		for (unsigned c = 0; c < n; c++)
			f(d, FILL_BYTE, len);
	} else if (m->vmio_copy) {
		size_t (*f)(void *, const void *, size_t) = m->vmio_copy;
		for (unsigned c = 0; c < n; c++)
			f(d, s, len);
	} else {
		void *(*f)(void *, const void *, size_t) = m->libc_copy;
		for (unsigned c = 0; c < n; c++)
			f(d, s, len);
	}
	return (now_ns() - t0) / n;
}

/*
 * Best nanoseconds per call of each routine.  Each round times one batch
 * of each routine, starting with a different one.
 */
static void measure(int op, size_t len, unsigned sa, unsigned da, double best[NIMPLS])
{
	const uint8_t *s = src_buf + GUARD + sa;
	uint8_t *d = dst_buf + GUARD + da;
	unsigned reps = reps_for(len), rounds = rounds_for(len);

	for (int i = 0; i < NIMPLS; i++) {
		size_t r;

		reset_dst(len);
		r = call(op, i, d, s, len);
		check(r == 0 && bench_dst_ok(dst_buf, len, sa, da, op), op ? "fill" : "copy",
		      impls[op][i].name, len, sa, da);
		best[i] = 1e30;
	}
	for (unsigned round = 0; round < rounds; round++)
		for (int k = 0; k < NIMPLS; k++) {
			int i = (int)((k + round) % NIMPLS);
			double t = timed(op, i, d, s, len, i == BYTELOOP ? (reps + 15) / 16 : reps);

			if (t < best[i])
				best[i] = t;
		}
}

static void print_header(int op, const char *what)
{
	printf("\n%s: GB/s (best of rounds), ratio vmio / glibc\n", what);
	printf("%9s %7s", "bytes", "src/dst");
	for (int i = 0; i < NIMPLS; i++)
		printf(" %10s", impls[op][i].name);
	printf(" %8s\n", "ratio");
}

/* The target of the project (issue 20): never slower than glibc, >= 1.0x at every size. */
static int target_met(size_t len, double ratio)
{
	(void)len;
	return ratio >= 1.0;
}

static unsigned rows, rows_met;

static void report(FILE *csv, int op, size_t len, unsigned sa, unsigned da, const double best[NIMPLS])
{
	double ratio = best[GLIBC] / best[0];
	int met = target_met(len, ratio);

	printf("%9zu %3u/%-3u", len, sa, da);
	for (int i = 0; i < NIMPLS; i++)
		printf(" %10.2f", len / best[i]);
	printf(" %8.3f%s\n", ratio, met ? "" : "  (below target)");
	rows++;
	rows_met += met;
	if (csv)
		for (int i = 0; i < NIMPLS; i++)
			fprintf(csv, "%s,%s,%zu,%u,%u,%.3f,%.4f\n", op ? "fill" : "copy", impls[op][i].name,
				len, sa, da, best[i], len / best[i]);
}

int main(int argc, char **argv)
{
	const char *csv_path = NULL;
	FILE *csv = NULL;
	size_t buf_len = MAX_LEN + 3 * GUARD;
	double best[NIMPLS];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			quick = 1;
		else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
			csv_path = argv[++i];
		else {
			fprintf(stderr, "usage: %s [--quick] [--csv FILE]\n", argv[0]);
			return 2;
		}
	}
	/* Page-aligned, pre-faulted buffers: no page fault inside a timed batch. */
	src_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	dst_buf = mmap(NULL, buf_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (src_buf == MAP_FAILED || dst_buf == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	for (size_t i = 0; i < buf_len; i++)
		src_buf[i] = src_byte(i);
	if (csv_path && !(csv = fopen(csv_path, "w"))) {
		perror(csv_path);
		return 2;
	}
	if (csv)
		fprintf(csv, "op,impl,bytes,src_off,dst_off,ns_per_call,gb_per_s\n");

	printf("host benchmark%s: buffers 64-byte aligned + offset, hot in cache up to their size\n",
	       quick ? " (--quick: fewer, shorter rounds)" : "");
	print_header(0, "__memcpy_fallible");
	for (size_t si = 0; si < NSIZES; si++)
		for (size_t ai = 0; ai < NALIGNS; ai++) {
			measure(0, sizes[si], aligns[ai].src, aligns[ai].dst, best);
			report(csv, 0, sizes[si], aligns[ai].src, aligns[ai].dst, best);
		}
	print_header(1, "__memset_fallible");
	for (size_t si = 0; si < NSIZES; si++)
		for (size_t ai = 0; ai < NFILL_ALIGNS; ai++) {
			measure(1, sizes[si], 0, fill_aligns[ai], best);
			report(csv, 1, sizes[si], 0, fill_aligns[ai], best);
		}
	if (csv)
		fclose(csv);
	printf("\nrows at target (>= 1.0x glibc): %u of %u\n", rows_met, rows);
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
