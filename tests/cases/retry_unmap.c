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
#include "vtest.h"

#define PAGE_A (UREG_RO - 3)
#define PAGE_B (UREG_RO - 2)
#define PAGE_C (UREG_RO - 1)
#define GUARD 16
#define OVER 64     /* bytes an operation reaches into C */
#define NEAR 300    /* every start within NEAR bytes before C */
#define KBUF_MAX (2 * 16384 + NEAR + OVER + 2 * GUARD + 8)

static uint8_t kbuf[KBUF_MAX];
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

VT_CASE(copy_from_user_racing_an_unmap_writes_nothing_past_its_count)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align += (align < 1 ? 1 : 2))
		for (size_t s = 1; s; s = next_distance(s)) {
			const uint8_t *u = ureg_page(PAGE_C) - s;
			size_t len = s + OVER, k;
			uint8_t *d = kbuf + GUARD + align;
			unsigned before = vt_case_failures();

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
	plat_user_page_set(PAGE_C, 1);
}

/* A copy to user (fill: byte 0xff, which no writable byte holds before). */
static void to_user(int fill)
{
	ureg_setup();
	plat_user_page_set(PAGE_C, 0);
	for (size_t align = 0; align < 8; align += (align < 1 ? 1 : 2))
		for (size_t s = 1; s; s = next_distance(s)) {
			uint8_t *u = ureg_page(PAGE_C) - s;
			size_t len = s + OVER, k;
			uint8_t *src = kbuf + align;
			unsigned before = vt_case_failures();

			for (size_t i = 0; i < len; i++)
				src[i] = (uint8_t)~ureg_expected(u + i);
			begin();
			k = len - (fill ? __memset_fallible(u, 0xff, len)
					: __memcpy_fallible(u, src, len));
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
