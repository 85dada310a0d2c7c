/*
 * vmio/uaccess.h against Linux's documented behaviour: the cases of Linux's
 * lib/usercopy_kunit.c and lib/test_user_copy.c (valid and invalid copies,
 * get_user/put_user of every size, check_nonzero_user's every start and
 * end, copy_struct_from_user's size combinations, strncpy_from_user), plus
 * the edge cases of each call, with real faults from the user test region.
 *
 * The user range is narrowed to the test region for these cases, so that
 * the kernel's own buffers (static arrays here) lie outside it on every
 * target, the host included.
 */
#define VMIO_LINUX_NAMES
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "ureg.h"
#include "vmio/uaccess.h"
#include "vmio/user_range.h"
#include "vtest.h"

#define PS ureg_ps
/* What plat_user_access_open() says outside a window: a process has no SMAP. */
#ifdef VMIO_HOST
#define CLOSED 1
#else
#define CLOSED 0
#endif
static uint8_t kbuf[2 * 16384];
static uint8_t kbuf2[2 * 16384];
static uintptr_t saved_start, saved_end;

/* Narrow the user range to the test region (kbuf and the stack fall outside). */
static void narrow(void)
{
	ureg_setup();
	vmio_user_range_get(&saved_start, &saved_end);
	VT_EQ(vmio_user_range_set((uintptr_t)ureg_base, (uintptr_t)ureg_page(UREG_PAGES)), 0);
}

static void widen(void)
{
	VT_EQ(vmio_user_range_set(saved_start, saved_end), 0);
}

/* A writable user page and the address just before the hole past UREG_RW2. */
static uint8_t *upage(void)
{
	return ureg_page(UREG_RW + 3);
}

static uint8_t *before_hole(size_t k)
{
	return ureg_page(UREG_RW2 + 1) - k;
}

/* The read-only page still holds its bytes (read through vmio: SMAP/SUM). */
static int ro_intact(void)
{
	ureg_read_back(kbuf2, ureg_page(UREG_RO), 8);
	for (size_t i = 0; i < 8; i++)
		if (kbuf2[i] != plat_ro_byte(i))
			return 0;
	return 1;
}

static int all_are(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

VT_CASE(uaccess_access_ok_boundaries)
{
	uintptr_t s, e;

	narrow();
	vmio_user_range_get(&s, &e);
	VT_CHECK(access_ok((void *)s, 0));
	VT_CHECK(access_ok((void *)s, 1));
	VT_CHECK(access_ok((void *)(e - 1), 1));
	VT_CHECK(!access_ok((void *)(e - 1), 2));
	VT_CHECK(access_ok((void *)e, 0));
	VT_CHECK(!access_ok((void *)e, 1));
	VT_CHECK(!access_ok((void *)(s - 1), 1));
	VT_CHECK(!access_ok((void *)(s - 1), 0));
	VT_CHECK(!access_ok((void *)(e + 1), 0));
	VT_CHECK(!access_ok((void *)s, SIZE_MAX));
	VT_CHECK(!access_ok(kbuf, 1));
	widen();
}

/* usercopy_kunit: legitimate copies both ways, then the values of get/put_user. */
VT_CASE(uaccess_valid_copies_and_get_put_user)
{
	uint8_t *u = upage();

	narrow();
	for (size_t i = 0; i < PS; i++)
		kbuf[i] = (uint8_t)(i * 13 + 1);
	VT_EQ(copy_to_user(u, kbuf, PS), 0);
	for (size_t i = 0; i < PS; i++)
		kbuf2[i] = 0;
	VT_EQ(copy_from_user(kbuf2, u, PS), 0);
	for (size_t i = 0; i < PS; i++)
		if (kbuf2[i] != kbuf[i]) {
			VT_EQ(kbuf2[i], kbuf[i]);
			break;
		}

	uint8_t v8 = 0;
	uint16_t v16 = 0;
	uint32_t v32 = 0;
	uint64_t v64 = 0;
	int8_t s8 = 0;
	int32_t s32 = 0;
	VT_EQ(put_user((uint8_t)0x5a, (uint8_t *)u), 0);
	VT_EQ(get_user(v8, (uint8_t *)u), 0);
	VT_CHECK(v8 == (uint8_t)0x5a);
	VT_EQ(put_user((uint16_t)0x5a5b, (uint16_t *)u), 0);
	VT_EQ(get_user(v16, (uint16_t *)u), 0);
	VT_CHECK(v16 == (uint16_t)0x5a5b);
	VT_EQ(put_user((uint32_t)0x8a5b5c5d, (uint32_t *)u), 0);
	VT_EQ(get_user(v32, (uint32_t *)u), 0);
	VT_CHECK(v32 == (uint32_t)0x8a5b5c5d);
	VT_EQ(put_user((uint64_t)0x8a5b5c5d6a6b6c6dULL, (uint64_t *)u), 0);
	VT_EQ(get_user(v64, (uint64_t *)u), 0);
	VT_CHECK(v64 == (uint64_t)0x8a5b5c5d6a6b6c6dULL);
	/* Signed values with the top bit set compare as their own type. */
	VT_EQ(put_user((int8_t)-3, (int8_t *)u), 0);
	VT_EQ(get_user(s8, (int8_t *)u), 0);
	VT_CHECK(s8 == -3);
	VT_EQ(put_user((int32_t)-123456, (int32_t *)(u + 8)), 0);
	VT_EQ(get_user(s32, (int32_t *)(u + 8)), 0);
	VT_CHECK(s32 == -123456);
	/* Misaligned values work too. */
	for (size_t off = 1; off < 8; off++) {
		VT_EQ(put_user((uint64_t)0x0102030405060708ULL + off, (uint64_t *)(u + 16 + off)), 0);
		VT_EQ(get_user(v64, (uint64_t *)(u + 16 + off)), 0);
		VT_CHECK(v64 == (uint64_t)0x0102030405060708ULL + off);
	}
	widen();
}

/* usercopy_kunit's invalid cases: kernel addresses as user pointers. */
VT_CASE(uaccess_invalid_copies_and_get_put_user)
{
	uint8_t *u = upage();
	uint64_t v64 = 1;
	uint32_t v32 = 1;
	uint16_t v16 = 1;
	uint8_t v8 = 1;

	narrow();
	/* Reject kernel-to-kernel copies through copy_from_user; to is zeroed. */
	for (size_t i = 0; i < 64; i++) {
		kbuf[i] = 0xaa;
		kbuf2[i] = 0x55;
	}
	VT_EQ(copy_from_user(kbuf, kbuf2, 64), 64);
	VT_CHECK(all_are(kbuf, 64, 0));
	VT_EQ(copy_to_user(kbuf2, u, 64), 64);
	VT_CHECK(all_are(kbuf2, 64, 0x55));
	VT_EQ(clear_user(kbuf2, 64), 64);
	VT_CHECK(all_are(kbuf2, 64, 0x55));
	/* get_user of a kernel address fails and zeroes x; put_user stores nothing. */
	VT_EQ(get_user(v8, (uint8_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(v8 == 0);
	VT_EQ(get_user(v16, (uint16_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(v16 == 0);
	VT_EQ(get_user(v32, (uint32_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(v32 == 0);
	VT_EQ(get_user(v64, (uint64_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(v64 == 0);
	VT_EQ(put_user((uint8_t)1, (uint8_t *)kbuf2), VMIO_EFAULT);
	VT_EQ(put_user((uint16_t)1, (uint16_t *)kbuf2), VMIO_EFAULT);
	VT_EQ(put_user((uint32_t)1, (uint32_t *)kbuf2), VMIO_EFAULT);
	VT_EQ(put_user((uint64_t)1, (uint64_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(all_are(kbuf2, 64, 0x55));
	/* A fault: the hole after UREG_RW2, and the read-only page for stores. */
	v64 = 7;
	VT_EQ(get_user(v64, (uint64_t *)before_hole(0)), VMIO_EFAULT);
	VT_CHECK(v64 == 0);
	v64 = 7;
	VT_EQ(get_user(v64, (uint64_t *)before_hole(3)), VMIO_EFAULT); /* straddles */
	VT_CHECK(v64 == 0);
	VT_EQ(put_user((uint32_t)9, (uint32_t *)ureg_page(UREG_RO)), VMIO_EFAULT);
	VT_CHECK(ro_intact());
	widen();
}

/* Partial copies: exact counts, and copy_from_user zeroes what it did not copy. */
VT_CASE(uaccess_partial_copies_are_exact)
{
	narrow();
	for (size_t k = 0; k <= 70; k++) {
		uint8_t *u = before_hole(k);
		size_t n = 100;

		for (size_t i = 0; i < n; i++)
			kbuf[i] = 0xaa;
		VT_EQ(copy_from_user(kbuf, u, n), n - k);
		for (size_t i = 0; i < n; i++) {
			uint8_t want = i < k ? ureg_expected(u + i) : 0;

			if (kbuf[i] != want) {
				VT_EQ(kbuf[i], want);
				break;
			}
		}
		for (size_t i = 0; i < n; i++)
			kbuf2[i] = 0xff;
		VT_EQ(copy_to_user(u, kbuf2, n), n - k);
		ureg_read_back(kbuf, u, k);
		VT_CHECK(all_are(kbuf, k, 0xff));
		VT_EQ(clear_user(u, n), n - k);
		ureg_read_back(kbuf, u, k);
		VT_CHECK(all_are(kbuf, k, 0));
		ureg_restore(u, k);
	}
	widen();
}

/*
 * The forms Linux leaves access_ok to the caller for (raw_copy_from_user,
 * __copy_*_user, __clear_user, __get_user/__put_user: vmio checks the range
 * all the same) and the _nofault copies: exact counts, raw copies keep the
 * uncopied tail, the _nofault ones answer 0 or -EFAULT.
 */
VT_CASE(uaccess_raw_and_nofault_copies)
{
	const size_t n = 64;

	narrow();
	for (size_t i = 0; i < n; i++)
		kbuf2[i] = (uint8_t)(0xc0 + i);
	for (size_t k = 0; k <= 40; k++) {
		uint8_t *u = before_hole(k);

		for (int form = 0; form < 3; form++) {
			size_t left;

			for (size_t i = 0; i < n; i++)
				kbuf[i] = 0xaa;
			left = form == 0   ? raw_copy_from_user(kbuf, u, n)
			       : form == 1 ? __copy_from_user(kbuf, u, n)
					   : __copy_from_user_inatomic(kbuf, u, n);
			VT_EQ(left, n - k);
			for (size_t i = 0; i < n; i++) {
				uint8_t want = i < k ? ureg_expected(u + i) : 0xaa;

				if (kbuf[i] != want) {
					VT_EQ(kbuf[i], want);
					break;
				}
			}
		}
		VT_EQ(copy_from_user_nofault(kbuf, u, n), VMIO_EFAULT);
		VT_CHECK(kbuf[k] == 0xaa || k == 0);
		VT_EQ(copy_from_user_nofault(kbuf, u, k), 0);
		VT_EQ(copy_to_user_nofault(u, kbuf2, n), VMIO_EFAULT);
		ureg_read_back(kbuf, u, k);
		VT_CHECK(memcmp(kbuf, kbuf2, k) == 0);
		ureg_restore(u, k);
		VT_EQ(copy_to_user_nofault(u, kbuf2, k), 0);
		ureg_read_back(kbuf, u, k);
		VT_CHECK(memcmp(kbuf, kbuf2, k) == 0);
		VT_EQ(__copy_to_user(u, kbuf2, n), n - k);
		VT_EQ(__copy_to_user_inatomic(u, kbuf2, n), n - k);
		VT_EQ(raw_copy_to_user(u, kbuf2, n), n - k);
		VT_EQ(__clear_user(u, n), n - k);
		ureg_read_back(kbuf, u, k);
		VT_CHECK(all_are(kbuf, k, 0));
		ureg_restore(u, k);
	}
	/* Kernel addresses: raw leaves to alone; _nofault is -EFAULT even for size 0. */
	for (size_t i = 0; i < n; i++)
		kbuf[i] = 0xaa;
	VT_EQ(raw_copy_from_user(kbuf, kbuf2, n), n);
	VT_CHECK(all_are(kbuf, n, 0xaa));
	VT_EQ(copy_from_user_nofault(kbuf, kbuf2, n), VMIO_EFAULT);
	VT_EQ(copy_from_user_nofault(kbuf, kbuf2, 0), VMIO_EFAULT);
	VT_EQ(copy_to_user_nofault(kbuf, kbuf2, n), VMIO_EFAULT);
	VT_EQ(copy_to_user_nofault(kbuf, kbuf2, 0), VMIO_EFAULT);
	VT_CHECK(all_are(kbuf, n, 0xaa));
	VT_EQ(copy_from_user_nofault(kbuf, upage(), 0), 0);
	VT_EQ(raw_copy_from_user(kbuf, upage(), 0), 0);

	/* __get_user / __put_user: get_user's and put_user's results. */
	uint32_t v32 = 1;
	uint16_t v16 = 1;
	int64_t s64 = 0;
	VT_EQ(__put_user((uint32_t)0xfedcba98, (uint32_t *)upage()), 0);
	VT_EQ(__get_user(v32, (uint32_t *)upage()), 0);
	VT_CHECK(v32 == (uint32_t)0xfedcba98);
	VT_EQ(__put_user((int64_t)-77, (int64_t *)(upage() + 8)), 0);
	VT_EQ(__get_user(s64, (int64_t *)(upage() + 8)), 0);
	VT_CHECK(s64 == -77);
	VT_EQ(__get_user(v16, (uint16_t *)kbuf2), VMIO_EFAULT);
	VT_CHECK(v16 == 0);
	VT_EQ(__put_user((uint16_t)5, (uint16_t *)kbuf), VMIO_EFAULT);
	VT_CHECK(all_are(kbuf, n, 0xaa));
	ureg_restore(upage(), 16);
	widen();
}

/*
 * strncpy_from_user_nofault: the length with the NUL (0 for ""), and a
 * string as long as count or longer cut to count - 1 bytes and its NUL.
 */
VT_CASE(uaccess_strncpy_from_user_nofault)
{
	uint8_t *u = upage();
	char *d = (char *)kbuf;
	static const char hello[] = "hello";

	narrow();
	VT_EQ(copy_to_user(u, hello, sizeof(hello)), 0);
	for (size_t i = 0; i < 16; i++)
		d[i] = 'x';
	VT_EQ(strncpy_from_user_nofault(d, u, 100), 6);
	VT_CHECK(memcmp(d, hello, 6) == 0 && d[6] == 'x');
	VT_EQ(strncpy_from_user_nofault(d, u, 6), 6);
	VT_CHECK(memcmp(d, hello, 6) == 0);
	for (long count = 1; count <= 5; count++) {
		for (size_t i = 0; i < 16; i++)
			d[i] = 'x';
		VT_EQ(strncpy_from_user_nofault(d, u, count), count);
		VT_CHECK(memcmp(d, hello, (size_t)count - 1) == 0);
		VT_CHECK(d[count - 1] == 0 && d[count] == 'x');
	}
	d[0] = 'x';
	VT_EQ(strncpy_from_user_nofault(d, u, 0), 0);
	VT_EQ(strncpy_from_user_nofault(d, u, -4), 0);
	VT_CHECK(d[0] == 'x');
	VT_EQ(strncpy_from_user_nofault(d, u + 5, 10), 0); /* "": 0, as Linux */
	VT_CHECK(d[0] == 0);
	VT_EQ(strncpy_from_user_nofault(d, kbuf2, 10), VMIO_EFAULT);
	for (size_t i = 0; i < 40; i++)
		kbuf2[i] = 'a';
	VT_EQ(copy_to_user(before_hole(40), kbuf2, 40), 0);
	VT_EQ(strncpy_from_user_nofault(d, before_hole(40), 100), VMIO_EFAULT);
	VT_EQ(strncpy_from_user_nofault(d, before_hole(40), 40), 40);
	VT_CHECK(d[38] == 'a' && d[39] == 0);
	VT_EQ(strnlen_user_nofault((const char *)u, 100), 6);
	VT_EQ(strnlen_user_nofault((const char *)before_hole(40), 100), 0);
	ureg_restore(before_hole(40), 40);
	ureg_restore(u, sizeof(hello));
	widen();
}

/* strncpy_from_user: Linux's documented results. */
VT_CASE(uaccess_strncpy_from_user)
{
	uint8_t *u = upage();
	char *d = (char *)kbuf;
	static const char hello[] = "hello";
	uintptr_t s, e;

	narrow();
	VT_EQ(copy_to_user(u, hello, sizeof(hello)), 0);
	for (size_t i = 0; i < 16; i++)
		d[i] = 'x';
	VT_EQ(strncpy_from_user(d, (const char *)u, 100), 5);
	VT_CHECK(d[0] == 'h' && d[4] == 'o' && d[5] == 0);
	/* count <= 0: 0, before looking at the pointer. */
	d[0] = 'x';
	VT_EQ(strncpy_from_user(d, (const char *)u, 0), 0);
	VT_EQ(strncpy_from_user(d, (const char *)u, -1), 0);
	VT_EQ(strncpy_from_user(d, (const char *)kbuf2, 0), 0);
	VT_CHECK(d[0] == 'x');
	/* No NUL within count: count, and dst not terminated. */
	for (size_t i = 0; i < 16; i++)
		d[i] = 'x';
	VT_EQ(strncpy_from_user(d, (const char *)u, 5), 5);
	VT_CHECK(d[4] == 'o' && d[5] == 'x');
	d[3] = 'x';
	VT_EQ(strncpy_from_user(d, (const char *)u, 3), 3);
	VT_CHECK(d[2] == 'l' && d[3] == 'x');
	VT_EQ(strncpy_from_user(d, (const char *)u, 6), 5);
	/* A string running into a hole, and a kernel pointer: -EFAULT. */
	for (size_t i = 0; i < 40; i++)
		kbuf2[i] = 'a';
	VT_EQ(copy_to_user(before_hole(40), kbuf2, 40), 0);
	VT_EQ(strncpy_from_user(d, (const char *)before_hole(40), 100), VMIO_EFAULT);
	VT_EQ(strncpy_from_user(d, (const char *)before_hole(40), 40), 40);
	VT_EQ(strncpy_from_user(d, (const char *)kbuf2, 10), VMIO_EFAULT);
	/* The scan stops at the end of the user range: past it is -EFAULT, not "too long". */
	vmio_user_range_get(&s, &e);
	VT_EQ(vmio_user_range_set(s, (uintptr_t)u + 3), 0);
	VT_EQ(strncpy_from_user(d, (const char *)u, 100), VMIO_EFAULT);
	VT_EQ(strncpy_from_user(d, (const char *)u, 3), 3);
	VT_EQ(vmio_user_range_set(s, (uintptr_t)u + 6), 0);
	VT_EQ(strncpy_from_user(d, (const char *)u, 100), 5);
	VT_EQ(vmio_user_range_set(s, e), 0);
	ureg_restore(before_hole(40), 40);
	ureg_restore(u, sizeof(hello));
	widen();
}

/* strnlen_user counts the NUL; > n when none; 0 on any failure. */
VT_CASE(uaccess_strnlen_user)
{
	uint8_t *u = upage();
	static const char hello[] = "hello";

	narrow();
	VT_EQ(copy_to_user(u, hello, sizeof(hello)), 0);
	VT_EQ(strnlen_user((const char *)u, 100), 6);
	VT_EQ(strnlen_user((const char *)u, 6), 6);
	VT_CHECK(strnlen_user((const char *)u, 5) > 5);
	VT_EQ(strnlen_user((const char *)u, 0), 0);
	VT_EQ(strnlen_user((const char *)u, -5), 0);
	VT_EQ(strnlen_user((const char *)kbuf, 10), 0);
	for (size_t i = 0; i < 40; i++)
		kbuf2[i] = 'a';
	VT_EQ(copy_to_user(before_hole(40), kbuf2, 40), 0);
	VT_EQ(strnlen_user((const char *)before_hole(40), 100), 0);
	VT_EQ(strnlen_user((const char *)before_hole(40), 40), 41);
	ureg_restore(before_hole(40), 40);
	ureg_restore(u, sizeof(hello));
	widen();
}

/*
 * usercopy_kunit's check_nonzero_user: a buffer zero in its middle, every
 * start and end within it, against a byte-by-byte answer.
 */
VT_CASE(uaccess_check_zeroed_user_every_start_and_end)
{
	enum { SIZE = 128, ZERO_START = SIZE / 4, ZERO_END = SIZE - ZERO_START };
	uint8_t *u = upage();

	narrow();
	for (size_t i = 0; i < SIZE; i++)
		kbuf[i] = i >= ZERO_START && i < ZERO_END ? 0 : (uint8_t)(i + 1);
	VT_EQ(copy_to_user(u, kbuf, SIZE), 0);
	for (size_t start = 0; start <= SIZE; start++)
		for (size_t end = start; end <= SIZE; end++) {
			int want = 1;

			for (size_t i = start; i < end; i++)
				if (kbuf[i])
					want = 0;
			if (check_zeroed_user(u + start, end - start) != want) {
				VT_EQ(check_zeroed_user(u + start, end - start), want);
				break;
			}
		}
	VT_EQ(check_zeroed_user(kbuf2, 0), 1);
	VT_EQ(check_zeroed_user(kbuf2, 8), VMIO_EFAULT);
	/* Zeros up to a hole: the fault is seen (a nonzero byte first would end the scan). */
	VT_EQ(clear_user(before_hole(8), 8), 0);
	VT_EQ(check_zeroed_user(before_hole(8), 9), VMIO_EFAULT);
	VT_EQ(check_zeroed_user(before_hole(8), 8), 1);
	ureg_restore(before_hole(8), 8);
	ureg_restore(u, SIZE);
	widen();
}

/* usercopy_kunit's copy_struct_from_user: every relation of the two sizes. */
VT_CASE(uaccess_copy_struct_from_user)
{
	enum { K = 64 };
	uint8_t *u = upage();

	narrow();
	for (size_t i = 0; i < 2 * K; i++)
		kbuf2[i] = (uint8_t)(i + 1);
	VT_EQ(copy_to_user(u, kbuf2, 2 * K), 0);
	/* usize == ksize, usize < ksize (tail zeroed), usize > ksize with a zero tail. */
	for (size_t i = 0; i < 2 * K; i++)
		kbuf[i] = 0xee;
	VT_EQ(copy_struct_from_user(kbuf, K, u, K), 0);
	VT_CHECK(kbuf[0] == 1 && kbuf[K - 1] == K && kbuf[K] == 0xee);
	VT_EQ(copy_struct_from_user(kbuf, K, u, K / 2), 0);
	VT_CHECK(kbuf[K / 2 - 1] == K / 2 && all_are(kbuf + K / 2, K / 2, 0) && kbuf[K] == 0xee);
	VT_EQ(clear_user(u + K, K), 0);
	VT_EQ(copy_struct_from_user(kbuf, K, u, 2 * K), 0);
	VT_CHECK(kbuf[K - 1] == K && kbuf[K] == 0xee);
	/* A nonzero byte past ksize: -E2BIG, at every position of the tail. */
	for (size_t at = K; at < 2 * K; at++) {
		VT_EQ(put_user((uint8_t)7, u + at), 0);
		VT_EQ(copy_struct_from_user(kbuf, K, u, 2 * K), VMIO_E2BIG);
		VT_EQ(put_user((uint8_t)0, u + at), 0);
	}
	/* A tail that faults: -EFAULT; a kernel pointer: -EFAULT. */
	VT_EQ(copy_struct_from_user(kbuf, 8, before_hole(8), 16), VMIO_EFAULT);
	VT_EQ(copy_struct_from_user(kbuf, 16, kbuf2, 16), VMIO_EFAULT);
	/* Zero sizes. */
	VT_EQ(copy_struct_from_user(kbuf, 0, u, 0), 0);
	kbuf[0] = 0xee;
	VT_EQ(copy_struct_from_user(kbuf, 4, u, 0), 0);
	VT_CHECK(all_are(kbuf, 4, 0));
	ureg_restore(u, 2 * K);
	widen();
}

/* copy_struct_to_user, as documented for Linux 6.13+. */
VT_CASE(uaccess_copy_struct_to_user)
{
	enum { K = 32 };
	uint8_t *u = upage();
	bool ignored = true;

	narrow();
	for (size_t i = 0; i < 2 * K; i++)
		kbuf[i] = (uint8_t)(i + 1);
	/* The user's struct is larger: its tail is cleared. */
	for (size_t i = 0; i < 2 * K; i++)
		kbuf2[i] = 0xcc;
	VT_EQ(copy_to_user(u, kbuf2, 2 * K), 0);
	VT_EQ(copy_struct_to_user(u, 2 * K, kbuf, K, &ignored), 0);
	VT_CHECK(!ignored);
	VT_EQ(copy_from_user(kbuf2, u, 2 * K), 0);
	VT_CHECK(kbuf2[K - 1] == K && all_are(kbuf2 + K, K, 0));
	/* The kernel's is larger with a nonzero tail: dropped, and reported. */
	VT_EQ(copy_struct_to_user(u, K / 2, kbuf, K, &ignored), 0);
	VT_CHECK(ignored);
	VT_EQ(copy_struct_to_user(u, K / 2, kbuf, K, NULL), 0);
	/* ... with a zero tail: nothing to report. */
	for (size_t i = K / 2; i < K; i++)
		kbuf[i] = 0;
	VT_EQ(copy_struct_to_user(u, K / 2, kbuf, K, &ignored), 0);
	VT_CHECK(!ignored);
	/* Equal sizes, a fault, a kernel pointer. */
	VT_EQ(copy_struct_to_user(u, K, kbuf, K, &ignored), 0);
	VT_CHECK(!ignored);
	VT_EQ(copy_struct_to_user(before_hole(8), 16, kbuf, 16, &ignored), VMIO_EFAULT);
	VT_EQ(copy_struct_to_user(ureg_page(UREG_RO), 4, kbuf, 4, NULL), VMIO_EFAULT);
	VT_EQ(copy_struct_to_user(kbuf2, 4, kbuf, 4, NULL), VMIO_EFAULT);
	ureg_restore(u, 2 * K);
	ureg_restore(before_hole(8), 8);
	widen();
}

VT_CASE(uaccess_futex_ops)
{
	uint32_t *w = (uint32_t *)upage();
	uint32_t uval = 77, v;
	int oval = 77;
	static const struct { int op; uint32_t arg, before, after; } cases[] = {
		{ FUTEX_OP_SET, 5, 0x80000001u, 5 },
		{ FUTEX_OP_ADD, 5, 0xfffffffeu, 3 },
		{ FUTEX_OP_OR, 0x10, 0x80000001u, 0x80000011u },
		{ FUTEX_OP_ANDN, 0x1, 0x80000001u, 0x80000000u },
		{ FUTEX_OP_XOR, 0xffffffffu, 0x80000001u, 0x7ffffffeu },
	};

	narrow();
	VT_EQ(put_user((uint32_t)10, w), 0);
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, w, 10, 11), 0);
	VT_EQ(uval, 10);
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, w, 10, 12), 0);
	VT_EQ(uval, 11);
	VT_EQ(get_user(v, w), 0);
	VT_EQ(v, 11);
	uval = 77;
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, (uint32_t *)((uint8_t *)w + 2), 0, 1), VMIO_EINVAL);
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, (uint32_t *)kbuf, 0, 1), VMIO_EFAULT);
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, (uint32_t *)before_hole(0), 0, 1), VMIO_EFAULT);
	VT_EQ(futex_atomic_cmpxchg_inatomic(&uval, (uint32_t *)ureg_page(UREG_RO), 0, 1),
	      VMIO_EFAULT);
	VT_EQ(uval, 77);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		VT_EQ(put_user(cases[i].before, w), 0);
		VT_EQ(arch_futex_atomic_op_inuser(cases[i].op, cases[i].arg, &oval, w), 0);
		VT_CHECK((uint32_t)oval == cases[i].before);
		VT_EQ(get_user(v, w), 0);
		VT_CHECK(v == cases[i].after);
	}
	oval = 77;
	VT_EQ(arch_futex_atomic_op_inuser(5, 1, &oval, w), VMIO_ENOSYS);
	VT_EQ(arch_futex_atomic_op_inuser(-1, 1, &oval, w), VMIO_ENOSYS);
	VT_EQ(get_user(v, w), 0);
	VT_CHECK(v == cases[4].after);
	VT_EQ(arch_futex_atomic_op_inuser(9, 1, &oval, (uint32_t *)kbuf), VMIO_EFAULT);
	VT_EQ(arch_futex_atomic_op_inuser(FUTEX_OP_ADD, 1, &oval, (uint32_t *)before_hole(0)),
	      VMIO_EFAULT);
	VT_EQ(arch_futex_atomic_op_inuser(FUTEX_OP_ADD, 1, &oval, (uint32_t *)((uint8_t *)w + 1)),
	      VMIO_EINVAL);
	VT_EQ(oval, 77);
	ureg_restore((uint8_t *)w, 8);
	widen();
}

/* One window, many accesses; a fault in any goes to its label. */
static int window_sum(const uint64_t *p, unsigned n, uint64_t *sum)
{
	uint64_t s = 0, v;

	if (!user_access_begin(p, n * sizeof(*p)))
		return VMIO_EFAULT;
	for (unsigned i = 0; i < n; i++) {
		unsafe_get_user(v, &p[i], fault);
		s += v;
	}
	user_access_end();
	*sum = s;
	return 0;
fault:
	user_access_end();
	return VMIO_EFAULT;
}

VT_CASE(uaccess_window_and_unsafe_accesses)
{
	uint8_t *u = upage();
	uint64_t sum = 0;
	uint32_t v32 = 0;
	uint16_t v16 = 0;
	uint8_t v8 = 0;
	int8_t s8 = 0;

	narrow();
	for (unsigned i = 0; i < 64; i++)
		VT_EQ(put_user((uint64_t)i * 3, (uint64_t *)u + i), 0);
	VT_EQ(window_sum((const uint64_t *)u, 64, &sum), 0);
	VT_EQ(sum, 3 * 63 * 64 / 2);
	VT_EQ(plat_user_access_open(), CLOSED);
	/* Refused: nothing opened. */
	VT_CHECK(!user_access_begin(kbuf, 8));
	VT_EQ(plat_user_access_open(), CLOSED);
	/* A fault in the window (the hole after UREG_RW2) reaches the label. */
	VT_EQ(window_sum((const uint64_t *)before_hole(16), 2, &sum), 0);
	VT_EQ(window_sum((const uint64_t *)ureg_page(UREG_RO + 1), 1, &sum), VMIO_EFAULT);
	VT_EQ(plat_user_access_open(), CLOSED);

	/* Every size in and out, and a store to the read-only page. */
	VT_CHECK(user_access_begin(u, 16));
	unsafe_put_user((uint8_t)0xf1, u, fail);
	unsafe_put_user((uint16_t)0xf2f3, (uint16_t *)(u + 2), fail);
	unsafe_put_user((uint32_t)0xf4f5f6f7, (uint32_t *)(u + 4), fail);
	unsafe_put_user((uint64_t)0x8081828384858687ULL, (uint64_t *)(u + 8), fail);
	unsafe_get_user(v8, u, fail);
	unsafe_get_user(s8, (int8_t *)u, fail);
	unsafe_get_user(v16, (uint16_t *)(u + 2), fail);
	unsafe_get_user(v32, (uint32_t *)(u + 4), fail);
	unsafe_get_user(sum, (uint64_t *)(u + 8), fail);
	user_access_end();
	VT_CHECK(v8 == 0xf1 && s8 == (int8_t)0xf1 && v16 == 0xf2f3 && v32 == 0xf4f5f6f7 &&
		 sum == 0x8081828384858687ULL);
	/* user_access_save closes an open window, restore reopens only what was open. */
	VT_CHECK(user_access_begin(u, 8));
	int opened = plat_user_access_open();
	unsigned long flags = user_access_save();
	VT_EQ(plat_user_access_open(), CLOSED);
	unsigned long closed_flags = user_access_save();
	VT_EQ(closed_flags, 0);
	user_access_restore(closed_flags);
	VT_EQ(plat_user_access_open(), CLOSED);
	user_access_restore(flags);
	VT_EQ(plat_user_access_open(), opened);
	unsafe_get_user(v8, u, fail);
	user_access_end();
	VT_EQ(plat_user_access_open(), CLOSED);
	VT_CHECK(v8 == 0xf1);
	if (0) {
fail:
		user_access_end();
		VT_CHECK(!"an access inside the window faulted");
	}
	VT_CHECK(user_access_begin(ureg_page(UREG_RO), 8));
	unsafe_put_user((uint32_t)1, (uint32_t *)ureg_page(UREG_RO), ro_fault);
	user_access_end();
	VT_CHECK(!"a store to the read-only page went through");
	if (0) {
ro_fault:
		user_access_end();
	}
	VT_CHECK(ro_intact());
	/* unsafe_copy_*: a fault goes to the label, the window stays usable before it. */
	VT_CHECK(user_access_begin(before_hole(16), 16));
	unsafe_copy_from_user(kbuf, before_hole(16), 16, copy_fault);
	unsafe_get_user(v8, before_hole(1), copy_fault);
	unsafe_copy_from_user(kbuf, before_hole(8), 16, copy_done);
	user_access_end();
	VT_CHECK(!"a copy into the hole went through");
	if (0) {
copy_fault:
		VT_CHECK(!"a copy before the hole faulted");
	}
copy_done:
	user_access_end();
	VT_CHECK(user_access_begin(before_hole(8), 8));
	unsafe_copy_to_user(before_hole(8), kbuf, 16, copy_to_done);
	user_access_end();
	VT_CHECK(!"a copy into the hole went through");
copy_to_done:
	user_access_end();
	VT_EQ(plat_user_access_open(), CLOSED);
	ureg_restore(before_hole(16), 16);
	ureg_restore(u, 64 * 8);
	widen();
}

/* The masked pointer: itself in the range, else 0, which faults. */
VT_CASE(uaccess_masked_user_access)
{
	uint8_t *u = upage();
	uint64_t v = 0;
	uintptr_t s, e;
	const uint64_t *m;

	narrow();
	vmio_user_range_get(&s, &e);
	VT_CHECK(mask_user_address(u) == u);
	VT_CHECK(mask_user_address((void *)s) == (void *)s);
	VT_CHECK(mask_user_address((void *)(e - 1)) == (void *)(e - 1));
	VT_CHECK(mask_user_address((void *)e) == NULL);
	VT_CHECK(mask_user_address((void *)(s - 1)) == NULL);
	VT_CHECK(mask_user_address(kbuf) == NULL);
	VT_CHECK(mask_user_address((void *)UINTPTR_MAX) == NULL);
	VT_EQ(put_user((uint64_t)0x1234, (uint64_t *)u), 0);
	m = masked_user_access_begin((const uint64_t *)u);
	unsafe_get_user(v, m, masked_fault);
	user_access_end();
	VT_EQ(v, 0x1234);
	m = masked_user_access_begin((const uint64_t *)kbuf);
	VT_CHECK(m == NULL);
	unsafe_get_user(v, m, masked_fault_ok);
	user_access_end();
	VT_CHECK(!"an access through a refused masked pointer went through");
	if (0) {
masked_fault:
		user_access_end();
		VT_CHECK(!"an access through a good masked pointer faulted");
	}
	if (0) {
masked_fault_ok:
		user_access_end();
	}
	VT_EQ(plat_user_access_open(), CLOSED);
	ureg_restore(u, 8);
	widen();
}
