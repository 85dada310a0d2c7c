/*
 * retry_unmap.c's race, through every path of the x86_64 copy and fill
 * (arch/x86_64/memcpy.S, memset.S) at every width: two overlapping pieces
 * of 2, 4, 8, 16 or 32 bytes, 1, 2, 4, 8 VEC, the 64-byte head, the loop,
 * its last 4 VEC, and rep movsb/stosb.  An operation of each size starts s
 * bytes before page C (not present) and runs into it; at the first fault
 * the hook makes page B, before C, not present too, as another CPU's unmap
 * would.  The stop must lie in B or at C, the bytes before it must hold the
 * source, and nothing at or past it may be written.  The distances s cover
 * the first 320 bytes of every size (the short pieces, the head and the
 * first turns, at every user misalignment) and then every 7th, so that C
 * falls at every position of a step; the kernel side is misaligned too.
 */
#include <stdio.h>

#include "ureg.h"
#include "vmio/arch.h"
#include "vtest.h"

#if defined(__x86_64__)

#define PAGE_B (UREG_RO - 2)
#define PAGE_C (UREG_RO - 1)
#define GUARD 16
#define NEAR 320
#define STRIDE 7

/* Every step of every width (VEC 8, 16, 32, 64) and the start of rep. */
static const size_t sizes[] = {
	2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 96, 127, 128, 129,
	192, 255, 256, 257, 384, 511, 512, 513, 577, 700, 1000, 2112, 2200, 4200,
#if defined(VMIO_HOST)
	24700, 786600, /* rep movsb, rep stosb with 32- and 64-byte vectors */
#endif
};
#if defined(VMIO_HOST)
#define KBUF_MAX (786600 + 2 * GUARD + 64)
#else
#define KBUF_MAX (4200 + 2 * GUARD + 64)
#endif

#define NSIZES (sizeof sizes / sizeof sizes[0])

static uint8_t kbuf[KBUF_MAX];
static unsigned long bad[NSIZES]; /* operations of each size that broke the rule */
static uint8_t kback[KBUF_MAX];
static int armed;

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
 * Distances from the start of an operation of len bytes to C: the first
 * NEAR, then every STRIDE-th; 0 when done.  Ops of more than a page past
 * C start near it (nothing is accessed past the first byte of C).
 */
static size_t next_distance(size_t s, size_t len)
{
	size_t top = len - 1 < 2 * ureg_ps ? len - 1 : 2 * ureg_ps;

	s += s < NEAR ? 1 : STRIDE;
	return s <= top ? s : 0;
}

/* The canary of kernel byte i of a copy from user address u, s bytes before C. */
static uint8_t canary(const uint8_t *u, size_t i, size_t s)
{
	return i < s ? (uint8_t)~ureg_expected(u + i) : (uint8_t)(0xa5 ^ i);
}

static void report(const char *what, size_t z, size_t s, size_t align, size_t k,
		   unsigned before)
{
	size_t len = sizes[z];

	if (vt_case_failures() != before)
		bad[z]++;
	if (vt_case_failures() != before && before < 6)
		printf("    %s: len %zu, start %zu bytes before C, kernel misalignment %zu, "
		       "stopped after %zu\n", what, len, s, align, k);
}

/* Start a case; at its end, print the sizes that broke the rule, with how often. */
static void tally_start(void)
{
	for (size_t z = 0; z < NSIZES; z++)
		bad[z] = 0;
}

static void tally_print(void)
{
	int any = 0;

	for (size_t z = 0; z < NSIZES; z++)
		if (bad[z]) {
			printf("%s%zu (%lu)", any ? ", " : "    broken at len (times): ", sizes[z], bad[z]);
			any = 1;
		}
	if (any)
		printf("\n");
}

static const size_t from_aligns[] = { 0, 1, 31, 63 };

VT_CASE(x86_copy_from_user_racing_an_unmap_every_path)
{
	unsigned long n = 0;

	tally_start();
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t z = 0; z < NSIZES; z++)
		for (size_t a = 0; a < sizeof from_aligns / sizeof from_aligns[0]; a++)
			for (size_t s = 1; s; s = next_distance(s, sizes[z])) {
				size_t len = sizes[z], align = from_aligns[a], k;
				const uint8_t *u = ureg_page(PAGE_C) - s;
				uint8_t *d = kbuf + GUARD + align;
				unsigned before = vt_case_failures();

				for (size_t i = 0; i < len + GUARD; i++)
					d[i] = canary(u, i, s);
				begin();
				k = len - __memcpy_fallible(d, u, len);
				end();
				VT_CHECK(k <= s && s - k <= ureg_ps);
				for (size_t i = 0; i < len + GUARD; i++) {
					uint8_t want = i < k ? ureg_expected(u + i) : canary(u, i, s);

					if (d[i] != want) {
						VT_EQ(d[i], want);
						break;
					}
				}
				report("copy from user", z, s, align, k, before);
				n++;
			}
	plat_user_page_set(PAGE_C, 1);
	printf("    %lu copies\n", n);
	tally_print();
}

/* Copies to user from kernel misalignments 0 and 3, or fills with 0xff. */
static void to_user(int fill)
{
	unsigned long n = 0;

	tally_start();
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t z = 0; z < NSIZES; z++)
		for (size_t align = 0; align < 4; align += fill ? 4 : 3)
			for (size_t s = 1; s; s = next_distance(s, sizes[z])) {
				size_t len = sizes[z], k;
				uint8_t *u = ureg_page(PAGE_C) - s;
				uint8_t *src = kbuf + align;
				unsigned before = vt_case_failures();

				for (size_t i = 0; i < len; i++)
					src[i] = i < s ? (uint8_t)~ureg_expected(u + i) : 0x77;
				begin();
				k = len - (fill ? __memset_fallible(u, 0xff, len)
						: __memcpy_fallible(u, src, len));
				end();
				VT_CHECK(k <= s && s - k <= ureg_ps);
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
				report(fill ? "fill user" : "copy to user", z, s, align, k, before);
				n++;
			}
	plat_user_page_set(PAGE_C, 1);
	printf("    %lu %s\n", n, fill ? "fills" : "copies");
	tally_print();
}

VT_CASE(x86_copy_to_user_racing_an_unmap_every_path)
{
	to_user(0);
}

VT_CASE(x86_fill_racing_an_unmap_every_path)
{
	to_user(1);
}

#endif
