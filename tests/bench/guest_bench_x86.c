/*
 * Guest benchmark for x86_64 bare metal: TSC ticks per call of
 * __memcpy_fallible and __memset_fallible next to rep movsb / rep stosb,
 * a plain byte loop and the firmware's own memcpy/memset
 * (boot/common/minilibc, compiled by clang into 16-byte SSE moves), for
 * sizes 8 B to 1 MiB and several alignments.
 *
 * TCG, not hardware.  scripts/run-qemu boots x86_64 under QEMU's TCG (the
 * /dev/kvm of this machine kind stops at stac/clac), and this image runs
 * without -icount, so rdtsc reads the host's TSC: a figure is host time
 * spent in QEMU's translation of a routine.  It ranks code by how TCG
 * emulates it, which is not how a CPU runs it; every figure printed says so.
 *
 * Each figure is the best of ROUNDS rounds.  A round times every routine
 * and the empty call once each, over `reps` calls, in an order that rotates
 * from round to round; a figure is (best round) - (best empty round),
 * divided by reps.  Every timed call is checked (bytes, guard bytes,
 * returned value) with the code of bench_common.c, so the image ends with
 * "N passed, N failed" like every test.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bench_common.h"
#include "plat.h"
#include "vmio/arch.h"
#include "x86.h"

#define ROUNDS 7

/* The string instructions alone, returning dst as memcpy and memset do. */
void *rep_movsb(void *dst, const void *src, size_t len);
void *rep_stosb(void *dst, int byte, size_t len);
__asm__(".text\n\t.balign 16\n\t.globl rep_movsb, rep_stosb\n"
	"rep_movsb:\n\t"
	"movq %rdi, %rax\n\tmovq %rdx, %rcx\n\trep movsb\n\tret\n"
	"rep_stosb:\n\t"
	"movq %rdi, %r8\n\tmovl %esi, %eax\n\tmovq %rdx, %rcx\n\trep stosb\n\t"
	"movq %r8, %rax\n\tret\n");

static const size_t sizes[] = { 8, 64, 256, 1024, 4096, 65536, 1048576 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* The routines compared; EMPTY is the empty call's slot in a round. */
enum impl { VMIO, REP, BYTELOOP, MINILIBC, NIMPLS, EMPTY = NIMPLS };
static const char *const impl_names[NIMPLS] = { "vmio", "rep", "byteloop", "minilibc" };
static const libc_copy_fn copy_fns[NIMPLS] = { 0, rep_movsb, byte_copy, memcpy };
static const libc_fill_fn fill_fns[NIMPLS] = { 0, rep_stosb, byte_fill, memset };

/* TSC ticks per second, 0 if unknown; the accelerator the figures come from. */
static uint64_t tsc_hz;
static const char *accel = "tcg";
static const char *accel_label = "TCG (software emulation), not hardware";

/* Results: [size][align][impl] TSC ticks per call, times 1000. */
static uint64_t copy_res[NSIZES][NCOPY_ALIGNS][NIMPLS];
static uint64_t fill_res[NSIZES][NFILL_ALIGNS][NIMPLS];

/* About 256 KiB a sample, at least one call, at most 4096. */
static unsigned reps_for(size_t len)
{
	size_t r = 262144 / len;

	return r < 1 ? 1 : r > 4096 ? 4096 : (unsigned)r;
}

/* One timed sample of slot i (a routine or EMPTY) for a copy or a fill. */
static uint64_t sample(int fill, unsigned i, uint8_t *d, const uint8_t *s, size_t len,
		       unsigned reps, uintptr_t *bad)
{
	int byte = 0x100 | FILL_BYTE; /* every routine must use it as unsigned char */

	if (fill) {
		if (i == VMIO || i == EMPTY)
			return timed_vf(i == VMIO ? __memset_fallible : bench_empty_vf, d, byte,
					len, reps, 0, bad);
		return timed_lf(fill_fns[i], d, byte, len, reps, (uintptr_t)d, bad);
	}
	if (i == VMIO || i == EMPTY)
		return timed_vc(i == VMIO ? __memcpy_fallible : bench_empty_vc, d, s, len,
				reps, 0, bad);
	return timed_lc(copy_fns[i], d, s, len, reps, (uintptr_t)d, bad);
}

/*
 * ROUNDS interleaved rounds of every routine at one size and alignment;
 * the results get ticks per call (x1000) and each routine one check
 * covering every call it made.
 */
static void bench(int fill, size_t si, size_t ai)
{
	uint64_t *res = fill ? fill_res[si][ai] : copy_res[si][ai];
	size_t len = sizes[si];
	unsigned sa = case_sa(fill, ai), da = case_da(fill, ai), reps = reps_for(len);
	const uint8_t *s = src_buf + GUARD + sa;
	uint8_t *d = dst_buf + GUARD + da;
	uint64_t best[NIMPLS + 1];
	int ok[NIMPLS];

	for (unsigned i = 0; i <= NIMPLS; i++)
		best[i] = UINT64_MAX;
	for (unsigned i = 0; i < NIMPLS; i++)
		ok[i] = 1;
	for (unsigned r = 0; r < ROUNDS; r++) {
		for (unsigned k = 0; k <= NIMPLS; k++) {
			unsigned i = (k + r) % (NIMPLS + 1);
			uintptr_t bad;
			uint64_t t;

			prepare_copy(len);
			t = sample(fill, i, d, s, len, reps, &bad);
			if (i != EMPTY)
				ok[i] &= !bad && dst_ok(len, sa, da, fill);
			best[i] = t < best[i] ? t : best[i];
		}
	}
	for (unsigned i = 0; i < NIMPLS; i++) {
		uint64_t t = best[i] > best[EMPTY] ? best[i] - best[EMPTY] : 0;

		check(ok[i], case_op(fill), impl_names[i], len, sa, da);
		res[i] = (t * 1000 + reps / 2) / reps;
	}
}

#define PIT_HZ 1193182
#define PIT_WINDOW 50000 /* PIT counts a calibration window lasts: 41.9 ms */
#define CAL_WINDOWS 5
#define PIT_GIVE_UP (1ULL << 32) /* TSC ticks: about 2 s at 2 GHz */

/*
 * PIT channel 2's count, latched; *tsc gets the middle of the TSC reads
 * on either side of it and *width their distance.
 */
static unsigned pit_read(uint64_t *tsc, uint64_t *width)
{
	uint64_t t0 = counter(), t1;
	unsigned lo, hi;

	outb(0x43, 0x80); /* latch channel 2 */
	lo = inb(0x42);
	hi = inb(0x42);
	t1 = counter();
	*tsc = t0 + (t1 - t0) / 2;
	*width = t1 - t0;
	return hi << 8 | lo;
}

/*
 * TSC ticks per second over PIT_WINDOW counts of PIT channel 2 (mode 2,
 * counting down from 0xffff); 0 if the window was not clean: a count went
 * up (the PIT wrapped) or the TSC brackets of the two ends add up to more
 * than 1/1000 of the window (the host held QEMU up mid-read).
 */
static uint64_t tsc_hz_by_pit(void)
{
	uint8_t p61 = inb(0x61);
	uint64_t t0, t1, w0, w1, start = counter();
	unsigned c0, c1, prev;

	outb(0x61, (p61 & ~0x02) | 0x01); /* gate on, speaker off */
	outb(0x43, 0xb4);                  /* channel 2, lo/hi byte, mode 2 */
	outb(0x42, 0xff);
	outb(0x42, 0xff);
	do /* past the load of the count */
		c0 = pit_read(&t0, &w0);
	while (c0 > 0xff00 && t0 - start < PIT_GIVE_UP);
	prev = c1 = c0;
	do {
		c1 = pit_read(&t1, &w1);
		if (c1 > prev)
			break;
		prev = c1;
	} while (c0 - c1 < PIT_WINDOW && t1 - start < PIT_GIVE_UP);
	outb(0x61, p61);
	if (c1 > prev || c0 - c1 < PIT_WINDOW || (w0 + w1) * 1000 > t1 - t0)
		return 0;
	return (t1 - t0) * PIT_HZ / (c0 - c1);
}

/*
 * The TSC rate: the median of CAL_WINDOWS clean PIT windows (CPUID leaf
 * 0x15 only if none was clean), printed with what CPUID leaves 0x15 and
 * 0x16 claim (under TCG rdtsc reads the host's TSC, which they do not
 * describe).  Also names the accelerator from the hypervisor leaf.
 */
static void calibrate(void)
{
	uint32_t r[4], max;
	uint64_t hz[CAL_WINDOWS], cpuid15 = 0, cpuid16_mhz = 0;
	int n = 0;
	char sig[13] = "";

	cpuid(0, 0, r);
	max = r[0];
	if (max >= 0x15) {
		cpuid(0x15, 0, r);
		if (r[0] && r[1] && r[2])
			cpuid15 = (uint64_t)r[2] * r[1] / r[0];
	}
	if (max >= 0x16) {
		cpuid(0x16, 0, r);
		cpuid16_mhz = r[0] & 0xffff;
	}
	cpuid(1, 0, r);
	if (r[2] & (1u << 31)) { /* a hypervisor is present */
		cpuid(0x40000000, 0, r);
		memcpy(sig, &r[1], 4);
		memcpy(sig + 4, &r[2], 4);
		memcpy(sig + 8, &r[3], 4);
	}
	if (strcmp(sig, "KVMKVMKVM") == 0) {
		accel = "kvm";
		accel_label = "KVM";
	}

	for (int tries = 0; n < CAL_WINDOWS && tries < 4 * CAL_WINDOWS; tries++) {
		uint64_t v = tsc_hz_by_pit();
		int k = n;

		if (!v)
			continue;
		for (; k > 0 && hz[k - 1] > v; k--) /* insertion: hz stays sorted */
			hz[k] = hz[k - 1];
		hz[k] = v;
		n++;
	}
	tsc_hz = n ? hz[n / 2] : cpuid15;

	printf("accelerator: %s (hypervisor signature \"%s\"; scripts/run-qemu asks for "
	       "-accel tcg)\n", accel_label, sig);
	printf("TSC: %llu kHz, median of %d clean windows of %u PIT counts (%u.%u ms)",
	       (unsigned long long)(tsc_hz / 1000), n, PIT_WINDOW, PIT_WINDOW * 1000 / PIT_HZ,
	       PIT_WINDOW * 10000 / PIT_HZ % 10);
	if (n)
		printf(", from %llu to %llu kHz", (unsigned long long)(hz[0] / 1000),
		       (unsigned long long)(hz[n - 1] / 1000));
	printf("; CPUID 0x15: %llu Hz, 0x16: %llu MHz (0: not given)\n",
	       (unsigned long long)cpuid15, (unsigned long long)cpuid16_mhz);
}

/* GB/s (x1000) for len bytes in t ticks (x1000) per call; ticks per byte without a rate. */
static uint64_t rate_x1000(uint64_t t, size_t len)
{
	if (!tsc_hz)
		return t / len;
	return t ? (uint64_t)len * tsc_hz / t / 1000 : 0;
}

/* A time ratio t / vmio, "-" when vmio's time is 0. */
static void print_ratio(uint64_t t, uint64_t vmio)
{
	if (vmio)
		print_x1000(t * 1000 / vmio, 9);
	else
		printf("%9s", "-");
}

/* One table row: vmio's ticks per call, each routine's rate, two ratios. */
static void print_row(int fill, size_t si, size_t ai)
{
	const uint64_t *r = fill ? fill_res[si][ai] : copy_res[si][ai];
	size_t len = sizes[si];
	char al[16];

	case_align(fill, ai, al, sizeof al);
	printf("%-5s %8zu %6s %11llu", case_op(fill), len, al,
	       (unsigned long long)((r[VMIO] + 500) / 1000));
	for (int i = 0; i < NIMPLS; i++)
		print_x1000(rate_x1000(r[i], len), 10);
	print_ratio(r[REP], r[VMIO]);
	print_ratio(r[MINILIBC], r[VMIO]);
	printf("\n");
}

/* One CSV line per routine. */
static void print_csv_row(int fill, size_t si, size_t ai)
{
	const uint64_t *r = fill ? fill_res[si][ai] : copy_res[si][ai];
	size_t len = sizes[si];

	for (int i = 0; i < NIMPLS; i++) {
		printf("%s,%s,%s,%s,%zu,", plat_info()->isa, accel, case_op(fill),
		       impl_names[i], len);
		if (!fill)
			printf("%u", case_sa(fill, ai));
		printf(",%u,", case_da(fill, ai));
		print_x1000(r[i], 0);
		printf(",");
		if (tsc_hz)
			print_x1000(rate_x1000(r[i], len), 0);
		printf("\n");
	}
}

int guest_main(void)
{
	const char *unit;

	printf("guest benchmark on %s: TSC ticks per call (%s, no -icount)\n",
	       plat_info()->isa, COUNTER);
	calibrate();
	unit = tsc_hz ? "GB/s (10^9 B/s)" : "TSC ticks per byte";
	printf("each figure: best of %u interleaved rounds minus the best empty-call round\n",
	       ROUNDS);

	for_each_case(bench, NSIZES, 1);

	printf("\n%s figures: %s of host time per routine; \"vs\" = that routine's time / "
	       "vmio's (> 1: vmio faster)\n", accel_label, unit);
	printf("%-5s %8s %6s %11s %10s %10s %10s %10s %9s %9s\n", "op", "size", "s/d",
	       "vmio t/call", "vmio", "rep", "byteloop", "minilibc", "vs rep", "vs mini");
	for_each_case(print_row, NSIZES, 0);

	printf("\ncsv-begin\nisa,accel,op,impl,size,src_off,dst_off,ticks_per_call,gb_per_s\n");
	for_each_case(print_csv_row, NSIZES, 1);
	printf("csv-end\n");
	return bench_summary();
}
