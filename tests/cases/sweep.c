/*
 * The boundary sweep of __memcpy_fallible and __memset_fallible against the
 * real faults of the user test region (ureg.h).
 *
 * For every boundary where accessibility changes, every size 0..128, a few
 * sizes from 200 to 2200 and a few multi-page sizes, and every start position from
 * "the whole buffer before the boundary" to "the whole buffer after it"
 * (sampled for the multi-page sizes), with the kernel-side buffer
 * misaligned by 0..7, check: the exact count; the bytes done equal the
 * source; the source is unchanged; no destination byte outside the done
 * prefix changed.  Canaries, the guards around the kernel buffer included,
 * are the complement of the byte the copy would store there, so any stray
 * store is seen.
 */
#include <stdio.h>

#include "ureg.h"
#include "vmio/arch.h"
#include "vtest.h"

#define GUARD 16
#define SMALL_MAX 128
/*
 * Swept at every start like the small sizes: long enough for a loop of
 * 128 bytes a turn to fault at every position of a turn, with any head.
 */
static const size_t mid_sizes[] = { 263, 300 };
/*
 * Past the straight-line steps of every routine (x86_64 with 64-byte
 * vectors: up to 512 bytes), through its loop (to 2 KiB) and into rep
 * movsb/stosb: swept at every start near both ends and every 61st between.
 */
static const size_t wide_sizes[] = { 200, 1000, 2200 };
#define WIDE_ENDS 130
#define WIDE_STRIDE 61
#define ALL_ALIGNS 0xffu
/*
 * Into rep movsb/stosb where the loop goes on longer: x86_64 with 32- and
 * 64-byte vectors copies by loop up to 24 KiB and, on the host, fills by
 * loop up to 48 KiB.  Starts within REP_ENDS of either end, and the middle.
 */
#if defined(VMIO_HOST)
static const size_t rep_sizes[] = { 40000, 60000 };
#define KBUF_MAX (60000 + 2 * GUARD + 8)
#else
static const size_t rep_sizes[] = { 40000 };
#endif
#define REP_ENDS 4
/*
 * The multi-page sizes: every start within 8 of either end at every
 * misalignment, and between them every BIG_STRIDE-th start (a prime,
 * larger for larger pages to keep the cost) at misalignments 0 and 5.
 */
#define BIG_ENDS 8
#define BIG_STRIDE_4K 61
#define BIG_BETWEEN_ALIGNS ((1u << 0) | (1u << 5))
#ifndef KBUF_MAX
#define KBUF_MAX (4 * 16384 + 2 * GUARD + 8)
#endif

static uint8_t kbuf[KBUF_MAX];  /* the kernel side of each operation */
static uint8_t kback[KBUF_MAX]; /* a read-back of the user side */
static unsigned long cases;

enum op { COPY_FROM_USER, COPY_TO_USER, FILL_USER };

static size_t big_sizes(size_t *out)
{
	size_t ps = ureg_ps;

	out[0] = ps - 1;
	out[1] = ps + 1;
	out[2] = 2 * ps + 3;
	out[3] = 3 * ps - 5;
	return 4;
}

static void report(enum op op, const uint8_t *u, size_t len, size_t align,
		   unsigned before)
{
	static const char *const names[] = { "copy from user", "copy to user", "fill user" };

	if (vt_case_failures() != before && before < 8)
		printf("    in %s: user offset 0x%zx, len %zu, kernel misalignment %zu\n",
		       names[op], (size_t)(u - ureg_base), len, align);
}

/* The canary for the kernel byte that a copy from user address a would store. */
static uint8_t canary(const uint8_t *a)
{
	return (uint8_t)~ureg_expected(a);
}

/*
 * Copy len bytes from user address u into the kernel buffer, misaligned by
 * align, between guards of GUARD bytes.
 */
static void copy_from_user_case(const uint8_t *u, size_t len, size_t align)
{
	uint8_t *k = kbuf + GUARD + align;
	size_t done = ureg_read_run(u, len);
	unsigned before = vt_case_failures();

	for (ptrdiff_t i = -GUARD; i < (ptrdiff_t)(len + GUARD); i++)
		k[i] = canary(u + i);

	VT_EQ(__memcpy_fallible(k, u, len), len - done);

	for (ptrdiff_t i = -GUARD; i < (ptrdiff_t)(len + GUARD); i++) {
		uint8_t want = i >= 0 && (size_t)i < done ? ureg_expected(u + i) : canary(u + i);
		if (k[i] != want) {
			VT_EQ(k[i], want);
			break;
		}
	}
	/* The source is unchanged. */
	ureg_read_back(kback, u, len);
	for (size_t i = 0; i < len; i++)
		if (ureg_readable(u + i) && kback[i] != ureg_expected(u + i)) {
			VT_EQ(kback[i], ureg_expected(u + i));
			break;
		}
	report(COPY_FROM_USER, u, len, align, before);
	cases++;
}

/*
 * Copy len bytes to user address u from the kernel buffer (misaligned by
 * align) or, for FILL_USER, fill them with 0xff, which no writable byte of
 * the region holds before.  Then read the user side back around u.
 */
static void copy_to_user_case(enum op op, uint8_t *u, size_t len, size_t align)
{
	uint8_t *k = kbuf + align;
	size_t done = ureg_write_run(u, len);
	unsigned before = vt_case_failures();
	uint8_t *lo = u - GUARD < ureg_base ? ureg_base : u - GUARD;
	size_t span = (size_t)(u - lo) + len + GUARD;

	/* The source byte for u + i is the complement of what u + i holds. */
	for (size_t i = 0; i < len; i++)
		k[i] = ureg_readable(u + i) ? (uint8_t)~ureg_expected(u + i) : 0x77;

	if (op == FILL_USER)
		VT_EQ(__memset_fallible(u, 0x1ff, len), len - done);
	else
		VT_EQ(__memcpy_fallible(u, k, len), len - done);

	ureg_read_back(kback, lo, span);
	for (size_t j = 0; j < span; j++) {
		uint8_t *a = lo + j;
		size_t i = (size_t)(a - u);
		uint8_t want;

		if (!ureg_readable(a))
			continue;
		if (a >= u && i < done)
			want = op == FILL_USER ? 0xff : (uint8_t)~ureg_expected(a);
		else
			want = ureg_expected(a);
		if (kback[j] != want) {
			VT_EQ(kback[j], want);
			break;
		}
	}
	if (op == COPY_TO_USER)
		for (size_t i = 0; i < len; i++) {
			uint8_t src = ureg_readable(u + i) ? (uint8_t)~ureg_expected(u + i) : 0x77;
			if (k[i] != src) {
				VT_EQ(k[i], src);
				break;
			}
		}
	if (done)
		ureg_restore(u, done);
	report(op, u, len, align, before);
	cases++;
}

static void one(enum op op, uint8_t *u, size_t len, size_t align)
{
	if (op == COPY_FROM_USER)
		copy_from_user_case(u, len, align);
	else
		copy_to_user_case(op, u, len, align);
}

/*
 * Starts from [boundary - len, boundary], within the region, each at the
 * misalignments below aligns: every one when ends is 0; else those within
 * `ends` of either end and, between them, every stride-th (stride 0: the
 * middle one only) at the misalignments in the bit mask between_aligns.
 */
static void sweep_boundary(enum op op, uint8_t *boundary, size_t len, size_t aligns,
			   size_t ends, size_t stride, unsigned between_aligns)
{
	size_t back = len;

	if ((size_t)(boundary - ureg_base) < back)
		back = (size_t)(boundary - ureg_base);
	for (size_t d = 0; d <= back; d++) {
		int between = ends && d > ends && back - d > ends;

		if (between && (stride ? d % stride != 0 : d != back / 2))
			continue;
		for (size_t align = 0; align < aligns; align++)
			if (!between || (between_aligns >> align & 1))
				one(op, boundary - back + d, len, align);
	}
}

/* The smallest prime >= n. */
static size_t prime_at_least(size_t n)
{
	for (;; n++) {
		size_t f = 2;

		while (f * f <= n && n % f)
			f++;
		if (n >= 2 && f * f > n)
			return n;
	}
}

static void sweep(enum op op, const unsigned *pages, size_t npages, size_t aligns)
{
	size_t big[4], nbig, big_stride;
	unsigned long start = cases;

	ureg_setup();
	nbig = big_sizes(big);
	big_stride = prime_at_least(BIG_STRIDE_4K * (ureg_ps / 4096));
	for (size_t b = 0; b < npages; b++) {
		uint8_t *boundary = ureg_page(pages[b]);

		for (size_t len = 0; len <= SMALL_MAX; len++)
			sweep_boundary(op, boundary, len, aligns, 0, 0, ALL_ALIGNS);
		for (size_t i = 0; i < sizeof mid_sizes / sizeof mid_sizes[0]; i++)
			sweep_boundary(op, boundary, mid_sizes[i], aligns, 0, 0, ALL_ALIGNS);
		for (size_t i = 0; i < sizeof wide_sizes / sizeof wide_sizes[0]; i++)
			sweep_boundary(op, boundary, wide_sizes[i], aligns, WIDE_ENDS, WIDE_STRIDE,
				       ALL_ALIGNS);
		for (size_t i = 0; i < nbig; i++)
			sweep_boundary(op, boundary, big[i], aligns, BIG_ENDS, big_stride,
				       BIG_BETWEEN_ALIGNS);
		for (size_t i = 0; i < sizeof rep_sizes / sizeof rep_sizes[0]; i++)
			sweep_boundary(op, boundary, rep_sizes[i], aligns, REP_ENDS, 0, ALL_ALIGNS);
	}
	printf("    %lu cases\n", cases - start);
}

/* Page starts where reading stops or starts being possible. */
static const unsigned read_edges[] = { UREG_RW, UREG_RO + 1, UREG_RW2, UREG_RW2 + 1 };
/* ... and writing: the read-only page is one more edge. */
static const unsigned write_edges[] = { UREG_RW, UREG_RO, UREG_RW2, UREG_RW2 + 1 };

VT_CASE(sweep_memcpy_source_faults)
{
	sweep(COPY_FROM_USER, read_edges, 4, 8);
}

VT_CASE(sweep_memcpy_destination_faults)
{
	sweep(COPY_TO_USER, write_edges, 4, 8);
}

VT_CASE(sweep_memset_faults)
{
	sweep(FILL_USER, write_edges, 4, 1);
}
