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

/* read returns min(remain, avail) and both cursors advance by it. */
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
			VT_EQ(vm_writer_write(&w, &r), want);
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

	ureg_setup();
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 16), 0);
	VT_EQ(vm_freader_remain(&r), 16);
	r = (struct vm_freader){ { 1, 2 } };
	/* Wrapping, kernel half, page zero: refused, *out unchanged. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), SIZE_MAX), VMIO_EINVAL);
	VT_EQ(vm_freader_from_user_space(&r, (void *)(UINTPTR_MAX - 15), 16), VMIO_EINVAL);
	VT_EQ(vm_freader_from_user_space(&r, (void *)VMIO_USER_END, 1), VMIO_EINVAL);
	VT_EQ(vm_freader_from_user_space(&r, (void *)(VMIO_USER_END - 4), 8), VMIO_EINVAL);
	VT_EQ(vm_freader_from_user_space(&r, NULL, 8), VMIO_EINVAL);
	VT_EQ(vm_fwriter_from_user_space(&w, (void *)(uintptr_t)0xffff800000001000ULL, 8),
	      VMIO_EINVAL);
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
	VT_EQ(vm_freader_from_user_space(&r, p, 8), 0);
	VT_EQ(vm_freader_read_once(&r, &got), 0);
	VT_EQ(got, v);
	/* Misaligned user pointer: EINVAL, no panic, nothing moves. */
	VT_EQ(vm_freader_from_user_space(&r, p + 1, 8), 0);
	VT_EQ(vm_freader_read_once(&r, &h), VMIO_EINVAL);
	VT_EQ(vm_freader_remain(&r), 8);
	VT_EQ(panic_count, before);
	/* A hole: EFAULT, nothing moves. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW2 + 1), 8), 0);
	VT_EQ(vm_freader_read_once(&r, &got), VMIO_EFAULT);
	VT_EQ(vm_freader_remain(&r), 8);
	VT_EQ(vm_fwriter_from_user_space(&w, ureg_page(UREG_RO), 8), 0);
	VT_EQ(vm_fwriter_write_once(&w, &v), VMIO_EFAULT);
	VT_EQ(vm_fwriter_avail(&w), 8);
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
