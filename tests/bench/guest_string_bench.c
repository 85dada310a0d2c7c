/*
 * Guest benchmark of the string primitives on riscv64 and loongarch64:
 * instructions per byte of __strnlen_fallible and __strncpy_fallible under
 * QEMU -icount shift=0, next to picolibc's speed-optimised strnlen and
 * strlen, and strnlen + memcpy (riscv64 only: pico_*, renamed out of the
 * release libc.a by picolibc_release.py), and a byte loop.  The counter and
 * its calibration are those of guest_bench.c: each figure is (counter over
 * `reps` calls) - (the same loop calling an empty function), converted to
 * instructions.  Every measured call is checked, so the image ends with
 * "N passed, N failed".  Ratios are vmio's instructions over the
 * baseline's in the same run (scan: picolibc strlen, copy: picolibc
 * strnlen + memcpy, and the byte loops).  Targets (reported, never
 * enforced): <= 1.0 instruction per byte at 4 KiB.
 */
#include <stdint.h>
#include <stdio.h>

#include "bench_common.h"
#include "plat.h"
#include "vmio/arch.h"

#if defined(__riscv)
#define COUNTER_SLACK 2
#define RET "ret"
#else
#define COUNTER_SLACK 8
#define RET "jr $ra"
#endif

#if defined(VMIO_BENCH_PICOLIBC)
size_t pico_strnlen(const char *s, size_t max);
size_t pico_strlen(const char *s);
void *pico_memcpy(void *dst, const void *src, size_t len);
#endif

typedef int (*vlen_fn)(const char *, size_t, size_t *);
typedef int (*vcpy_fn)(char *, const char *, size_t, size_t *);
typedef size_t (*llen_fn)(const char *, size_t);
typedef size_t (*lcpy_fn)(char *, const char *, size_t);

/* One `ret` under each prototype. */
int str_empty_vlen(const char *, size_t, size_t *);
int str_empty_vcpy(char *, const char *, size_t, size_t *);
size_t str_empty_llen(const char *, size_t);
size_t str_empty_lcpy(char *, const char *, size_t);
__asm__(".text\n\t.balign 4\n\t"
	".globl str_empty_vlen, str_empty_vcpy, str_empty_llen, str_empty_lcpy\n"
	"str_empty_vlen:\nstr_empty_vcpy:\nstr_empty_llen:\nstr_empty_lcpy:\n\t" RET "\n");

#define ROOM 64 /* max is the string, its NUL and this much more */

static size_t byte_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && ((const volatile char *)s)[n])
		n++;
	return n;
}

static size_t byte_cpy(char *d, const char *s, size_t max)
{
	for (size_t n = 0; n < max; n++) {
		char c = ((const volatile char *)s)[n];

		((volatile char *)d)[n] = c;
		if (!c)
			return n;
	}
	return max;
}

#if defined(VMIO_BENCH_PICOLIBC)
static size_t pico_len(const char *s, size_t max)
{
	(void)max;
	return pico_strlen(s);
}

/* What a kernel would do with libc: find the length, copy string and NUL. */
static size_t pico_cpy(char *d, const char *s, size_t max)
{
	size_t n = pico_strnlen(s, max);

	if (n < max)
		pico_memcpy(d, s, n + 1);
	return n;
}
#endif

/* Counter units over reps calls; *bad = OR of (result ^ want) over the calls. */
__attribute__((noinline)) static uint64_t timed_vlen(vlen_fn f, const char *s, size_t max,
						     unsigned reps, size_t want, size_t *bad)
{
	size_t acc = 0, n = 0;
	uint64_t t0 = counter();

	for (unsigned r = 0; r < reps; r++)
		acc |= (size_t)f(s, max, &n) | (n ^ want);
	uint64_t t = counter() - t0;
	*bad = acc;
	return t;
}

__attribute__((noinline)) static uint64_t timed_vcpy(vcpy_fn f, char *d, const char *s, size_t max,
						     unsigned reps, size_t want, size_t *bad)
{
	size_t acc = 0, n = 0;
	uint64_t t0 = counter();

	for (unsigned r = 0; r < reps; r++)
		acc |= (size_t)f(d, s, max, &n) | (n ^ want);
	uint64_t t = counter() - t0;
	*bad = acc;
	return t;
}

__attribute__((noinline)) static uint64_t timed_llen(llen_fn f, const char *s, size_t max,
						     unsigned reps, size_t want, size_t *bad)
{
	size_t acc = 0;
	uint64_t t0 = counter();

	for (unsigned r = 0; r < reps; r++)
		acc |= f(s, max) ^ want;
	uint64_t t = counter() - t0;
	*bad = acc;
	return t;
}

__attribute__((noinline)) static uint64_t timed_lcpy(lcpy_fn f, char *d, const char *s, size_t max,
						     unsigned reps, size_t want, size_t *bad)
{
	size_t acc = 0;
	uint64_t t0 = counter();

	for (unsigned r = 0; r < reps; r++)
		acc |= f(d, s, max) ^ want;
	uint64_t t = counter() - t0;
	*bad = acc;
	return t;
}

static uint64_t cal_num = 1, cal_den = 1;

__attribute__((noinline)) static void spin(uint64_t n)
{
#if defined(__riscv)
	__asm__ volatile("1: addi %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
#else
	__asm__ volatile("1: addi.d %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
#endif
}

static uint64_t spin_units(uint64_t n)
{
	uint64_t t0 = counter();

	spin(n);
	return counter() - t0;
}

/* Instructions per counter unit, from two spins (as guest_bench.c does). */
static void calibrate(void)
{
	const uint64_t n1 = 1000, n2 = 1001000, instrs = 2 * (n2 - n1);
	uint64_t a = spin_units(n2) - spin_units(n1), b = spin_units(n2) - spin_units(n1);
	uint64_t whole;

	cal_num = instrs;
	cal_den = a ? a : 1;
	whole = (instrs + cal_den / 2) / cal_den;
	if (whole && (whole * cal_den > instrs ? whole * cal_den - instrs
					       : instrs - whole * cal_den) * 1000 <= instrs) {
		cal_num = whole;
		cal_den = 1;
	}
	printf("calibration: %llu instructions = %llu, %llu %s units; %llu/%llu instructions a unit\n",
	       (unsigned long long)instrs, (unsigned long long)a, (unsigned long long)b, COUNTER,
	       (unsigned long long)cal_num, (unsigned long long)cal_den);
	check(a && (a > b ? a - b : b - a) <= COUNTER_SLACK,
	      "calibration (deterministic counter: run QEMU with -icount shift=0)", COUNTER, 0, 0, 0);
}

/* Instructions per call, x1000. */
static uint64_t per_call_x1000(uint64_t units, uint64_t empty, unsigned reps)
{
	uint64_t d = units > empty ? units - empty : 0;

	return (d * cal_num * 1000 + cal_den * reps / 2) / (cal_den * reps);
}

static const size_t sizes[] = { 8, 64, 256, 4096, 65536 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
/* scan: also a strnlen row (strnlen has one row per source offset).  0/3
 * leaves src - dst = 5 once dst is aligned, which riscv64's strncpy merges
 * with shifts; 1/0 (1) and 7/3 (4) are offsets it patches with sb/sw. */
static const struct {
	unsigned src, dst, scan;
} aligns[] = { { 0, 0, 1 }, { 1, 1, 0 }, { 1, 0, 1 }, { 7, 3, 1 }, { 0, 3, 0 } };
#define NALIGNS (sizeof(aligns) / sizeof(aligns[0]))

static unsigned reps_for(size_t len)
{
	return len >= 65536 ? 4 : len >= 4096 ? 16 : len >= 256 ? 64 : 512;
}

/* The string of len bytes (none zero) and its NUL at src_buf + GUARD + sa. */
static const char *make_string(size_t len, unsigned sa)
{
	char *s = (char *)src_buf + GUARD + sa;

	for (size_t i = 0; i < len + ROOM; i++)
		s[i] = (char)(i * 37 % 255 + 1);
	s[len] = 0;
	return s;
}

/* Canaries over the guard, the string, its NUL and one byte more (all copied() reads). */
static char *arm_dst(size_t len, unsigned da)
{
	for (size_t i = 0; i < len + 2 * GUARD; i++)
		dst_buf[i] = CANARY;
	return (char *)dst_buf + GUARD + da;
}

static int copied(const char *d, const char *s, size_t len)
{
	for (size_t i = 0; i <= len; i++)
		if (d[i] != s[i])
			return 0;
	return (uint8_t)d[-1] == CANARY && (uint8_t)d[len + 1] == CANARY;
}

static void print_cell(uint64_t x1000, size_t len)
{
	if (x1000 == UINT64_MAX)
		printf("%10s", "-");
	else
		print_x1000(x1000 / len, 10);
}

/* a / b, x1000, or "-" when b is absent. */
static void print_ratio(uint64_t a, uint64_t b)
{
	if (b == UINT64_MAX || b == 0)
		printf("%9s", "-");
	else
		print_x1000(a * 1000 / b, 9);
}

static uint64_t len4k[NALIGNS], cpy4k[NALIGNS];

static void bench_len(size_t len, size_t ai)
{
	unsigned sa = aligns[ai].src, reps = reps_for(len);
	const char *s = make_string(len, sa);
	uint64_t e, r[4] = { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX };
	size_t bad;

	e = timed_vlen(str_empty_vlen, s, len + ROOM, reps, 0, &bad);
	r[0] = per_call_x1000(timed_vlen(__strnlen_fallible, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad, "strnlen", "vmio", len, sa, 0);
	e = timed_llen(str_empty_llen, s, len + ROOM, reps, 0, &bad);
#if defined(VMIO_BENCH_PICOLIBC)
	r[1] = per_call_x1000(timed_llen(pico_strnlen, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad, "strnlen", "picolibc strnlen", len, sa, 0);
	r[2] = per_call_x1000(timed_llen(pico_len, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad, "strnlen", "picolibc strlen", len, sa, 0);
#endif
	r[3] = per_call_x1000(timed_llen(byte_len, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad, "strnlen", "byteloop", len, sa, 0);
	if (len == 4096)
		len4k[ai] = r[0];
	printf("strnlen %6zu %3u/- %10llu", len, sa, (unsigned long long)((r[0] + 500) / 1000));
	for (int i = 0; i < 4; i++)
		print_cell(r[i], len);
	print_ratio(r[0], r[2]);
	print_ratio(r[0], r[3]);
	printf("\n");
}

static void bench_cpy(size_t len, size_t ai)
{
	unsigned sa = aligns[ai].src, da = aligns[ai].dst, reps = reps_for(len);
	const char *s = make_string(len, sa);
	char *d = arm_dst(len, da);
	uint64_t e, r[3] = { UINT64_MAX, UINT64_MAX, UINT64_MAX };
	size_t bad;

	e = timed_vcpy(str_empty_vcpy, d, s, len + ROOM, reps, 0, &bad);
	r[0] = per_call_x1000(timed_vcpy(__strncpy_fallible, d, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad && copied(d, s, len), "strncpy", "vmio", len, sa, da);
	e = timed_lcpy(str_empty_lcpy, d, s, len + ROOM, reps, 0, &bad);
#if defined(VMIO_BENCH_PICOLIBC)
	d = arm_dst(len, da);
	r[1] = per_call_x1000(timed_lcpy(pico_cpy, d, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad && copied(d, s, len), "strncpy", "picolibc strnlen+memcpy", len, sa, da);
#endif
	d = arm_dst(len, da);
	r[2] = per_call_x1000(timed_lcpy(byte_cpy, d, s, len + ROOM, reps, len, &bad), e, reps);
	check(!bad && copied(d, s, len), "strncpy", "byteloop", len, sa, da);
	if (len == 4096)
		cpy4k[ai] = r[0];
	printf("strncpy %6zu %3u/%-3u %8llu", len, sa, da, (unsigned long long)((r[0] + 500) / 1000));
	for (int i = 0; i < 3; i++)
		print_cell(r[i], len);
	print_ratio(r[0], r[1]);
	print_ratio(r[0], r[2]);
	printf("\n");
}

int guest_main(void)
{
	printf("guest string benchmark on %s: instructions per call and per byte (%s)\n",
	       plat_info()->isa, COUNTER);
	calibrate();
	printf("\n%-7s %6s %5s %10s %10s %10s %10s %10s %9s %9s\n", "op", "size", "s/d", "vmio ins",
	       "vmio i/B", "pico nlen", "pico len", "byte i/B", "vs plen", "vs byte");
	for (size_t si = 0; si < NSIZES; si++)
		for (size_t ai = 0; ai < NALIGNS; ai++)
			if (aligns[ai].scan)
				bench_len(sizes[si], ai);
	printf("\n%-7s %6s %7s %8s %10s %10s %10s %9s %9s\n", "op", "size", "s/d", "vmio ins",
	       "vmio i/B", "pico n+cp", "byte i/B", "vs pico", "vs byte");
	for (size_t si = 0; si < NSIZES; si++)
		for (size_t ai = 0; ai < NALIGNS; ai++)
			bench_cpy(sizes[si], ai);
	printf("\n");
	for (size_t ai = 0; ai < NALIGNS; ai++) {
		if (!aligns[ai].scan)
			continue;
		printf("target: strnlen 4096 src+%u <= 1.000 i/B: ", aligns[ai].src);
		print_x1000(len4k[ai] / 4096, 0);
		printf(" %s\n", len4k[ai] / 4096 <= 1000 ? "met" : "MISSED");
	}
	for (size_t ai = 0; ai < NALIGNS; ai++) {
		printf("target: strncpy 4096 %u/%u <= 1.000 i/B: ", aligns[ai].src, aligns[ai].dst);
		print_x1000(cpy4k[ai] / 4096, 0);
		printf(" %s\n", cpy4k[ai] / 4096 <= 1000 ? "met" : "MISSED");
	}
	return bench_summary();
}
