/*
 * Extensible structs (vmio/struct.h) over the user test region: every user
 * size against kernel sizes below, at and above it, with the fault of the
 * hole after the lone read-write page at every offset, nonzero extra bytes
 * at every position, and the read-only page; check_zeroed with the range
 * at every misalignment and a nonzero byte inside, just before and just
 * after it.
 */
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

/* The end of the lone read-write page: a hole follows. */
static uint8_t *rw2_end(void)
{
	return ureg_page(UREG_RW2 + 1);
}

/* Writes n bytes of buf to user memory at p, only where it is writable. */
static void user_put(uint8_t *p, const uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ureg_writable(p + i))
			VT_EQ(__memcpy_fallible(p + i, buf + i, 1), 0);
}

static uint8_t user_byte(const uint8_t *p)
{
	uint8_t b = 0;

	ureg_read_back(&b, p, 1);
	return b;
}

/* A nonzero byte for position i of a struct. */
static uint8_t fill_byte(size_t i)
{
	return (uint8_t)(i * 13 + 1) | 1;
}

/*
 * What read_struct must return for the user bytes at [p, p+usize): the
 * extra bytes first (the first nonzero one is VMIO_E2BIG, the first
 * unreadable one VMIO_EFAULT, whichever comes first), then the copy.
 */
static int want_read(const uint8_t *p, size_t usize, size_t ksize)
{
	for (size_t i = ksize; i < usize; i++) {
		if (!ureg_readable(p + i))
			return VMIO_EFAULT;
		if (user_byte(p + i))
			return VMIO_E2BIG;
	}
	size_t n = usize < ksize ? usize : ksize;
	return ureg_read_run(p, n) == n ? 0 : VMIO_EFAULT;
}

/* read_struct of [p, p+usize) into a ksize-byte struct, checked against want_read. */
static void check_read(uint8_t *p, size_t usize, size_t ksize)
{
	static uint8_t val[600], want_val[600];
	struct vm_freader r;
	int want = want_read(p, usize, ksize);

	VT_EQ(vm_freader_from_user_space(&r, p, usize), 0);
	memset(val, 0xee, sizeof(val));
	int err = vm_freader_read_struct(&r, val, ksize);
	VT_EQ(err, want);
	if (err) {
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)p);
		/* No partial struct: unchanged up to the bounce size, else zero. */
		memset(want_val, ksize <= VMIO_STRUCT_BOUNCE ? 0xee : 0, ksize);
	} else {
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + usize));
		VT_EQ(vm_freader_remain(&r), 0);
		for (size_t i = 0; i < ksize; i++)
			want_val[i] = i < usize ? user_byte(p + i) : 0;
	}
	memset(want_val + ksize, 0xee, sizeof(val) - ksize);
	VT_CHECK(memcmp(val, want_val, sizeof(val)) == 0);
}

static const size_t ksizes[] = { 0, 1, 5, 8, 16, 24, 33, 64, VMIO_STRUCT_BOUNCE,
				 VMIO_STRUCT_BOUNCE + 1, 300 };
#define KCOUNT (sizeof(ksizes) / sizeof(ksizes[0]))

/* User sizes around ksize: 0, a few below, at, and a few above. */
static size_t usize_at(size_t ksize, unsigned i)
{
	static const int delta[] = { -9, -8, -7, -1, 0, 1, 2, 7, 8, 9, 17 };

	if (i == 0)
		return 0;
	if ((int)ksize + delta[i - 1] < 0)
		return 1;
	return ksize + (size_t)delta[i - 1];
}
#define UCOUNT 12

/*
 * The user struct ends k bytes after the hole begins for every k up to
 * its size (and one more), so the fault lands at every offset; its bytes
 * are nonzero below ksize and zero above, except for one nonzero extra
 * byte at a position that moves through the extra bytes.
 */
VT_CASE(read_struct_every_size_fault_offset_and_extra_byte)
{
	ureg_setup();
	uint8_t content[600];

	for (unsigned ki = 0; ki < KCOUNT; ki++)
		for (unsigned ui = 0; ui < UCOUNT; ui++) {
			size_t ksize = ksizes[ki], usize = usize_at(ksize, ui);
			size_t step = usize > 80 ? 7 : 1;

			for (size_t k = 0; k <= usize + 1; k += k < 10 || k + 10 > usize ? 1 : step) {
				uint8_t *p = rw2_end() + k - usize - 1;
				/* poison: none (0) or the extra byte ksize + poison - 1 */
				size_t extra = usize > ksize ? usize - ksize : 0;

				for (size_t poison = 0; poison <= extra; poison += 1 + extra / 4) {
					for (size_t i = 0; i < usize; i++)
						content[i] = i < ksize ? fill_byte(i) : 0;
					if (poison)
						content[ksize + poison - 1] = 0x80;
					user_put(p, content, usize);
					check_read(p, usize, ksize);
					if (vt_case_failures())
						return;
				}
			}
		}
	ureg_restore(ureg_page(UREG_RW2), ureg_ps);
}

/* Across the read-write to read-only edge reads work; the read-only page's
 * bytes are nonzero, so extra bytes there are VMIO_E2BIG. */
VT_CASE(read_struct_into_read_only_page)
{
	ureg_setup();
	uint8_t zeros[32] = { 0 };
	uint8_t *ro = ureg_page(UREG_RO);

	user_put(ro - 32, zeros, 32);
	for (size_t usize = 0; usize <= 48; usize++)
		for (size_t ksize = 0; ksize <= 48; ksize += 8)
			check_read(ro - 32, usize, ksize);
	/* The end of the read-only page: a hole follows. */
	for (size_t k = 0; k <= 20; k++)
		check_read(ureg_page(UREG_RO + 1) - 16 + k - 4, 16, 24);
	ureg_restore(ro - 32, 32);
}

/* read_struct takes the whole reader, from wherever its cursor stands. */
VT_CASE(read_struct_after_skip_takes_the_rest)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 100;
	uint8_t zeros[8] = { 0 }, val[16];
	struct vm_freader r;

	user_put(p + 20, zeros, 8);
	VT_EQ(vm_freader_from_user_space(&r, p, 28), 0);
	vm_freader_skip(&r, 4);
	/* 24 user bytes into 16: bytes 16..23 of the struct are p[20..28), zero. */
	VT_EQ(vm_freader_read_struct(&r, val, sizeof(val)), 0);
	for (unsigned i = 0; i < sizeof(val); i++)
		VT_EQ(val[i], ureg_expected(p + 4 + i));
	VT_EQ(vm_freader_remain(&r), 0);
	ureg_restore(p, 28);
}

/*
 * check_zeroed over a zeroed zone at the end of the lone page: every
 * start, every length into the hole, a nonzero byte nowhere, just before
 * the range, at its first byte, inside, at its last byte and just after.
 */
VT_CASE(check_zeroed_every_alignment_length_and_position)
{
	ureg_setup();
	uint8_t zone[64] = { 0 };
	uint8_t *z = rw2_end() - sizeof(zone);

	for (size_t s = 0; s < sizeof(zone); s++)
		for (size_t len = 0; s + len <= sizeof(zone) + 17; len++) {
			long where[] = { -1, (long)s - 1, (long)s, (long)(s + len / 2),
					 (long)(s + len) - 1, (long)(s + len) };

			for (unsigned w = 0; w < 6; w++) {
				long pos = where[w];
				struct vm_freader r;
				int zeroed = 7, want = 1, err_want = 0;

				if (w && (pos < 0 || pos >= (long)sizeof(zone)))
					continue;
				memset(zone, 0, sizeof(zone));
				if (w)
					zone[pos] = 0x40;
				user_put(z, zone, sizeof(zone));
				for (size_t i = s; i < s + len; i++) {
					if (!ureg_readable(z + i)) {
						err_want = VMIO_EFAULT;
						break;
					}
					if (zone[i]) {
						want = 0;
						break;
					}
				}
				VT_EQ(vm_freader_from_user_space(&r, z + s, len), 0);
				VT_EQ(vm_freader_check_zeroed(&r, &zeroed), err_want);
				VT_EQ(zeroed, err_want ? 7 : want);
				VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(z + s));
				VT_EQ(vm_freader_remain(&r), len);
				if (vt_case_failures())
					return;
			}
		}
	/* Wholly in the hole; and the read-only page, whose bytes are not zero. */
	struct vm_freader r;
	int zeroed = 7;
	VT_EQ(vm_freader_from_user_space(&r, rw2_end() + 3, 9), 0);
	VT_EQ(vm_freader_check_zeroed(&r, &zeroed), VMIO_EFAULT);
	VT_EQ(zeroed, 7);
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RO), 100), 0);
	VT_EQ(vm_freader_check_zeroed(&r, &zeroed), 0);
	VT_EQ(zeroed, 0);
	ureg_restore(z, sizeof(zone));
}

/* check_zeroed over many pages of zeros, then with a nonzero last byte. */
VT_CASE(check_zeroed_multi_page)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW) + 3;
	size_t len = 3 * ureg_ps;
	struct vm_fwriter w;
	struct vm_freader r;
	size_t n = 0;
	int zeroed = 7;

	VT_EQ(vm_fwriter_from_user_space(&w, p, len), 0);
	VT_EQ(vm_fwriter_fill_zeros(&w, len, &n), 0);
	VT_EQ(vm_freader_from_user_space(&r, p, len), 0);
	VT_EQ(vm_freader_check_zeroed(&r, &zeroed), 0);
	VT_EQ(zeroed, 1);
	user_put(p + len - 1, (const uint8_t *)"\1", 1);
	VT_EQ(vm_freader_check_zeroed(&r, &zeroed), 0);
	VT_EQ(zeroed, 0);
	ureg_restore(p, len);
}

/*
 * write_struct of a ksize-byte struct into [p, p+usize): kernel bytes
 * nonzero below usize and zero above, but for one nonzero extra byte at a
 * moving position; checked against the reference byte by byte.
 */
static void check_write(uint8_t *p, size_t usize, size_t ksize, const uint8_t *val)
{
	static uint8_t before[700], after[700];
	struct vm_fwriter w;
	int want = 0;

	for (size_t i = usize; i < ksize; i++)
		if (val[i])
			want = VMIO_E2BIG;
	size_t run = ureg_write_run(p, usize);
	if (!want && run < usize)
		want = VMIO_EFAULT;
	ureg_read_back(before, p - 8, usize + 16);
	VT_EQ(vm_fwriter_from_user_space(&w, p, usize), 0);
	VT_EQ(vm_fwriter_write_struct(&w, val, ksize), want);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)(want ? p : p + usize));
	ureg_read_back(after, p - 8, usize + 16);
	/* Written: bytes before the fault (all, on success); E2BIG writes none. */
	size_t written = want == VMIO_E2BIG ? 0 : run;
	for (size_t i = 0; i < usize + 16; i++) {
		size_t j = i - 8;
		uint8_t exp = i >= 8 && j < written ? (j < ksize ? val[j] : 0) : before[i];

		if (after[i] != exp) {
			VT_EQ(after[i], exp);
			return;
		}
	}
}

VT_CASE(write_struct_every_size_fault_offset_and_extra_byte)
{
	ureg_setup();
	uint8_t val[600];

	for (unsigned ki = 0; ki < KCOUNT; ki++)
		for (unsigned ui = 0; ui < UCOUNT; ui++) {
			size_t ksize = ksizes[ki], usize = usize_at(ksize, ui);
			size_t step = usize > 80 ? 7 : 1;
			size_t extra = ksize > usize ? ksize - usize : 0;

			for (size_t k = 0; k <= usize + 1; k += k < 10 || k + 10 > usize ? 1 : step)
				for (size_t poison = 0; poison <= extra; poison += 1 + extra / 4) {
					uint8_t *p = rw2_end() + k - usize - 1;

					for (size_t i = 0; i < ksize; i++)
						val[i] = i < usize ? fill_byte(i) : 0;
					if (poison)
						val[usize + poison - 1] = 0x80;
					check_write(p, usize, ksize, val);
					ureg_restore(ureg_page(UREG_RW2) + ureg_ps - 700, 700);
					if (vt_case_failures())
						return;
				}
		}
	/* The read-only page: a fault before any byte, nothing written. */
	for (size_t i = 0; i < 64; i++)
		val[i] = fill_byte(i);
	for (size_t k = 0; k <= 24; k++)
		check_write(ureg_page(UREG_RO) - 16 + k, 16, 8 + (k % 2) * 8, val);
	ureg_restore(ureg_page(UREG_RO) - 16, 16);
}
