/*
 * Guest benchmark for riscv64 and loongarch64: instructions per byte of
 * __memcpy_fallible and __memset_fallible next to picolibc's speed-optimised
 * memcpy/memset (riscv64 only: pico_memcpy/pico_memset, renamed out of the
 * release libc.a by picolibc_release.py) and a plain byte loop, for several
 * sizes and alignments.  Run under QEMU with -icount shift=0, where the
 * counters are functions of the instruction count:
 *   riscv64      rdinstret counts retired instructions, one unit each;
 *   loongarch64  rdtime.d reads the constant timer, which QEMU derives from
 *                virtual time: 1 ns per instruction at shift=0 and a 100 MHz
 *                timer, so one unit is 10 instructions.  The calibration
 *                below measures that ratio instead of assuming it.
 * Each figure is (counter over `reps` calls) - (the same loop calling an
 * empty function, `ret` only), in instructions per call: the routine's own
 * instructions without the call and its return.  Every measured call is
 * checked (the bytes it wrote, the guard bytes around them, the value it
 * returned), so the image ends with "N passed, N failed" like every test.
 * The counters, the checks and the timed loops are in bench_common.h/.c.
 */
#include <stdint.h>
#include <stdio.h>

#include "bench_common.h"
#include "plat.h"
#include "vmio/arch.h"

#if defined(__riscv)
/* Units by which two runs of the same code may differ under -icount. */
#define COUNTER_SLACK 2

/* 2n instructions: n turns of a two-instruction loop. */
__attribute__((noinline)) static void spin(uint64_t n)
{
	__asm__ volatile("1: addi %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
}
#elif defined(__loongarch__)
/*
 * A unit is 10 instructions and a read may land anywhere in one: each
 * figure below is a difference of two reads, the calibration a difference
 * of two such.
 */
#define COUNTER_SLACK 8

__attribute__((noinline)) static void spin(uint64_t n)
{
	__asm__ volatile("1: addi.d %0, %0, -1\n\tbnez %0, 1b" : "+r"(n));
}
#else
#error "guest_bench.c: riscv64 or loongarch64 only (x86_64: guest_bench_x86.c)"
#endif

#if defined(VMIO_BENCH_PICOLIBC)
void *pico_memcpy(void *dst, const void *src, size_t len);
void *pico_memset(void *dst, int byte, size_t len);
#endif

static const size_t sizes[] = { 8, 64, 256, 4096, 65536 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

enum impl { VMIO, PICOLIBC, BYTELOOP, NIMPLS };
static const char *const impl_names[NIMPLS] = { "vmio", "picolibc", "byteloop" };
#if defined(VMIO_BENCH_PICOLIBC)
#define HAVE_PICOLIBC 1
#else
#define HAVE_PICOLIBC 0
#endif

/* Counter units -> instructions: units * cal_num / cal_den. */
static uint64_t cal_num = 1, cal_den = 1;

static unsigned reps_for(size_t len)
{
	return len >= 65536 ? 4 : len >= 4096 ? 16 : len >= 256 ? 64 : 512;
}

/* Instructions per call, times 1000 (rounded), from counter units. */
static uint64_t per_call_x1000(uint64_t units, uint64_t empty, unsigned reps)
{
	uint64_t d = units > empty ? units - empty : 0;

	return (d * cal_num * 1000 + cal_den * reps / 2) / (cal_den * reps);
}

/* Results: [op][size][align][impl] instructions per call, x1000; ~0 = absent. */
#define ABSENT UINT64_MAX
static uint64_t copy_res[NSIZES][NCOPY_ALIGNS][NIMPLS];
static uint64_t fill_res[NSIZES][NFILL_ALIGNS][NIMPLS];

static void bench_copy(size_t si, size_t ai)
{
	size_t len = sizes[si];
	unsigned sa = copy_aligns[ai].src, da = copy_aligns[ai].dst, reps = reps_for(len);
	const uint8_t *s = src_buf + GUARD + sa;
	uint8_t *d = dst_buf + GUARD + da;
	uint64_t e, u;
	uintptr_t bad;

	/* vmio: the returned count first, then the timed calls. */
	prepare_copy(len);
	check(__memcpy_fallible(d, s, len) == 0 && dst_ok(len, sa, da, 0),
	      "copy", "vmio", len, sa, da);
	prepare_copy(len);
	e = timed_vc(bench_empty_vc, d, s, len, reps, 0, &bad);
	u = timed_vc(__memcpy_fallible, d, s, len, reps, 0, &bad);
	check(dst_ok(len, sa, da, 0) && !bad, "copy", "vmio (timed)", len, sa, da);
	copy_res[si][ai][VMIO] = per_call_x1000(u, e, reps);

	copy_res[si][ai][PICOLIBC] = ABSENT;
#if HAVE_PICOLIBC
	prepare_copy(len);
	e = timed_lc(bench_empty_lc, d, s, len, reps, (uintptr_t)d, &bad);
	u = timed_lc(pico_memcpy, d, s, len, reps, (uintptr_t)d, &bad);
	check(dst_ok(len, sa, da, 0) && !bad, "copy", "picolibc", len, sa, da);
	copy_res[si][ai][PICOLIBC] = per_call_x1000(u, e, reps);
#endif

	prepare_copy(len);
	e = timed_lc(bench_empty_lc, d, s, len, reps, (uintptr_t)d, &bad);
	u = timed_lc(byte_copy, d, s, len, reps, (uintptr_t)d, &bad);
	check(dst_ok(len, sa, da, 0) && !bad, "copy", "byteloop", len, sa, da);
	copy_res[si][ai][BYTELOOP] = per_call_x1000(u, e, reps);
}

static void bench_fill(size_t si, size_t ai)
{
	size_t len = sizes[si];
	unsigned da = fill_aligns[ai], reps = reps_for(len);
	uint8_t *d = dst_buf + GUARD + da;
	uint64_t e, u;
	uintptr_t bad;

	prepare_copy(len);
	check(__memset_fallible(d, 0x100 | FILL_BYTE, len) == 0 && dst_ok(len, 0, da, 1),
	      "fill", "vmio", len, 0, da);
	prepare_copy(len);
	e = timed_vf(bench_empty_vf, d, FILL_BYTE, len, reps, 0, &bad);
	u = timed_vf(__memset_fallible, d, FILL_BYTE, len, reps, 0, &bad);
	check(dst_ok(len, 0, da, 1) && !bad, "fill", "vmio (timed)", len, 0, da);
	fill_res[si][ai][VMIO] = per_call_x1000(u, e, reps);

	fill_res[si][ai][PICOLIBC] = ABSENT;
#if HAVE_PICOLIBC
	prepare_copy(len);
	e = timed_lf(bench_empty_lf, d, FILL_BYTE, len, reps, (uintptr_t)d, &bad);
	u = timed_lf(pico_memset, d, FILL_BYTE, len, reps, (uintptr_t)d, &bad);
	check(dst_ok(len, 0, da, 1) && !bad, "fill", "picolibc", len, 0, da);
	fill_res[si][ai][PICOLIBC] = per_call_x1000(u, e, reps);
#endif

	prepare_copy(len);
	e = timed_lf(bench_empty_lf, d, FILL_BYTE, len, reps, (uintptr_t)d, &bad);
	u = timed_lf(byte_fill, d, FILL_BYTE, len, reps, (uintptr_t)d, &bad);
	check(dst_ok(len, 0, da, 1) && !bad, "fill", "byteloop", len, 0, da);
	fill_res[si][ai][BYTELOOP] = per_call_x1000(u, e, reps);
}

/* Counter units for spin(n), from just before the call to just after it. */
static uint64_t spin_units(uint64_t n)
{
	uint64_t t0 = counter();

	spin(n);
	return counter() - t0;
}

/*
 * Two spins differ by exactly 2 * (N2 - N1) instructions; the counter's
 * difference gives its unit.  Done three times: under -icount the results
 * agree (to the unit's phase on loongarch64); without it they wander.
 */
static void calibrate(void)
{
	const uint64_t n1 = 1000, n2 = 1001000, instrs = 2 * (n2 - n1);
	uint64_t runs[3], lo = UINT64_MAX, hi = 0;
	uintptr_t bad;

	for (int i = 0; i < 3; i++) {
		runs[i] = spin_units(n2) - spin_units(n1);
		lo = runs[i] < lo ? runs[i] : lo;
		hi = runs[i] > hi ? runs[i] : hi;
	}
	cal_num = instrs;
	cal_den = runs[0] ? runs[0] : 1;
	/* Within 0.1% of a whole number of instructions per unit: use that. */
	uint64_t whole = (instrs + cal_den / 2) / cal_den;
	if (whole && (whole * cal_den > instrs ? whole * cal_den - instrs
					       : instrs - whole * cal_den) * 1000 <= instrs) {
		cal_num = whole;
		cal_den = 1;
	}
	printf("calibration: %llu instructions (spin of %llu - spin of %llu turns) = "
	       "%llu, %llu, %llu %s units; ",
	       (unsigned long long)instrs, (unsigned long long)n2, (unsigned long long)n1,
	       (unsigned long long)runs[0], (unsigned long long)runs[1],
	       (unsigned long long)runs[2], COUNTER);
	printf("instructions per unit: ");
	print_x1000((instrs * 1000 + runs[0] / 2) / (runs[0] ? runs[0] : 1), 0);
	if (cal_den == 1)
		printf(", taken as %llu", (unsigned long long)cal_num);
	printf("\n");
	printf("empty-call loop, one turn (loop, call, ret, counter reads): %llu units\n",
	       (unsigned long long)timed_vc(bench_empty_vc, dst_buf, src_buf, 0, 1, 0, &bad));
	check(runs[0] && hi - lo <= COUNTER_SLACK, "calibration (deterministic counter: "
	      "run QEMU with -icount shift=0)", COUNTER, 0, 0, 0);
}

/* Both kinds of case through one function, for for_each_case(). */
static void measure(int fill, size_t si, size_t ai)
{
	if (fill)
		bench_fill(si, ai);
	else
		bench_copy(si, ai);
}

/* One table row: vmio's instructions per call, each routine's per byte, two ratios. */
static void print_row(int fill, size_t si, size_t ai)
{
	const uint64_t *r = fill ? fill_res[si][ai] : copy_res[si][ai];
	size_t len = sizes[si];
	char al[16];

	case_align(fill, ai, al, sizeof al);
	printf("%-5s %6zu %6s", case_op(fill), len, al);
	printf("%10llu", (unsigned long long)((r[VMIO] + 500) / 1000));
	for (int i = 0; i < NIMPLS; i++) {
		if (r[i] == ABSENT)
			printf("%9s", "-");
		else
			print_x1000(r[i] / len, 9);
	}
	for (int i = PICOLIBC; i < NIMPLS; i++) {
		if (r[i] == ABSENT || r[i] == 0)
			printf("%9s", "-");
		else
			print_x1000(r[VMIO] * 1000 / r[i], 9);
	}
	printf("\n");
}

/* One CSV line per routine present. */
static void print_csv_row(int fill, size_t si, size_t ai)
{
	const uint64_t *r = fill ? fill_res[si][ai] : copy_res[si][ai];
	size_t len = sizes[si];

	for (int i = 0; i < NIMPLS; i++) {
		if (r[i] == ABSENT)
			continue;
		printf("%s,%s,%s,%zu,", plat_info()->isa, case_op(fill), impl_names[i], len);
		if (!fill)
			printf("%u", case_sa(fill, ai));
		printf(",%u,", case_da(fill, ai));
		print_x1000(r[i], 0);
		printf(",");
		print_x1000(r[i] / len, 0);
		printf("\n");
	}
}

static void target(const char *what, uint64_t got_x1000, uint64_t limit_x1000)
{
	printf("target: %-46s ", what);
	print_x1000(got_x1000, 6);
	printf(" <= ");
	print_x1000(limit_x1000, 0);
	printf("  %s\n", got_x1000 <= limit_x1000 ? "met" : "MISSED");
}

/*
 * Every size 1..64 at every alignment, vmio only: [size - 1][align]
 * instructions per call, x1000, 2048 calls each (a counter unit is 10
 * instructions on loongarch64, so a figure is good to 0.005 instructions).
 */
#define SMALL_MAX 64
#define SMALL_REPS 2048
static uint64_t small_copy[SMALL_MAX][NCOPY_ALIGNS];
static uint64_t small_fill[SMALL_MAX][NFILL_ALIGNS];

/* Measure and check every small copy and fill, then print them as a table and CSV. */
static void small_sizes(void)
{
	uintptr_t bad;
	uint64_t e, u;

	for (size_t len = 1; len <= SMALL_MAX; len++) {
		for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++) {
			unsigned sa = copy_aligns[ai].src, da = copy_aligns[ai].dst;
			const uint8_t *s = src_buf + GUARD + sa;
			uint8_t *d = dst_buf + GUARD + da;

			prepare_copy(len);
			e = timed_vc(bench_empty_vc, d, s, len, SMALL_REPS, 0, &bad);
			u = timed_vc(__memcpy_fallible, d, s, len, SMALL_REPS, 0, &bad);
			check(dst_ok(len, sa, da, 0) && !bad, "copy", "vmio (small)", len, sa, da);
			small_copy[len - 1][ai] = per_call_x1000(u, e, SMALL_REPS);
		}
		for (size_t ai = 0; ai < NFILL_ALIGNS; ai++) {
			unsigned da = fill_aligns[ai];
			uint8_t *d = dst_buf + GUARD + da;

			prepare_copy(len);
			e = timed_vf(bench_empty_vf, d, FILL_BYTE, len, SMALL_REPS, 0, &bad);
			u = timed_vf(__memset_fallible, d, FILL_BYTE, len, SMALL_REPS, 0, &bad);
			check(dst_ok(len, 0, da, 1) && !bad, "fill", "vmio (small)", len, 0, da);
			small_fill[len - 1][ai] = per_call_x1000(u, e, SMALL_REPS);
		}
	}
	printf("\nvmio instructions per call, sizes 1..%d\n%5s", SMALL_MAX, "size");
	for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++)
		printf("   copy %u/%-2u", copy_aligns[ai].src, copy_aligns[ai].dst);
	for (size_t ai = 0; ai < NFILL_ALIGNS; ai++)
		printf("   fill -/%-2u", fill_aligns[ai]);
	printf("\n");
	for (size_t len = 1; len <= SMALL_MAX; len++) {
		printf("%5zu", len);
		for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++)
			print_x1000(small_copy[len - 1][ai], 12);
		for (size_t ai = 0; ai < NFILL_ALIGNS; ai++)
			print_x1000(small_fill[len - 1][ai], 12);
		printf("\n");
	}
	printf("\nsmall-csv-begin\nsize");
	for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++)
		printf(",copy_%u_%u", copy_aligns[ai].src, copy_aligns[ai].dst);
	for (size_t ai = 0; ai < NFILL_ALIGNS; ai++)
		printf(",fill_%u", fill_aligns[ai]);
	printf("\n");
	for (size_t len = 1; len <= SMALL_MAX; len++) {
		printf("%zu", len);
		for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++) {
			printf(",");
			print_x1000(small_copy[len - 1][ai], 0);
		}
		for (size_t ai = 0; ai < NFILL_ALIGNS; ai++) {
			printf(",");
			print_x1000(small_fill[len - 1][ai], 0);
		}
		printf("\n");
	}
	printf("small-csv-end\n");
}

#if defined(__riscv)
/*
 * Instructions per call of copy and fill at every size 1..300, then every
 * 64 bytes to 4096, as CSV: to compare two builds (riscv64_vector none and
 * rvv) size by size.  Each call's result is checked.
 */
static void sweep(void)
{
	static const unsigned al[][2] = { { 0, 0 }, { 1, 0 }, { 3, 0 }, { 0, 3 } };

	printf("sweep-begin\nop,size,src_off,dst_off,instructions\n");
	for (size_t n = 1; n <= 4096; n += n < 300 ? 1 : 64) {
		unsigned reps = reps_for(n);
		uintptr_t bad;

		for (unsigned a = 0; a < 4; a++) {
			const uint8_t *src = src_buf + GUARD + al[a][0];
			uint8_t *d = dst_buf + GUARD + al[a][1];

			prepare_copy(n);
			uint64_t e = timed_vc(bench_empty_vc, d, src, n, reps, 0, &bad);
			uint64_t u = timed_vc(__memcpy_fallible, d, src, n, reps, 0, &bad);
			check(dst_ok(n, al[a][0], al[a][1], 0) && !bad, "copy", "sweep", n,
			      al[a][0], al[a][1]);
			uint64_t c = per_call_x1000(u, e, reps);
			printf("copy,%zu,%u,%u,%llu.%03llu\n", n, al[a][0], al[a][1],
			       (unsigned long long)(c / 1000), (unsigned long long)(c % 1000));
		}
		for (unsigned da = 0; da < 4; da += 3) {
			uint8_t *d = dst_buf + GUARD + da;

			prepare_copy(n);
			uint64_t e = timed_vf(bench_empty_vf, d, FILL_BYTE, n, reps, 0, &bad);
			uint64_t u = timed_vf(__memset_fallible, d, FILL_BYTE, n, reps, 0, &bad);
			check(dst_ok(n, 0, da, 1) && !bad, "fill", "sweep", n, 0, da);
			uint64_t f = per_call_x1000(u, e, reps);
			printf("fill,%zu,-,%u,%llu.%03llu\n", n, da, (unsigned long long)(f / 1000),
			       (unsigned long long)(f % 1000));
		}
	}
	printf("sweep-end\n\n");
}
#endif

int guest_main(void)
{
	printf("guest benchmark on %s: instructions per call and per byte (%s)\n",
	       plat_info()->isa, COUNTER);
	calibrate();

	for_each_case(measure, NSIZES, 1);

	printf("\n%-5s %6s %6s %10s %9s %9s %9s %9s %9s\n", "op", "size", "s/d", "vmio ins",
	       "vmio i/B", "pico i/B", "byte i/B", "vs pico", "vs byte");
	for_each_case(print_row, NSIZES, 0);

	printf("\ncsv-begin\nisa,op,impl,size,src_off,dst_off,instructions,instructions_per_byte\n");
	for_each_case(print_csv_row, NSIZES, 1);
	printf("csv-end\n");

	small_sizes();
	printf("\n");

#if defined(__riscv)
	sweep();
#endif

	/* The targets, at 4 KiB (sizes[3]); reported, not enforced. */
#if defined(VMIO_TEST_RVV)
	/* riscv64_vector=rvv at VLEN 128 (issue 20). */
	target("rvv copy 4096 aligned (0/0), instructions/byte", copy_res[3][0][VMIO] / 4096, 60);
	target("rvv copy 4096 src misaligned (1/0), instructions/byte", copy_res[3][1][VMIO] / 4096, 60);
	target("rvv copy 4096 misaligned (0/3), instructions/byte", copy_res[3][2][VMIO] / 4096, 60);
	target("rvv copy 4096 misaligned (7/13), instructions/byte", copy_res[3][3][VMIO] / 4096, 60);
	target("rvv fill 4096 (-/3), instructions/byte", fill_res[3][1][VMIO] / 4096, 40);
	target("rvv copy 64 (1/0), instructions/byte", copy_res[1][1][VMIO] / 64, 500);
#else
	/*
	 * riscv64's shifted copy merges every word (5 instructions) since a
	 * retry must not meet bytes stored past its count (docs/DESIGN.md):
	 * about 0.67 where the patching loop it replaced made 0.55.
	 */
	unsigned mis = 600;
#if defined(__riscv)
	mis = 700;
#endif
	target("copy 4096 aligned (0/0), instructions/byte", copy_res[3][0][VMIO] / 4096, 350);
	target("copy 4096 src misaligned (1/0), instructions/byte", copy_res[3][1][VMIO] / 4096, mis);
	target("copy 4096 misaligned (0/3), instructions/byte", copy_res[3][2][VMIO] / 4096, mis);
	target("copy 4096 misaligned (7/13), instructions/byte", copy_res[3][3][VMIO] / 4096, mis);
#if defined(__loongarch__)
	/* Issue 20: at or below Linux's copy_user.S (v6.6) at 16 and 64 bytes. */
	target("copy 16 aligned, instructions/byte (Linux 1.375)", small_copy[15][0] / 16, 1375);
	target("copy 64 aligned, instructions/byte (Linux 0.594)", small_copy[63][0] / 64, 594);
#endif
#endif
#if HAVE_PICOLIBC
	target("copy 4096 aligned, vmio / picolibc memcpy", copy_res[3][0][VMIO] * 1000 / copy_res[3][0][PICOLIBC], 1100);
#endif
	return bench_summary();
}
