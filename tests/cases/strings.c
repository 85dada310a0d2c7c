/*
 * Strings from memory that may fault: __strnlen_fallible, __strncpy_fallible,
 * vm_freader_strnlen and vm_freader_read_cstring against the real faults of
 * the user test region (ureg.h) and a byte-by-byte model.
 *
 * Each case writes a window of the region: zeros below the string (so a
 * head that does not ignore the bytes below src sees a NUL), the string's
 * bytes (1..255, 0x01 and 0x80 among them), its NUL and non-zero bytes
 * after it, up to the hole where there is one.  The model scans the window
 * byte by byte: the first of max reached, an inaccessible byte or a NUL.
 * The kernel buffer sits between guards; every byte the copy must not
 * write holds the complement of the byte it would copy there, so a stray
 * store is seen.
 *
 * The fault sweep: every string length 0..300 ending near the hole after
 * page UREG_RW2, at every distance d from the string's start to the hole
 * from 0 (the first byte faults) through the NUL (d = len: the NUL itself
 * faults; d = len + 1: the NUL is the last byte before the hole and it
 * must succeed) to AFTER bytes past it; d sets the source misalignment, so
 * each length meets every one.  The limits sweep: strings away from holes,
 * crossing a page boundary, at source misalignments 0..ALIGNS-1, with max
 * (and remain, and cap) at 0..2, len - 1..len + 2, SIZE_MAX and the max
 * that makes src + max wrap to 0, and multi-page strings.
 */
#include <stdio.h>
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define MAX_LEN 300
#define AFTER 40	   /* distances past the NUL swept, more than a chunk */
#define BELOW 64	   /* zero bytes written below the string */
#define GUARD 16
#define ROOM (AFTER + 8)   /* copy room past the NUL in the roomy copies */
#if defined(VMIO_HOST)
#define ALIGNS 32
#else
#define ALIGNS 8
#endif
#define BIG_MAX (6 * 16384 + 64) /* longest multi-page string: 5 pages + 7 */

static uint8_t win[BIG_MAX + BELOW + ROOM + 64]; /* what the region holds at [wlo, whi) */
static uint8_t *wlo, *whi;
static uint8_t kb[BIG_MAX + ROOM + 2 * GUARD + 64]; /* kernel buffers */
static unsigned long n_prim, n_copy, n_reader;

/* The byte the region holds at a (a mapped): from the window, else the pattern. */
static uint8_t ubyte(const uint8_t *a)
{
	if (a >= wlo && a < whi)
		return win[a - wlo];
	return ureg_expected(a);
}

/* The scan of the placed string with no max: its result and count. */
static int full_err;
static size_t full_k;

/*
 * Write a string of len bytes (seeded by seed) and its NUL at u, BELOW zeros
 * below it and `after` non-zero bytes after it, into the writable part of
 * the region; the window records what every mapped byte there now holds.
 * Then scan it byte by byte once: the model of every call on it.
 */
static void place(uint8_t *u, size_t len, size_t after, unsigned seed)
{
	uint8_t *end_region = ureg_base + UREG_PAGES * ureg_ps;
	size_t run;

	wlo = u - BELOW < ureg_base ? ureg_base : u - BELOW;
	whi = u + len + 1 + after > end_region ? end_region : u + len + 1 + after;
	/* Page by page: the string where writable, what is there elsewhere. */
	for (uint8_t *a = wlo; a < whi;) {
		size_t to_edge = ureg_ps - (size_t)(a - ureg_base) % ureg_ps;
		size_t n = (size_t)(whi - a) < to_edge ? (size_t)(whi - a) : to_edge;
		uint8_t *w = win + (a - wlo);

		if (ureg_writable(a)) {
			for (size_t j = 0; j < n; j++) {
				size_t i = (size_t)(a + j - u);

				if (a + j < u || i == len)
					w[j] = 0;
				else if (i < len)
					w[j] = (uint8_t)((i * 37 + seed) % 255 + 1);
				else
					w[j] = (uint8_t)(0x80 | (i & 0x7f));
			}
			VT_EQ(__memcpy_fallible(a, w, n), 0);
		} else {
			for (size_t j = 0; j < n; j++)
				w[j] = ureg_readable(a) ? ureg_expected(a + j) : 0;
		}
		a += n;
	}
	run = ureg_read_run(u, SIZE_MAX - (uintptr_t)u);
	for (full_k = 0; full_k < run && ubyte(u + full_k) != 0; full_k++)
		;
	full_err = full_k < run ? 0 : VMIO_EFAULT;
}

/* Put the pattern back under the window. */
static void unplace(void)
{
	ureg_restore(wlo, (size_t)(whi - wlo));
	wlo = whi = NULL;
}

/* The model: the first of max reached, an inaccessible byte, a NUL. */
static int model(const uint8_t *u, size_t max, size_t *k)
{
	(void)u;
	if (max <= full_k) {
		*k = max;
		return VMIO_ENAMETOOLONG;
	}
	*k = full_k;
	return full_err;
}

/* Bytes a successful or failed copy of the model's result writes. */
static size_t written(int err, size_t k)
{
	return err ? k : k + 1;
}

/*
 * The canary at buf[i] for a copy from u: the complement of the byte the
 * copy would store there, so that no stray store can go unseen.
 */
static uint8_t canary(const uint8_t *u, ptrdiff_t i)
{
	const uint8_t *a = u + i;

	return (uint8_t)~(a >= wlo && a < whi ? win[a - wlo] : 0xa5);
}

static char *arm(const uint8_t *u, size_t align, size_t span)
{
	uint8_t *k = kb + GUARD + align;

	for (ptrdiff_t i = -GUARD; i < (ptrdiff_t)(span + GUARD); i++)
		k[i] = canary(u, i);
	return (char *)k;
}

/*
 * buf (armed for span bytes) holds the first `copied` bytes from u, zeros
 * in the next `zeroed`, canaries elsewhere.  Returns 1 if so.
 */
static int buf_ok(const uint8_t *u, const char *buf, size_t span, size_t copied, size_t zeroed)
{
	const uint8_t *k = (const uint8_t *)buf;
	ptrdiff_t bad = PTRDIFF_MAX;

	/* The window covers [u - BELOW, u + copied + zeroed) wherever u is mapped. */
	for (size_t i = 0; i < copied && bad == PTRDIFF_MAX; i++)
		if (k[i] != win[u + i - wlo])
			bad = (ptrdiff_t)i;
	for (size_t i = copied; i < copied + zeroed && bad == PTRDIFF_MAX; i++)
		if (k[i] != 0)
			bad = (ptrdiff_t)i;
	for (ptrdiff_t i = -GUARD; i < (ptrdiff_t)(span + GUARD) && bad == PTRDIFF_MAX; i++) {
		if (i == 0)
			i = (ptrdiff_t)(copied + zeroed);
		if (i < (ptrdiff_t)(span + GUARD) && k[i] != canary(u, i))
			bad = i;
	}
	if (bad == PTRDIFF_MAX)
		return 1;
	VT_EQ(k[bad], bad >= 0 && (size_t)bad < copied ? win[u + bad - wlo]
		      : bad >= 0 && (size_t)bad < copied + zeroed ? 0 : canary(u, bad));
	printf("    buf[%ld] wrong (copied %zu, zeroed %zu)\n", (long)bad, copied, zeroed);
	return 0;
}

static void report(const char *what, const uint8_t *u, size_t len, size_t max, size_t align,
		   unsigned before)
{
	if (vt_case_failures() != before && before < 6)
		printf("    in %s: user offset 0x%zx, len %zu, max %zu, kernel misalignment %zu\n",
		       what, (size_t)(u - ureg_base), len, max, align);
}

static void prim_strnlen(const uint8_t *u, size_t len, size_t max)
{
	unsigned before = vt_case_failures();
	size_t want_k, k = 0x5a5a;
	int want = model(u, max, &want_k);

	VT_EQ(__strnlen_fallible((const char *)u, max, &k), want);
	VT_EQ(k, want_k);
	report("__strnlen_fallible", u, len, max, 0, before);
	n_prim++;
}

/* max must leave room: at most ROOM past the NUL, or less than len + 1. */
static void prim_strncpy(const uint8_t *u, size_t len, size_t max, size_t align)
{
	unsigned before = vt_case_failures();
	size_t want_k, k = 0x5a5a;
	int want = model(u, max, &want_k);
	char *buf = arm(u, align, max);

	VT_EQ(__strncpy_fallible(buf, (const char *)u, max, &k), want);
	VT_EQ(k, want_k);
	buf_ok(u, buf, max, written(want, want_k), 0);
	report("__strncpy_fallible", u, len, max, align, before);
	n_copy++;
}

/*
 * The reader calls over [u, u + remain): strnlen with max, read_cstring
 * with cap (cap room in the buffer): results, cursor, *len, buffer.
 */
static void reader_calls(const uint8_t *u, size_t len, size_t remain, size_t max, size_t cap,
			 size_t align)
{
	unsigned before = vt_case_failures();
	struct vm_freader r;
	size_t want_k, got = 0x5a5a;
	int want;
	char *buf;

	VT_EQ(vm_freader_from_user_space(&r, u, remain), 0);
	want = model(u, max < remain ? max : remain, &want_k);
	VT_EQ(vm_freader_strnlen(&r, max, &got), want);
	VT_EQ(got, want ? 0x5a5a : want_k);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u);
	VT_EQ(vm_freader_remain(&r), remain);

	want = model(u, cap < remain ? cap : remain, &want_k);
	buf = arm(u, align, cap);
	got = 0x5a5a;
	VT_EQ(vm_freader_read_cstring(&r, buf, cap, &got), want);
	VT_EQ(got, want ? 0x5a5a : want_k);
	if (want) {
		/* No partial string: unchanged up to VMIO_READ_BOUNCE, else all zero. */
		buf_ok(u, buf, cap, 0, cap > VMIO_READ_BOUNCE ? cap : 0);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u);
		VT_EQ(vm_freader_remain(&r), remain);
	} else {
		buf_ok(u, buf, cap, want_k + 1, 0);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u + want_k + 1);
		VT_EQ(vm_freader_remain(&r), remain - want_k - 1);
	}
	report("reader strnlen/read_cstring", u, len, max, align, before);
	n_reader++;
}

/* The user range's end, and a max that makes u + max wrap to exactly 0. */
static size_t to_user_end(const uint8_t *u)
{
	return VMIO_USER_END - (uintptr_t)u;
}

static size_t wrap_to_zero(const uint8_t *u)
{
	return (size_t)0 - (uintptr_t)u;
}

/*
 * One string of len at distance d before the hole that ends page UREG_RW2.
 * Guests (under TCG) copy into every kernel misalignment only at the
 * distances where the paths change (d <= 16, d within 2 of the NUL), else
 * into one that walks through all eight as d grows, and call the reader
 * functions at those distances and every fifth; the host does all of it.
 */
static void fault_case(size_t len, size_t d)
{
	uint8_t *hole = ureg_page(UREG_RW2 + 1);
	uint8_t *u = hole - d;
	size_t room = len + 1 + ROOM;
	size_t lims[] = { len, len + 1, d, d + 1 };
#if defined(VMIO_HOST)
	int all = 1;
#else
	int all = d <= 16 || (d + 2 >= len && d <= len + 2);
#endif

	place(u, len, AFTER + 8, (unsigned)(len + d));
	prim_strnlen(u, len, SIZE_MAX);
	prim_strnlen(u, len, wrap_to_zero(u));
	for (size_t i = 0; i < 4; i++)
		prim_strnlen(u, len, lims[i]);
	for (size_t a = 0; a < 8; a++)
		if (all || a == (d / 8 + len) % 8)
			prim_strncpy(u, len, room, a);
	for (size_t i = 0; i < 4; i++)
		if (lims[i] <= room && (all || i % 2 == 0))
			prim_strncpy(u, len, lims[i], (len + d + i) % 8);
	/* The reader: remain up to the hole and past it, cap roomy and tight. */
	if (all || d % 5 == 0) {
		reader_calls(u, len, to_user_end(u), SIZE_MAX, room, (len + d) % 8);
		reader_calls(u, len, d, SIZE_MAX, room, (len + d + 3) % 8);
		reader_calls(u, len, d + 1, d + 1, len + 1, (len + d + 5) % 8);
		reader_calls(u, len, to_user_end(u), len, len, (len + d + 6) % 8);
	}
	unplace();
}

VT_CASE(string_fault_sweep)
{
	unsigned long p0 = n_prim, c0 = n_copy, r0 = n_reader;

	ureg_setup();
	for (size_t len = 0; len <= MAX_LEN; len++)
		for (size_t d = 0; d <= len + 1 + AFTER && d <= ureg_ps + 8; d++)
			fault_case(len, d);
	/* Longer strings into the hole: the fault within the first page or at once. */
	for (size_t len = ureg_ps - 9; len <= ureg_ps + 9; len++)
		for (size_t d = ureg_ps - 20; d <= ureg_ps + 20; d += 3)
			fault_case(len, d);
	printf("    %lu cases: %lu strnlen, %lu strncpy, %lu reader pairs\n",
	       n_prim - p0 + n_copy - c0 + n_reader - r0, n_prim - p0, n_copy - c0, n_reader - r0);
}

/* One string of len at u, away from holes: every limit around its NUL. */
static void limits_case(uint8_t *u, size_t len, size_t align)
{
	/* Around the NUL, and cuts well inside the string (a word loop must stop at max). */
	size_t lims[] = { 0, 1, 2, len - 1, len, len + 1, len + 2, len / 2, len - 9, len - 33 };
	size_t under[] = { 0, 0, 0, 1, 0, 0, 0, 0, 9, 33 }; /* lims[i] needs len >= this */

	place(u, len, AFTER, (unsigned)(len * 3 + align));
	prim_strnlen(u, len, SIZE_MAX);
	prim_strnlen(u, len, wrap_to_zero(u));
	for (size_t i = 0; i < sizeof lims / sizeof lims[0]; i++) {
		if (len < under[i])
			continue;
		prim_strnlen(u, len, lims[i]);
		prim_strncpy(u, len, lims[i], (align + i) % 8);
		reader_calls(u, len, to_user_end(u), lims[i], lims[i], (align + i + 1) % 8);
		reader_calls(u, len, lims[i], SIZE_MAX, len + 1 + ROOM, (align + i + 2) % 8);
	}
	prim_strncpy(u, len, len + 1 + ROOM, align % 8);
	unplace();
}

VT_CASE(string_limits_sweep)
{
	unsigned long p0 = n_prim, c0 = n_copy, r0 = n_reader;
	size_t big[5];

	ureg_setup();
	big[0] = ureg_ps - 1, big[1] = ureg_ps, big[2] = ureg_ps + 1;
	big[3] = 2 * ureg_ps + 3, big[4] = 5 * ureg_ps + 7;
	/* Across the boundary into page UREG_RW + 2, at every misalignment. */
	for (size_t len = 0; len <= MAX_LEN; len++)
		for (size_t a = 0; a < ALIGNS; a++)
			limits_case(ureg_page(UREG_RW + 2) - 64 - (len / 2 & ~(size_t)63) + a, len, a);
	/* Multi-page: the NUL at, before and after page ends, every misalignment. */
	for (size_t i = 0; i < 5; i++)
		for (size_t a = 0; a < ALIGNS; a++) {
			limits_case(ureg_page(UREG_RW + 1) + a, big[i], a);
			limits_case(ureg_page(UREG_RW + 1) + 40 + a, big[i], a);
		}
	/* Two pages and more into the read-only page, its first zero the NUL. */
	for (size_t a = 0; a < ALIGNS; a++) {
		uint8_t *u = ureg_page(UREG_RO - 2) + a;
		size_t i0 = 0, len;

		while (plat_ro_byte(i0) != 0)
			i0++;
		len = (size_t)(ureg_page(UREG_RO) - u) + i0;
		place(u, len, 0, (unsigned)a);
		prim_strnlen(u, len, SIZE_MAX);
		prim_strnlen(u, len, len);
		prim_strncpy(u, len, len + 1, a % 8);
		prim_strncpy(u, len, len, a % 8);
		unplace();
	}
	printf("    %lu cases: %lu strnlen, %lu strncpy, %lu reader pairs\n",
	       n_prim - p0 + n_copy - c0 + n_reader - r0, n_prim - p0, n_copy - c0, n_reader - r0);
}

VT_CASE(string_kernel_reader_and_basics)
{
	static const char s[] = "hello, world";
	char buf[32];
	size_t len = 99;
	struct vm_reader kr = vm_reader_from_bytes(s, sizeof(s));
	struct vm_freader r = vm_reader_to_fallible(kr);

	VT_EQ(vm_freader_strnlen(&r, 100, &len), 0);
	VT_EQ(len, 12);
	VT_EQ(vm_freader_strnlen(&r, 12, &len), VMIO_ENAMETOOLONG);
	VT_EQ(len, 12);
	memset(buf, 'x', sizeof(buf));
	VT_EQ(vm_freader_read_cstring(&r, buf, 12, &len), VMIO_ENAMETOOLONG);
	for (size_t i = 0; i < sizeof(buf); i++) /* a small buf is unchanged on error, a large one zero */
		VT_EQ(buf[i], i < 12 && 12 > VMIO_READ_BOUNCE ? 0 : 'x');
	VT_EQ(vm_freader_read_cstring(&r, buf, sizeof(buf), &len), 0);
	VT_EQ(len, 12);
	VT_CHECK(strcmp(buf, s) == 0);
	VT_EQ(buf[13], 'x');
	VT_EQ(vm_freader_remain(&r), 0);
	/* Empty reader: nothing to look at, no NUL. */
	VT_EQ(vm_freader_strnlen(&r, 100, &len), VMIO_ENAMETOOLONG);
	VT_EQ(vm_freader_read_cstring(&r, buf, sizeof(buf), &len), VMIO_ENAMETOOLONG);
	/* A user pointer into the hole: EFAULT at once, buffer as the bounce rule says. */
	ureg_setup();
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RO + 1) + 5, 100), 0);
	memset(buf, 'y', sizeof(buf));
	VT_EQ(vm_freader_read_cstring(&r, buf, sizeof(buf), &len), VMIO_EFAULT);
	VT_EQ(vm_freader_strnlen(&r, 100, &len), VMIO_EFAULT);
	VT_EQ(buf[0], sizeof(buf) > VMIO_READ_BOUNCE ? 0 : 'y'); /* untouched, or zero */
	VT_EQ(len, 12);
	VT_EQ(VMIO_ENAMETOOLONG, -36);
}
