/*
 * Ranges that end exactly at 2^64, in the highest page of the address
 * space (plat_map_top_page): a range that does not wrap is copied and
 * filled exactly even when its end address is 0.  The host cannot map that
 * page (it is Linux's), so there only this case does nothing but say so.
 */
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "vmio/arch.h"
#include "vmio/once.h"
#include "vtest.h"

#define MARK 0x5c

static const size_t lens[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33,
			       48, 63, 64, 65, 100, 127, 128, 129, 200, 255, 256, 300 };

static volatile uint8_t *page; /* the top page */
static size_t ps;

/* Are the last len bytes of the top page src[0, len), and the byte before MARK? */
static int top_holds(const uint8_t *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (page[ps - len + i] != src[i])
			return 0;
	return page[ps - len - 1] == MARK;
}

/* Set the last len + 1 bytes of the top page: MARK, then zeros. */
static void top_reset(size_t len)
{
	page[ps - len - 1] = MARK;
	for (size_t i = ps - len; i < ps; i++)
		page[i] = 0;
}

VT_CASE(copy_and_fill_of_ranges_that_end_at_the_top_of_memory)
{
	uintptr_t top = plat_map_top_page();

	ps = plat_info()->page_size;

	if (!top) {
		VT_CHECK(strcmp(plat_info()->isa, "host") == 0);
		printf("  (host: the top page is the kernel's; not tested here)\n");
		return;
	}
	VT_EQ(top, (uintptr_t)0 - ps);
	page = (volatile uint8_t *)top;

	uint8_t src[320], back[320], fill[320];

	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 37 + 11);
	for (unsigned l = 0; l < sizeof(lens) / sizeof(lens[0]); l++)
		for (unsigned a = 0; a < 8; a++) {
			size_t len = lens[l];
			uint8_t *dst = (uint8_t *)(top + ps - len);

			VT_EQ((uintptr_t)dst + len, 0);
			/* Destination ends at 2^64. */
			top_reset(len);
			VT_EQ(__memcpy_fallible(dst, src + a, len), 0);
			VT_CHECK(top_holds(src + a, len));
			/* Source ends at 2^64. */
			memset(back, 0, sizeof(back));
			VT_EQ(__memcpy_fallible(back + a, dst, len), 0);
			VT_CHECK(memcmp(back + a, src + a, len) == 0);
			VT_EQ(back[a + len], 0);
			/* Fill. */
			top_reset(len);
			memset(fill, 0xc3 ^ a, len);
			VT_EQ(__memset_fallible(dst, 0xc3 ^ a, len), 0);
			VT_CHECK(top_holds(fill, len));
		}

	/* The review's case: 4 bytes at 0xfffffffffffffffc. */
	top_reset(4);
	VT_EQ(__memcpy_fallible((void *)0xfffffffffffffffcULL, "\x01\x02\x03\x04", 4), 0);
	VT_CHECK(top_holds((const uint8_t *)"\x01\x02\x03\x04", 4));

	/* Once-accesses in the last word. */
	uint64_t v = 0;
	uint32_t w = 0;
	VT_EQ(vmio_store_u64_fallible((void *)(top + ps - 8), 0x8899aabbccddeeffULL), 0);
	VT_EQ(vmio_load_u64_fallible((void *)(top + ps - 8), &v), 0);
	VT_CHECK(v == 0x8899aabbccddeeffULL);
	VT_EQ(vmio_load_u32_fallible((void *)(top + ps - 4), &w), 0);
	VT_CHECK(w == 0x8899aabbu);
	VT_CHECK(vmio_arch_load_u32((const volatile void *)(top + ps - 4)) == 0x8899aabbu);
}
