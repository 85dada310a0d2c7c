/*
 * The SMP form of exactness, on one CPU: another CPU's unmap landing
 * between a primitive's first fault and its retry.
 *
 * Three writable pages of the user test region, A B C, with C made not
 * present.  Each operation runs from some start in A or B into C.  At its
 * first fault (in C) the fault hook makes B not present too, as a racing
 * unmap on another CPU would.  The retry then meets a fault at the first
 * byte it touches in B.  A primitive that retries from the start of a wide
 * turn stops there although the turn had already stored bytes past it; one
 * that resumes from the first byte not yet stored stops at that byte.
 * Either way the count must stay exact: the bytes reported done hold the
 * source, the stop lies in B or at the start of C, and no byte at or past
 * it was written (canaries).
 */
#include <stdio.h>

#include "ureg.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define PAGE_A (UREG_RO - 3)
#define PAGE_B (UREG_RO - 2)
#define PAGE_C (UREG_RO - 1)
#define GUARD 16
#define OVER 64     /* bytes an operation reaches into C */
#define NEAR 300    /* every start within NEAR bytes before C */
#define KBUF_MAX (2 * 16384 + NEAR + OVER + 2 * GUARD + 8)

static uint8_t kbuf[KBUF_MAX] __attribute__((aligned(64)));
static uint8_t kback[KBUF_MAX];
static int armed;

/* The fault hook: at the first fault of an operation, B goes too. */
static void unmap_b(uintptr_t addr, void *arg)
{
	(void)addr;
	(void)arg;
	if (armed) {
		armed = 0;
		plat_user_page_set(PAGE_B, 0);
	}
}

static void begin(void)
{
	armed = 1;
	plat_fault_hook(unmap_b, NULL);
}

static void end(void)
{
	plat_fault_hook(NULL, NULL);
	armed = 0;
	plat_user_page_set(PAGE_B, 1);
}

/*
 * Distances from the start of an operation to the start of C: every one
 * up to NEAR, then around one and two pages.
 */
static size_t next_distance(size_t s)
{
	size_t ps = ureg_ps;

	if (s < NEAR)
		return s + 1;
	if (s < ps - 8)
		return ps - 8;
	if (s < ps + 8)
		return s + 1;
	if (s < ps + NEAR)
		return s + 7;
	if (s < 2 * ps - 8)
		return 2 * ps - 8;
	return s < 2 * ps ? s + 1 : 0;
}

/* Does the stop k of an operation starting s bytes before C lie in B or at C? */
static int stop_ok(size_t s, size_t k)
{
	size_t ps = ureg_ps;

	return k <= s && s - k <= ps;
}

static void report(const char *what, size_t s, size_t align, size_t k, unsigned before)
{
	if (vt_case_failures() != before && before < 4)
		printf("    %s: start %zu bytes before C, kernel misalignment %zu, stopped after %zu\n",
		       what, s, align, k);
}

/*
 * One copy from user of len bytes starting s bytes before C into kbuf at
 * kernel misalignment align, B unmapped at its first fault: checked.
 */
static void one_from_user(size_t s, size_t len, size_t align)
{
	const uint8_t *u = ureg_page(PAGE_C) - s;
	uint8_t *d = kbuf + GUARD + align;
	unsigned before = vt_case_failures();
	size_t k;

	for (size_t i = 0; i < len + GUARD; i++)
		d[i] = (uint8_t)~ureg_expected(u + i);
	begin();
	k = len - __memcpy_fallible(d, u, len);
	end();
	VT_CHECK(stop_ok(s, k));
	for (size_t i = 0; i < len + GUARD; i++) {
		uint8_t want = i < k ? ureg_expected(u + i) : (uint8_t)~ureg_expected(u + i);

		if (d[i] != want) {
			VT_EQ(d[i], want);
			break;
		}
	}
	report("copy from user", s, align, k, before);
}

VT_CASE(copy_from_user_racing_an_unmap_writes_nothing_past_its_count)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align += (align < 1 ? 1 : 2))
		for (size_t s = 1; s; s = next_distance(s))
			one_from_user(s, s + OVER, align);
	plat_user_page_set(PAGE_C, 1);
}

/*
 * One copy to user (fill: byte 0xff, which no writable byte holds before)
 * of len bytes starting s bytes before C, from kbuf at misalignment align,
 * B unmapped at its first fault: checked.
 */
static void one_to_user(int fill, size_t s, size_t len, size_t align)
{
	uint8_t *u = ureg_page(PAGE_C) - s;
	uint8_t *src = kbuf + align;
	unsigned before = vt_case_failures();
	size_t k;

	for (size_t i = 0; i < len; i++)
		src[i] = (uint8_t)~ureg_expected(u + i);
	begin();
	k = len - (fill ? __memset_fallible(u, 0xff, len) : __memcpy_fallible(u, src, len));
	end();
	VT_CHECK(stop_ok(s, k));
	ureg_read_back(kback, u, s);
	for (size_t i = 0; i < s; i++) {
		uint8_t want = i >= k ? ureg_expected(u + i) :
			       fill ? 0xff : (uint8_t)~ureg_expected(u + i);

		if (kback[i] != want) {
			VT_EQ(kback[i], want);
			break;
		}
	}
	ureg_restore(u, s);
	report(fill ? "fill user" : "copy to user", s, align, k, before);
}

/* Copies to user (fill: fills) from every start near C, len = start + OVER. */
static void to_user(int fill)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align += (align < 1 ? 1 : 2))
		for (size_t s = 1; s; s = next_distance(s))
			one_to_user(fill, s, s + OVER, align);
	plat_user_page_set(PAGE_C, 1);
}

VT_CASE(copy_to_user_racing_an_unmap_writes_nothing_past_its_count)
{
	to_user(0);
}

VT_CASE(fill_racing_an_unmap_writes_nothing_past_its_count)
{
	to_user(1);
}

/*
 * Every piece a copy or a fill is built of, stopped by the unmap: starts up
 * to two 128-byte turns and a head before C, ends a few bytes to a turn
 * past C's start, each kernel misalignment for copies.  So the first fault
 * lands in each byte of short copies, each piece of loongarch64's
 * dst-alignment head, each word of its 128-byte turn, of its run of words
 * below 128 bytes and of its 4-, 2- and 1-byte tail (and among the other
 * ISAs' overlapping short moves and vector tails).
 */
static const size_t overs[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 17, 33, 127 };
#define NOVERS (sizeof(overs) / sizeof(overs[0]))
#define PATH_REACH (2 * 128 + 8)

VT_CASE(every_copy_path_racing_an_unmap_writes_nothing_past_its_count)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align++)
		for (size_t s = 1; s <= PATH_REACH; s++)
			for (size_t o = 0; o < NOVERS; o++) {
				one_from_user(s, s + overs[o], align);
				one_to_user(0, s, s + overs[o], align);
			}
	plat_user_page_set(PAGE_C, 1);
}

VT_CASE(every_fill_path_racing_an_unmap_writes_nothing_past_its_count)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t s = 1; s <= PATH_REACH; s++)
		for (size_t o = 0; o < NOVERS; o++)
			one_to_user(1, s, s + overs[o], 0);
	plat_user_page_set(PAGE_C, 1);
}

/* Strings: A and B hold no NUL; the limit reaches far past C. */
VT_CASE(strings_racing_an_unmap_stay_exact)
{
	uint8_t *a = ureg_page(PAGE_A);
	size_t span = 2 * ureg_ps;

	ureg_setup();
	for (size_t i = 0; i < span; i++)
		kback[i] = (uint8_t)(i % 251 + 1);
	VT_EQ(__memcpy_fallible(a, kback, span), 0);
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align += (align < 1 ? 1 : 2))
		for (size_t s = 1; s; s = next_distance(s)) {
			const char *u = (const char *)ureg_page(PAGE_C) - s;
			size_t max = s + 4096, k = ~(size_t)0, n = ~(size_t)0;
			char *d = (char *)kbuf + GUARD + align;
			unsigned before = vt_case_failures();
			int r;

			for (size_t i = 0; i < s + GUARD; i++)
				d[i] = 0;
			begin();
			r = __strncpy_fallible(d, u, max, &k);
			end();
			VT_EQ(r, VMIO_EFAULT);
			VT_CHECK(stop_ok(s, k));
			for (size_t i = 0; i < s + GUARD; i++) {
				char want = i < k ? (char)kback[span - s + i] : 0;

				if (d[i] != want) {
					VT_EQ((uint8_t)d[i], (uint8_t)want);
					break;
				}
			}
			begin();
			r = __strnlen_fallible(u, max, &n);
			end();
			VT_EQ(r, VMIO_EFAULT);
			VT_CHECK(stop_ok(s, n));
			report("strings", s, align, k, before);
		}
	plat_user_page_set(PAGE_C, 1);
	ureg_restore(a, span);
}

#if defined(__riscv)
/*
 * riscv64: each path of the copy by name, both ways, every start up to
 * NEAR bytes and around one page before C.  The path follows from
 * (src - dst) & 7: 0 the aligned 128-byte turns, 4 the word halves, 1 and 3
 * the merged words (2, 5, 6, 7 as 1 and 3); with riscv64_vector=rvv and V
 * on, all of them take the vector turns.
 */
static void riscv_path(size_t rel, int to_user_side)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t s = 1; s; s = next_distance(s)) {
		uint8_t *u = ureg_page(PAGE_C) - s;
		size_t len = s + OVER, k;
		uintptr_t kb = (uintptr_t)(kbuf + GUARD + 8);
		unsigned before = vt_case_failures();

		if (to_user_side) {
			/* src - u = rel (mod 8) */
			uint8_t *src = (uint8_t *)(kb + (((uintptr_t)u + rel - kb) & 7));

			for (size_t i = 0; i < len; i++)
				src[i] = (uint8_t)~ureg_expected(u + i);
			begin();
			k = len - __memcpy_fallible(u, src, len);
			end();
			VT_CHECK(stop_ok(s, k));
			ureg_read_back(kback, u, s);
			for (size_t i = 0; i < s; i++) {
				uint8_t want = i < k ? (uint8_t)~ureg_expected(u + i) : ureg_expected(u + i);

				if (kback[i] != want) {
					VT_EQ(kback[i], want);
					break;
				}
			}
			ureg_restore(u, s);
		} else {
			/* u - dst = rel (mod 8) */
			uint8_t *d = (uint8_t *)(kb + (((uintptr_t)u - rel - kb) & 7));

			for (size_t i = 0; i < len + GUARD; i++)
				d[i] = (uint8_t)~ureg_expected(u + i);
			begin();
			k = len - __memcpy_fallible(d, u, len);
			end();
			VT_CHECK(stop_ok(s, k));
			for (size_t i = 0; i < len + GUARD; i++) {
				uint8_t want = i < k ? ureg_expected(u + i) : (uint8_t)~ureg_expected(u + i);

				if (d[i] != want) {
					VT_EQ(d[i], want);
					break;
				}
			}
		}
		report(to_user_side ? "riscv64 path, to user" : "riscv64 path, from user", s, rel,
		       k, before);
	}
	plat_user_page_set(PAGE_C, 1);
}

VT_CASE(riscv_aligned_turns_racing_an_unmap)
{
	riscv_path(0, 0);
	riscv_path(0, 1);
}

VT_CASE(riscv_word_halves_racing_an_unmap)
{
	riscv_path(4, 0);
	riscv_path(4, 1);
}

VT_CASE(riscv_merged_words_racing_an_unmap)
{
	for (size_t rel = 1; rel < 8; rel++)
		if (rel != 4) {
			riscv_path(rel, 0);
			riscv_path(rel, 1);
		}
}
#endif

/*
 * Strings, stricter: they stop exactly at C.  A string turn is loaded and
 * tested whole before any of it is stored or counted and never spans two
 * 4 KiB pages, so when C faults every byte of B is already stored (strncpy)
 * or counted (strnlen) and the retry starts at C: the count is s, what a
 * byte-by-byte scan gives under the same schedule.  A retry from the start
 * of a turn that began in B stops in B, short of bytes already tested.
 * Every distance s (so every source misalignment) and every kernel
 * misalignment (riscv64 merges words for each src - dst mod 8); through
 * the primitives and the reader calls above them (which report no count on
 * a fault: their result, cursor and buffer rule are checked).
 */
static unsigned long str_calls, cpy_short, len_short;

static void string_calls(size_t s, size_t align, const uint8_t *img)
{
	const char *u = (const char *)ureg_page(PAGE_C) - s;
	size_t far = s + 4096, k = ~(size_t)0, n = ~(size_t)0;
	char *d = (char *)kbuf + GUARD + align;
	unsigned before = vt_case_failures();
	struct vm_freader r;
	size_t cap[2] = { VMIO_READ_BOUNCE, s + 2 * GUARD };

	for (size_t i = 0; i < s + GUARD; i++)
		d[i] = 0;
	begin();
	VT_EQ(__strncpy_fallible(d, u, far, &k), VMIO_EFAULT);
	end();
	VT_EQ(k, s);
	cpy_short += k != s;
	str_calls++;
	for (size_t i = 0; i < s + GUARD; i++) {
		char want = i < s ? (char)img[i] : 0;

		if (d[i] != want) {
			VT_EQ((uint8_t)d[i], (uint8_t)want);
			break;
		}
	}
	begin();
	VT_EQ(__strnlen_fallible(u, far, &n), VMIO_EFAULT);
	end();
	VT_EQ(n, s);
	len_short += n != s;
	report("strings, exact (strncpy's count)", s, align, k, before);

	before = vt_case_failures();
	VT_EQ(vm_freader_from_user_space(&r, u, far), 0);
	n = 0x5a5a;
	begin();
	VT_EQ(vm_freader_strnlen(&r, SIZE_MAX, &n), VMIO_EFAULT);
	end();
	VT_EQ(n, 0x5a5a);
	for (int c = 0; c < 2; c++) {
		/* Up to VMIO_READ_BOUNCE: buf unchanged; larger: zeroed whole. */
		uint8_t fill = cap[c] > VMIO_READ_BOUNCE ? 0 : 0x77;

		for (size_t i = 0; i < cap[c] + GUARD; i++)
			d[i] = 0x77;
		k = 0x5a5a;
		begin();
		VT_EQ(vm_freader_read_cstring(&r, d, cap[c], &k), cap[c] > s ? VMIO_EFAULT
								      : VMIO_ENAMETOOLONG);
		end();
		VT_EQ(k, 0x5a5a);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u);
		for (size_t i = 0; i < cap[c] + GUARD; i++)
			if ((uint8_t)d[i] != (i < cap[c] ? fill : 0x77)) {
				VT_EQ((uint8_t)d[i], i < cap[c] ? fill : 0x77);
				break;
			}
	}
	report("strings, exact (reader calls)", s, align, 0, before);
}

VT_CASE(strings_racing_an_unmap_stop_at_the_unmapped_page)
{
	uint8_t *a = ureg_page(PAGE_A);
	size_t span = 2 * ureg_ps;

	ureg_setup();
	for (size_t i = 0; i < span; i++)
		kback[i] = (uint8_t)(i * 37 % 255 + 1);
	VT_EQ(__memcpy_fallible(a, kback, span), 0);
	plat_user_page_set(PAGE_C, 0);
	str_calls = cpy_short = len_short = 0;
	for (size_t align = 0; align < 8; align++)
		for (size_t s = 1; s; s = next_distance(s))
			string_calls(s, align, kback + span - s);
	plat_user_page_set(PAGE_C, 1);
	ureg_restore(a, span);
	printf("    stopped short of C: strncpy %lu, strnlen %lu of %lu calls each\n",
	       cpy_short, len_short, str_calls);
}
