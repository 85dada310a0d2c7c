/*
 * Lengths are unsigned: the primitives' contract holds for every len, also
 * one of 2^63 and more, where a signed test of a length goes wrong.  Each
 * copy and fill below meets a fault after k bytes and must return exactly
 * len - k, whatever the alignment of either side.
 */
#include "ureg.h"
#include "vmio/once.h"
#include "vtest.h"

static const size_t huge[] = { ((size_t)1 << 63) + 200, SIZE_MAX, ((size_t)1 << 63),
			       ((size_t)1 << 63) - 1 + 1000 };
static const size_t after[] = { 100, 1000, 1 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The user byte at p, read as the kernel may (SMAP, SUM): fallibly. */
static uint8_t ubyte(const uint8_t *p)
{
	uint8_t b = 0;

	VT_EQ(vmio_load_u8_fallible(p, &b), 0);
	return b;
}

VT_CASE(huge_copy_from_memory_that_faults_after_k_bytes)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);

	for (unsigned h = 0; h < N(huge); h++)
		for (unsigned a = 0; a < N(after); a++)
			for (unsigned d = 0; d < 8; d++) {
				uint8_t *dst = ureg_page(UREG_RW) + 64 + d;
				size_t k = after[a];

				VT_EQ(__memcpy_fallible(dst, hole - k, huge[h]), huge[h] - k);
				VT_EQ(ubyte(dst + k - 1), ureg_expected(hole - 1));
				VT_EQ(ubyte(dst + k), ureg_expected(dst + k)); /* nothing past it */
				ureg_restore(dst, k + 1);
			}
}

VT_CASE(huge_copy_to_memory_that_faults_after_k_bytes)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RW2 + 1);

	for (unsigned h = 0; h < N(huge); h++)
		for (unsigned a = 0; a < N(after); a++)
			for (unsigned s = 0; s < 8; s++) {
				const uint8_t *src = ureg_page(UREG_RW) + 64 + s;
				size_t k = after[a] < ureg_ps ? after[a] : 1;

				VT_EQ(__memcpy_fallible(hole - k, src, huge[h]), huge[h] - k);
				VT_EQ(ubyte(hole - 1), ubyte(src + k - 1));
				ureg_restore(hole - k, k);
			}
}

VT_CASE(huge_fill_of_memory_that_faults_after_k_bytes)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RW2 + 1);

	for (unsigned h = 0; h < N(huge); h++)
		for (unsigned a = 0; a < N(after); a++) {
			size_t k = after[a] < ureg_ps ? after[a] : 1;

			VT_EQ(__memset_fallible(hole - k, 0xa5, huge[h]), huge[h] - k);
			VT_EQ(ubyte(hole - 1), 0xa5);
			VT_EQ(ubyte(hole - k), 0xa5);
			ureg_restore(hole - k, k);
		}
}
