/*
 * Readers and writers: the seed's ensures clauses checked at run time, the
 * Asterinas unit cases for them, and the fallible paths against the real
 * faults of the user test region.
 */
#include <string.h>

#include "panic_hook.h"
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

struct pair {
	uint32_t a;
	uint16_t b;
	uint8_t c[2];
};

VT_CASE(reader_writer_u32_and_struct_round_trip)
{
	uint8_t buf[64] = { 0 };
	uint32_t v = 0xdeadbeef, got = 0;
	struct pair p = { 7, 9, { 1, 2 } }, q = { 0 };
	struct vm_writer w = vm_writer_from_bytes(buf, sizeof(buf));

	VT_EQ(vm_writer_write_val(&w, &v, sizeof(v)), 0);
	VT_EQ(vm_writer_write_val(&w, &p, sizeof(p)), 0);
	VT_EQ(vm_writer_avail(&w), sizeof(buf) - 4 - sizeof(p));
	VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)buf + 4 + sizeof(p));

	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	VT_EQ(vm_reader_read_val(&r, &got, sizeof(got)), 0);
	VT_EQ(got, 0xdeadbeef);
	VT_EQ(vm_reader_read_val(&r, &q, sizeof(q)), 0);
	VT_CHECK(memcmp(&p, &q, sizeof(p)) == 0);
	VT_EQ(vm_reader_remain(&r), sizeof(buf) - 4 - sizeof(p));
}

VT_CASE(beyond_the_buffer_is_einval_and_changes_nothing)
{
	uint8_t buf[6] = { 1, 2, 3, 4, 5, 6 };
	uint64_t v = 0x77;
	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	struct vm_writer w = vm_writer_from_bytes(buf, sizeof(buf));
	struct vm_reader r0 = r;
	struct vm_writer w0 = w;

	VT_EQ(vm_reader_read_val(&r, &v, sizeof(v)), VMIO_EINVAL);
	VT_EQ(v, 0x77);
	VT_CHECK(memcmp(&r, &r0, sizeof(r)) == 0);
	VT_EQ(vm_writer_write_val(&w, &v, sizeof(v)), VMIO_EINVAL);
	VT_CHECK(memcmp(&w, &w0, sizeof(w)) == 0);
	VT_EQ(buf[5], 6);
	VT_EQ(vm_reader_read_once(&r, &v), VMIO_EINVAL);
	VT_EQ(vm_writer_write_once(&w, &v), VMIO_EINVAL);
	VT_CHECK(memcmp(&r, &r0, sizeof(r)) == 0);
}

/* read and write return min(remain, avail) and both cursors advance by it. */
VT_CASE(read_moves_min_of_remain_and_avail)
{
	uint8_t src[40], dst[40];

	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i + 1);
	for (size_t rl = 0; rl <= 40; rl += 5)
		for (size_t wl = 0; wl <= 40; wl += 8) {
			struct vm_reader r = vm_reader_from_bytes(src, rl);
			struct vm_writer w = vm_writer_from_bytes(dst, wl);
			size_t want = rl < wl ? rl : wl;

			memset(dst, 0, sizeof(dst));
			VT_EQ(vm_reader_read(&r, &w), want);
			VT_EQ(vm_reader_remain(&r), rl - want);
			VT_EQ(vm_writer_avail(&w), wl - want);
			VT_CHECK(memcmp(src, dst, want) == 0);
			VT_EQ(want < sizeof(dst) ? dst[want] : 0, 0);
			r = vm_reader_from_bytes(src, rl);
			w = vm_writer_from_bytes(dst, wl);
			memset(dst, 0, sizeof(dst));
			VT_EQ(vm_writer_write(&w, &r), want);
			/* write, too: both cursors advance by the count, the ends stay. */
			VT_EQ((uintptr_t)vm_reader_cursor(&r), (uintptr_t)(src + want));
			VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)(dst + want));
			VT_EQ(r.r.end, (uintptr_t)(src + rl));
			VT_EQ(w.r.end, (uintptr_t)(dst + wl));
			VT_CHECK(memcmp(src, dst, want) == 0);
			VT_EQ(want < sizeof(dst) ? dst[want] : 0, 0);
		}
}

VT_CASE(limit_never_grows_skip_advances)
{
	uint8_t buf[32] = { 0 };
	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	struct vm_writer w = vm_writer_from_bytes(buf, sizeof(buf));

	VT_EQ(vm_reader_remain(vm_reader_limit(&r, 100)), 32);
	VT_EQ(vm_reader_remain(vm_reader_limit(&r, 20)), 20);
	VT_EQ(vm_reader_remain(vm_reader_limit(&r, 25)), 20);
	VT_EQ((uintptr_t)vm_reader_cursor(&r), (uintptr_t)buf);
	VT_EQ(vm_reader_remain(vm_reader_skip(&r, 5)), 15);
	VT_EQ((uintptr_t)vm_reader_cursor(&r), (uintptr_t)buf + 5);
	VT_CHECK(vm_reader_has_remain(&r));
	vm_reader_skip(&r, 15);
	VT_CHECK(!vm_reader_has_remain(&r));

	VT_EQ(vm_writer_avail(vm_writer_limit(&w, 10)), 10);
	VT_EQ(vm_writer_avail(vm_writer_limit(&w, 11)), 10);
	VT_EQ(vm_writer_avail(vm_writer_skip(&w, 4)), 6);
	VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)buf + 4);
	VT_CHECK(vm_writer_has_avail(&w));
}

VT_CASE(skip_past_the_end_panics_and_changes_nothing)
{
	uint8_t buf[8] = { 0 };
	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	struct vm_fwriter w = vm_writer_to_fallible(vm_writer_from_bytes(buf, sizeof(buf)));
	unsigned before = panic_count;

	vm_reader_skip(&r, 9);
	VT_EQ(panic_count, before + 1);
	VT_EQ(vm_reader_remain(&r), 8);
	vm_fwriter_skip(&w, 100);
	VT_EQ(panic_count, before + 2);
	VT_EQ(vm_fwriter_avail(&w), 8);
}

VT_CASE(to_fallible_keeps_cursor_and_end)
{
	uint8_t buf[16] = { 0 };
	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	struct vm_writer w = vm_writer_from_bytes(buf, sizeof(buf));

	vm_reader_skip(&r, 3);
	vm_writer_skip(&w, 5);
	struct vm_freader fr = vm_reader_to_fallible(r);
	struct vm_fwriter fw = vm_writer_to_fallible(w);
	VT_EQ((uintptr_t)vm_freader_cursor(&fr), (uintptr_t)vm_reader_cursor(&r));
	VT_EQ(vm_freader_remain(&fr), vm_reader_remain(&r));
	VT_EQ((uintptr_t)vm_fwriter_cursor(&fw), (uintptr_t)vm_writer_cursor(&w));
	VT_EQ(vm_fwriter_avail(&fw), vm_writer_avail(&w));
}

VT_CASE(fill_whole_writer_and_misaligned_fill_panics)
{
	uint32_t words[9] = { 0 };
	uint32_t v = 0xa5a5f00d;
	struct vm_writer w = vm_writer_from_bytes(words, 8 * sizeof(uint32_t));
	unsigned before = panic_count;

	VT_EQ(vm_writer_fill(&w, &v, sizeof(v), _Alignof(uint32_t)), 8);
	VT_EQ(vm_writer_avail(&w), 0);
	for (int i = 0; i < 8; i++)
		VT_EQ(words[i], 0xa5a5f00d);
	VT_EQ(words[8], 0);

	memset(words, 0, sizeof(words));
	w = vm_writer_from_bytes((uint8_t *)words + 1, 8); /* misaligned cursor */
	VT_EQ(vm_writer_fill(&w, &v, sizeof(v), _Alignof(uint32_t)), 0);
	VT_EQ(panic_count, before + 1);
	VT_EQ(vm_writer_avail(&w), 8);
	w = vm_writer_from_bytes(words, 10); /* not a multiple of 4 */
	VT_EQ(vm_writer_fill(&w, &v, sizeof(v), _Alignof(uint32_t)), 0);
	VT_EQ(panic_count, before + 2);
	for (int i = 0; i < 9; i++)
		VT_EQ(words[i], 0);
}

/* The seed asks the cursor to be aligned to align_of T, not to size_of T. */
struct twelve {
	uint32_t a, b, c;
};

VT_CASE(fill_aligns_to_the_type_not_its_size)
{
	uint32_t words[16] = { 0 };
	struct twelve t = { 0x11111111, 0x22222222, 0x33333333 };
	unsigned before = panic_count;
	struct vm_writer w = vm_writer_from_bytes(&words[1], 36); /* 4-aligned, not 12 */

	VT_EQ(vm_writer_fill(&w, &t, sizeof(t), _Alignof(struct twelve)), 3);
	VT_EQ(panic_count, before);
	VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)&words[10]);
	VT_EQ(vm_writer_avail(&w), 0);
	for (int i = 0; i < 16; i++)
		VT_EQ(words[i], i < 1 || i >= 10 ? 0 : 0x11111111u * (unsigned)((i - 1) % 3 + 1));

	/* Refused, each with one panic and nothing written or moved: a cursor
	 * off the alignment, an align that is not a power of two, one that does
	 * not divide the size, align 0, size 0. */
	static const struct { size_t off, size, align; } bad[] = {
		{ 2, 12, 4 }, { 4, 12, 3 }, { 4, 12, 8 }, { 4, 12, 0 }, { 4, 0, 4 },
	};
	memset(words, 0, sizeof(words));
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		w = vm_writer_from_bytes((uint8_t *)words + bad[i].off, 36);
		VT_EQ(vm_writer_fill(&w, &t, bad[i].size, bad[i].align), 0);
		VT_EQ(panic_count, before + 1 + i);
		VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)words + bad[i].off);
		VT_EQ(vm_writer_avail(&w), 36);
	}
	for (int i = 0; i < 16; i++)
		VT_EQ(words[i], 0);
}

VT_CASE(fill_zeros_counts_at_most_len_and_avail)
{
	uint8_t buf[32] = { 0 };

	for (size_t len = 0; len <= 40; len += 4) {
		struct vm_writer w = vm_writer_from_bytes(buf, 24);
		struct vm_fwriter fw = vm_writer_to_fallible(vm_writer_from_bytes(buf, 24));
		size_t want = len < 24 ? len : 24, n = 99;

		memset(buf, 0xee, sizeof(buf));
		VT_EQ(vm_writer_fill_zeros(&w, len), want);
		VT_EQ(vm_writer_avail(&w), 24 - want);
		for (size_t i = 0; i < sizeof(buf); i++)
			VT_EQ(buf[i], i < want ? 0 : 0xee);
		VT_EQ(vm_fwriter_fill_zeros(&fw, len, &n), 0);
		VT_EQ(n, want);
		VT_EQ(vm_fwriter_avail(&fw), 24 - want);
	}
}

VT_CASE(once_round_trips_kernel)
{
	uint64_t cells[4] = { 0 };
	uint8_t b = 0xab, b2 = 0;
	uint16_t h = 0xbeef, h2 = 0;
	uint32_t w32 = 0xfeedf00d, w2 = 0;
	uint64_t d = 0x0123456789abcdefULL, d2 = 0;
	struct vm_writer w = vm_writer_from_bytes(cells, sizeof(cells));
	struct vm_reader r = vm_reader_from_bytes(cells, sizeof(cells));
	unsigned before = panic_count;

	VT_EQ(vm_writer_write_once(&w, &d), 0);
	VT_EQ(vm_writer_write_once(&w, &w32), 0);
	VT_EQ(vm_writer_write_once(&w, &h), 0);
	VT_EQ(vm_writer_write_once(&w, &b), 0);
	VT_EQ(vm_writer_avail(&w), 32 - 15);
	VT_EQ(vm_reader_read_once(&r, &d2), 0);
	VT_EQ(vm_reader_read_once(&r, &w2), 0);
	VT_EQ(vm_reader_read_once(&r, &h2), 0);
	VT_EQ(vm_reader_read_once(&r, &b2), 0);
	VT_EQ(d2, d);
	VT_EQ(w2, w32);
	VT_EQ(h2, h);
	VT_EQ(b2, b);
	/* The cursor is now at offset 15: a 2-byte access is misaligned. */
	VT_EQ(vm_reader_read_once(&r, &h2), VMIO_EINVAL);
	VT_EQ(panic_count, before + 1);
	VT_EQ(vm_reader_remain(&r), 32 - 15);
}

VT_CASE(from_user_space_refuses_bad_ranges)
{
	struct vm_freader r = { { 1, 2 } };
	struct vm_fwriter w = { { 3, 4 } };
	uint8_t kbuf[8];
	uintptr_t user_start, user_end;

	vmio_user_range_get(&user_start, &user_end);
	ureg_setup();
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 16), 0);
	VT_EQ(vm_freader_remain(&r), 16);
	r = (struct vm_freader){ { 1, 2 } };
	/* Wrapping, kernel half, page zero: refused, *out unchanged. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), SIZE_MAX), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, (void *)(UINTPTR_MAX - 15), 16), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, (void *)user_end, 1), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, (void *)(user_end - 4), 8), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, (void *)(user_start - 1), 2), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, NULL, 8), VMIO_EFAULT);
	VT_EQ(vm_fwriter_from_user_space(&w, (void *)(uintptr_t)0xffff800000001000ULL, 8),
	      VMIO_EFAULT);
	VT_EQ(r.r.cursor, 1);
	VT_EQ(r.r.end, 2);
	VT_EQ(w.r.cursor, 3);
	VT_EQ(w.r.end, 4);
	/* A zero-length range is fine anywhere in the user space, and moves nothing. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(0), 0), 0);
	VT_EQ(vm_freader_read_val(&r, kbuf, 0), 0);
}

/* A Pod value that straddles the end of the readable run into the hole. */
VT_CASE(fallible_read_val_rolls_back_on_fault)
{
	ureg_setup();
	uint8_t *edge = ureg_page(UREG_RO + 1);
	struct vm_freader r;
	uint64_t v = 0x77;

	VT_EQ(vm_freader_from_user_space(&r, edge - 5, 16), 0);
	VT_EQ(vm_freader_read_val(&r, &v, sizeof(v)), VMIO_EFAULT);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(edge - 5));
	VT_EQ(vm_freader_remain(&r), 16);
	/* A value that fits is read, and the cursor moves. */
	VT_EQ(vm_freader_from_user_space(&r, edge - 8, 8), 0);
	VT_EQ(vm_freader_read_val(&r, &v, sizeof(v)), 0);
	VT_EQ(vm_freader_remain(&r), 0);
	VT_EQ(v & 0xff, ureg_expected(edge - 8));

	/* And the writer: into the read-only page. */
	struct vm_fwriter w;
	uint8_t *ro = ureg_page(UREG_RO);
	VT_EQ(vm_fwriter_from_user_space(&w, ro - 3, 8), 0);
	VT_EQ(vm_fwriter_write_val(&w, &v, sizeof(v)), VMIO_EFAULT);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)(ro - 3));
	ureg_restore(ro - 3, 3);
}

VT_CASE(partial_fallible_reads_and_writes_count_exactly)
{
	ureg_setup();
	uint8_t kbuf[64];
	uint8_t *edge = ureg_page(UREG_RO + 1);
	size_t n = 0;

	for (size_t before = 0; before <= 40; before += 7) {
		struct vm_freader r;
		struct vm_writer w = vm_writer_from_bytes(kbuf, sizeof(kbuf));

		VT_EQ(vm_freader_from_user_space(&r, edge - before, 48), 0);
		VT_EQ(vm_freader_read_fallible(&r, &w, &n), before == 48 ? 0 : VMIO_EFAULT);
		VT_EQ(n, before);
		VT_EQ(vm_freader_remain(&r), 48 - before);
		VT_EQ(vm_writer_avail(&w), sizeof(kbuf) - before);
		for (size_t i = 0; i < before; i++)
			VT_EQ(kbuf[i], ureg_expected(edge - before + i));

		/* The same through a fallible writer into the read-only page. */
		uint8_t *ro = ureg_page(UREG_RO);
		struct vm_fwriter fw;
		struct vm_reader kr = vm_reader_from_bytes(kbuf, sizeof(kbuf));
		VT_EQ(vm_fwriter_from_user_space(&fw, ro - before, 48), 0);
		VT_EQ(vm_fwriter_write_fallible(&fw, &kr, &n), VMIO_EFAULT);
		VT_EQ(n, before);
		VT_EQ(vm_reader_remain(&kr), sizeof(kbuf) - before);
		VT_EQ(vm_fwriter_avail(&fw), 48 - before);
		ureg_restore(ro - before, before);
	}
	/* Fallible to fallible: user RW pages to the read-only page's edge. */
	struct vm_freader ur;
	struct vm_fwriter uw;
	VT_EQ(vm_freader_from_user_space(&ur, ureg_page(UREG_RW), 64), 0);
	VT_EQ(vm_fwriter_from_user_space(&uw, ureg_page(UREG_RO) - 10, 64), 0);
	VT_EQ(vm_freader_read_fallible(&ur, &uw, &n), VMIO_EFAULT);
	VT_EQ(n, 10);
	VT_EQ(vm_freader_remain(&ur), 54);
	ureg_restore(ureg_page(UREG_RO) - 10, 10);
}

VT_CASE(fallible_once_on_user_memory)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 32;
	struct vm_fwriter w;
	struct vm_freader r;
	uint32_t v = 0x89abcdef, got = 0;
	uint16_t h = 0;
	unsigned before = panic_count;

	VT_EQ(vm_fwriter_from_user_space(&w, p, 8), 0);
	VT_EQ(vm_fwriter_write_once(&w, &v), 0);
	/* A success moves the cursor by the size, and the end stays. */
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)(p + 4));
	VT_EQ(vm_fwriter_avail(&w), 4);
	VT_EQ(vm_freader_from_user_space(&r, p, 8), 0);
	VT_EQ(vm_freader_read_once(&r, &got), 0);
	VT_EQ(got, v);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + 4));
	VT_EQ(vm_freader_remain(&r), 4);
	/* Misaligned user pointer: EINVAL, no panic, nothing moves. */
	VT_EQ(vm_freader_from_user_space(&r, p + 1, 8), 0);
	VT_EQ(vm_freader_read_once(&r, &h), VMIO_EINVAL);
	VT_EQ(vm_freader_remain(&r), 8);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + 1));
	VT_EQ(panic_count, before);
	/* A hole: EFAULT, nothing moves. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW2 + 1), 8), 0);
	VT_EQ(vm_freader_read_once(&r, &got), VMIO_EFAULT);
	VT_EQ(vm_freader_remain(&r), 8);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)ureg_page(UREG_RW2 + 1));
	VT_EQ(vm_fwriter_from_user_space(&w, ureg_page(UREG_RO), 8), 0);
	VT_EQ(vm_fwriter_write_once(&w, &v), VMIO_EFAULT);
	VT_EQ(vm_fwriter_avail(&w), 8);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)ureg_page(UREG_RO));
	/* Too few bytes left: EINVAL, nothing moves. */
	VT_EQ(vm_fwriter_from_user_space(&w, p, 2), 0);
	VT_EQ(vm_fwriter_write_once(&w, &v), VMIO_EINVAL);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
	VT_EQ(vm_fwriter_avail(&w), 2);
	ureg_restore(p, 8);
}

static uint8_t arena[64];
static unsigned allocs, frees;

static void *test_alloc(void *ctx, size_t len)
{
	(void)ctx;
	allocs++;
	return len <= sizeof(arena) ? arena : NULL;
}

static void test_free(void *ctx, void *p, size_t len)
{
	(void)ctx, (void)p, (void)len;
	frees++;
}

VT_CASE(collect_failure_leaves_reader_where_it_was)
{
	ureg_setup();
	uint8_t *edge = ureg_page(UREG_RO + 1);
	const struct vmio_allocator a = { test_alloc, test_free, NULL };
	struct vm_freader r;
	uint8_t buf[64];
	void *out = NULL;
	size_t n = 0;

	VT_EQ(vm_freader_from_user_space(&r, edge - 20, 40), 0);
	VT_EQ(vm_freader_collect(&r, buf, sizeof(buf), &n), VMIO_EFAULT);
	VT_EQ(vm_freader_remain(&r), 40);
	VT_EQ(vm_freader_collect(&r, buf, 39, &n), VMIO_EINVAL);
	VT_EQ(vm_freader_collect_alloc(&r, &a, &out, &n), VMIO_EFAULT);
	VT_EQ(allocs, 1);
	VT_EQ(frees, 1);
	VT_CHECK(out == NULL);
	VT_EQ(vm_freader_remain(&r), 40);

	VT_EQ(vm_freader_from_user_space(&r, edge - 20, 20), 0);
	VT_EQ(vm_freader_collect_alloc(&r, &a, &out, &n), 0);
	VT_CHECK(out == arena);
	VT_EQ(n, 20);
	VT_EQ(arena[19], ureg_expected(edge - 1));
	VT_EQ(vm_freader_remain(&r), 0);
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 100), 0);
	VT_EQ(vm_freader_collect_alloc(&r, &a, &out, &n), VMIO_ENOMEM);
	VT_EQ(vm_freader_remain(&r), 100);
}

VT_CASE(fallible_fill_zeros_stops_at_fault)
{
	ureg_setup();
	uint8_t *ro = ureg_page(UREG_RO);
	struct vm_fwriter w;
	size_t n = 0;

	VT_EQ(vm_fwriter_from_user_space(&w, ro - 12, 64), 0);
	VT_EQ(vm_fwriter_fill_zeros(&w, 40, &n), VMIO_EFAULT);
	VT_EQ(n, 12);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)ro);
	uint8_t back[12];
	VT_EQ(__memcpy_fallible(back, ro - 12, 12), 0);
	for (int i = 0; i < 12; i++)
		VT_EQ(back[i], 0);
	ureg_restore(ro - 12, 12);
}

/* ---- each remaining method against its ensures clauses ---- */

/* from_kernel_space: cursor at ptr, end at ptr + len; a wrapping range
 * panics once and gives an empty one at ptr. */
VT_CASE(from_kernel_space_cursor_and_end_and_wrap_panic)
{
	uint8_t buf[24] = { 0 };
	unsigned before = panic_count;
	struct vm_reader r = vm_reader_from_kernel_space(buf + 3, 17);
	struct vm_writer w = vm_writer_from_kernel_space(buf + 5, 11);

	VT_EQ((uintptr_t)vm_reader_cursor(&r), (uintptr_t)(buf + 3));
	VT_EQ(r.r.end, (uintptr_t)(buf + 20));
	VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)(buf + 5));
	VT_EQ(w.r.end, (uintptr_t)(buf + 16));
	VT_EQ(panic_count, before);

	r = vm_reader_from_kernel_space((const void *)(UINTPTR_MAX - 3), 16);
	VT_EQ(panic_count, before + 1);
	VT_EQ(r.r.cursor, UINTPTR_MAX - 3);
	VT_EQ(r.r.end, UINTPTR_MAX - 3);
	VT_CHECK(!vm_reader_has_remain(&r));
	w = vm_writer_from_kernel_space((void *)(UINTPTR_MAX - 3), 16);
	VT_EQ(panic_count, before + 2);
	VT_EQ(w.r.cursor, UINTPTR_MAX - 3);
	VT_EQ(w.r.end, UINTPTR_MAX - 3);
	VT_CHECK(!vm_writer_has_avail(&w));
	/* The last byte of the address space does not wrap: no panic. */
	r = vm_reader_from_kernel_space((const void *)(UINTPTR_MAX - 3), 3);
	VT_EQ(panic_count, before + 2);
	VT_EQ(vm_reader_remain(&r), 3);
}

/*
 * The ensures of every read_fallible / write_fallible pair: the ends stay,
 * both cursors advance by the count, the count is at most remain and avail
 * (exactly min(remain, avail) on success), and VMIO_EFAULT when it is less.
 */
static void check_pair(int err, size_t n, struct vm_range r0, struct vm_range r1,
		       struct vm_range w0, struct vm_range w1, size_t faultless)
{
	size_t remain = r0.end - r0.cursor, avail = w0.end - w0.cursor;
	size_t len = remain < avail ? remain : avail;
	size_t want = faultless < len ? faultless : len;

	VT_EQ(n, want);
	VT_EQ(err, want == len ? 0 : VMIO_EFAULT);
	VT_EQ(r1.cursor, r0.cursor + n);
	VT_EQ(w1.cursor, w0.cursor + n);
	VT_EQ(r1.end, r0.end);
	VT_EQ(w1.end, w0.end);
}

/* Infallible reader to fallible writer (vm_reader_read_fallible). */
VT_CASE(reader_read_fallible_kernel_to_user)
{
	ureg_setup();
	uint8_t kbuf[48], back[48];
	uint8_t *ro = ureg_page(UREG_RO), *rw = ureg_page(UREG_RW2);

	for (unsigned i = 0; i < sizeof(kbuf); i++)
		kbuf[i] = (uint8_t)(0x80 + i);
	for (size_t k = 0; k <= 40; k += 8) {
		struct vm_reader r = vm_reader_from_bytes(kbuf, 40), r0;
		struct vm_fwriter w, w0;
		size_t n = 99;
		int err;

		/* Into writable memory, avail above and below remain. */
		VT_EQ(vm_fwriter_from_user_space(&w, rw, k + 4), 0);
		r0 = r, w0 = w;
		err = vm_reader_read_fallible(&r, &w, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, SIZE_MAX);
		ureg_read_back(back, rw, n); /* no plain kernel access to user pages */
		VT_CHECK(memcmp(back, kbuf, n) == 0);
		ureg_restore(rw, 48);
		/* Into the read-only page after k writable bytes. */
		r = vm_reader_from_bytes(kbuf, 40);
		VT_EQ(vm_fwriter_from_user_space(&w, ro - k, 48), 0);
		r0 = r, w0 = w;
		err = vm_reader_read_fallible(&r, &w, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, k);
		ureg_restore(ro - k, k);
	}
}

/* Fallible reader to infallible writer (vm_writer_write_fallible). */
VT_CASE(writer_write_fallible_user_to_kernel)
{
	ureg_setup();
	uint8_t kbuf[48];
	uint8_t *edge = ureg_page(UREG_RO + 1), *rw = ureg_page(UREG_RW2);

	for (size_t k = 0; k <= 40; k += 8) {
		struct vm_writer w = vm_writer_from_bytes(kbuf, 40), w0;
		struct vm_freader r, r0;
		size_t n = 99;
		int err;

		VT_EQ(vm_freader_from_user_space(&r, rw + 8, k + 4), 0);
		r0 = r, w0 = w;
		err = vm_writer_write_fallible(&w, &r, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, SIZE_MAX);
		for (size_t i = 0; i < n; i++)
			VT_EQ(kbuf[i], ureg_expected(rw + 8 + i));
		/* k readable bytes, then a hole. */
		w = vm_writer_from_bytes(kbuf, 40);
		VT_EQ(vm_freader_from_user_space(&r, edge - k, 48), 0);
		r0 = r, w0 = w;
		err = vm_writer_write_fallible(&w, &r, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, k);
		for (size_t i = 0; i < n; i++)
			VT_EQ(kbuf[i], ureg_expected(edge - k + i));
	}
}

/* Fallible to fallible, from the writer's side (vm_fwriter_write_fallible). */
VT_CASE(fwriter_write_fallible_from_fallible)
{
	ureg_setup();
	uint8_t *ro = ureg_page(UREG_RO), *src = ureg_page(UREG_RW) + 100;
	uint8_t *rw = ureg_page(UREG_RW2), *edge = ureg_page(UREG_RO + 1);
	uint8_t back[48];

	for (size_t k = 0; k <= 40; k += 8) {
		struct vm_freader r, r0;
		struct vm_fwriter w, w0;
		size_t n = 99;
		int err;

		VT_EQ(vm_freader_from_user_space(&r, src, 40), 0);
		VT_EQ(vm_fwriter_from_user_space(&w, rw, k + 4), 0);
		r0 = r, w0 = w;
		err = vm_fwriter_write_fallible(&w, &r, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, SIZE_MAX);
		ureg_read_back(back, rw, n);
		for (size_t i = 0; i < n; i++)
			VT_EQ(back[i], ureg_expected(src + i));
		ureg_restore(rw, 48);
		/* The writer runs into the read-only page. */
		VT_EQ(vm_freader_from_user_space(&r, src, 40), 0);
		VT_EQ(vm_fwriter_from_user_space(&w, ro - k, 48), 0);
		r0 = r, w0 = w;
		err = vm_fwriter_write_fallible(&w, &r, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, k);
		ureg_restore(ro - k, k);
		/* The reader runs into a hole. */
		VT_EQ(vm_freader_from_user_space(&r, edge - k, 40), 0);
		VT_EQ(vm_fwriter_from_user_space(&w, rw, 48), 0);
		r0 = r, w0 = w;
		err = vm_fwriter_write_fallible(&w, &r, &n);
		check_pair(err, n, r0.r, r.r, w0.r, w.r, k);
		ureg_restore(rw, 48);
	}
}

/* limit, skip, has_remain and has_avail of the fallible kinds. */
VT_CASE(fallible_limit_skip_and_has)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2);
	struct vm_freader r;
	struct vm_fwriter w;
	unsigned before = panic_count;

	VT_EQ(vm_freader_from_user_space(&r, p, 32), 0);
	VT_EQ(vm_fwriter_from_user_space(&w, p, 32), 0);
	/* limit: remain <= max, never grows, the cursor stays, returns self. */
	VT_CHECK(vm_fwriter_limit(&w, 100) == &w);
	VT_EQ(vm_fwriter_avail(&w), 32);
	VT_CHECK(vm_fwriter_limit(&w, 12) == &w);
	VT_EQ(vm_fwriter_avail(&w), 12);
	VT_EQ(vm_fwriter_avail(vm_fwriter_limit(&w, 13)), 12);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
	VT_EQ(vm_fwriter_avail(vm_fwriter_limit(&w, 0)), 0);
	VT_CHECK(!vm_fwriter_has_avail(&w));
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
	VT_EQ(vm_freader_remain(vm_freader_limit(&r, 20)), 20);
	/* skip: the cursor advances by n, the end stays, returns self. */
	VT_CHECK(vm_freader_skip(&r, 7) == &r);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + 7));
	VT_EQ(vm_freader_remain(&r), 13);
	VT_CHECK(vm_freader_has_remain(&r));
	vm_freader_skip(&r, 0);
	VT_EQ(vm_freader_remain(&r), 13);
	/* Past the end: one panic, nothing moves. */
	vm_freader_skip(&r, 14);
	VT_EQ(panic_count, before + 1);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + 7));
	VT_EQ(vm_freader_remain(&r), 13);
	vm_freader_skip(&r, 12);
	VT_CHECK(vm_freader_has_remain(&r)); /* one byte left */
	vm_freader_skip(&r, 1);
	VT_EQ(panic_count, before + 1);
	VT_CHECK(!vm_freader_has_remain(&r));
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(p + 20));
	/* skip and limit touch no memory: fine over a hole. */
	VT_EQ(vm_fwriter_from_user_space(&w, ureg_page(UREG_RW2 + 1), 8), 0);
	VT_CHECK(vm_fwriter_has_avail(&w));
	vm_fwriter_skip(&w, 7);
	VT_CHECK(vm_fwriter_has_avail(&w));
	vm_fwriter_skip(&w, 1);
	VT_CHECK(!vm_fwriter_has_avail(&w));
}

/* A segment's reader and writer cover it whole, from its first byte. */
VT_CASE(segment_reader_and_writer_cover_it)
{
	static uint8_t frames[3 * 64];
	struct vmio_segment seg;

	vmio_segment_init(&seg, frames, 3, 64);
	struct vm_reader r = vmio_segment_reader(&seg);
	struct vm_writer w = vmio_segment_writer(&seg);
	VT_EQ(vmio_segment_size(&seg), 192);
	VT_EQ((uintptr_t)vm_reader_cursor(&r), (uintptr_t)frames);
	VT_EQ(vm_reader_remain(&r), 192);
	VT_EQ((uintptr_t)vm_writer_cursor(&w), (uintptr_t)frames);
	VT_EQ(vm_writer_avail(&w), 192);
	VT_EQ(vm_writer_fill_zeros(&w, 1000), 192);
	VT_EQ(vm_reader_read(&r, &w), 0);
}
