/*
 * Scatter/gather readers and writers (vmio/iovec.h) over the user test
 * region: one stream across segments, read and written in chunks of every
 * size, with a segment that runs into a hole (or the read-only page) at
 * every offset, empty segments, a faulting other side, the segment checks
 * of init, and copying the array in from user memory.
 */
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define MAXSEG 6
#define KBUF 160

/* The end of the lone read-write page: a hole follows. */
static uint8_t *rw2_end(void)
{
	return ureg_page(UREG_RW2 + 1);
}

/* Address of byte j of the stream the segments make. */
static uint8_t *stream_at(const struct vmio_iovec *iov, size_t n, size_t j)
{
	for (size_t i = 0; i < n; j -= iov[i].len, i++)
		if (j < iov[i].len)
			return (uint8_t *)iov[i].base + j;
	return NULL;
}

static size_t stream_len(const struct vmio_iovec *iov, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += iov[i].len;
	return total;
}

/* Bytes of the stream before the first one a read (write) cannot reach. */
static size_t stream_run(const struct vmio_iovec *iov, size_t n, int write)
{
	size_t total = stream_len(iov, n), j = 0;

	while (j < total && (write ? ureg_writable : ureg_readable)(stream_at(iov, n, j)))
		j++;
	return j;
}

static uint8_t user_byte(const uint8_t *p)
{
	uint8_t b = 0;

	ureg_read_back(&b, p, 1);
	return b;
}

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Segments: a short one, an empty one, one of length len that ends k bytes
 * into the hole after the lone page (or, with ro, the read-only page's
 * last bytes and the hole after it), another empty one and a last one.
 */
static size_t layout(struct vmio_iovec *iov, size_t k, size_t len, int ro)
{
	uint8_t *edge = ro ? ureg_page(UREG_RO + 1) : rw2_end();

	iov[0] = (struct vmio_iovec){ ureg_page(UREG_RW2) + 8, 5 };
	iov[1] = (struct vmio_iovec){ ureg_page(UREG_RW2) + 100, 0 };
	iov[2] = (struct vmio_iovec){ edge + k - len, len };
	iov[3] = (struct vmio_iovec){ rw2_end(), 0 };
	iov[4] = (struct vmio_iovec){ ureg_page(UREG_RW2) + 200, 11 };
	return 5;
}

/*
 * Read the whole stream in chunks of c bytes into a kernel buffer (the
 * other side limited to avail in all), checking each call's count, error
 * and what is left, the bytes, and that a call after a fault copies nothing.
 */
static void check_read_chunks(const struct vmio_iovec *iov, size_t n, size_t c, size_t avail)
{
	static uint8_t kbuf[KBUF];
	struct vm_freader_iov it;
	size_t total = stream_len(iov, n), run = stream_run(iov, n, 0), pos = 0, got;
	int err = 0;

	VT_EQ(vm_freader_iov_init(&it, iov, n), 0);
	VT_EQ(vm_freader_iov_remain(&it), total);
	memset(kbuf, 0xee, sizeof(kbuf));
	while (!err && pos < min_sz(total, avail)) {
		size_t want_len = min_sz(c, min_sz(avail, total) - pos);
		size_t want = min_sz(want_len, run - min_sz(run, pos));
		struct vm_writer w = vm_writer_from_bytes(kbuf + pos, want_len);

		got = 99;
		err = vm_freader_iov_read(&it, &w, &got);
		VT_EQ(got, want);
		VT_EQ(err, want == want_len ? 0 : VMIO_EFAULT);
		VT_EQ(vm_writer_avail(&w), want_len - want);
		pos += want;
		VT_EQ(vm_freader_iov_remain(&it), total - pos);
		if (vt_case_failures())
			return;
	}
	if (err) { /* standing at the fault: nothing more */
		struct vm_writer w = vm_writer_from_bytes(kbuf + pos, 1);

		VT_EQ(vm_freader_iov_read(&it, &w, &got), VMIO_EFAULT);
		VT_EQ(got, 0);
		VT_EQ(vm_freader_iov_remain(&it), total - pos);
	}
	for (size_t j = 0; j < sizeof(kbuf); j++)
		VT_EQ(kbuf[j], j < pos ? user_byte(stream_at(iov, n, j)) : 0xee);
}

VT_CASE(iov_read_every_fault_offset_and_chunk)
{
	ureg_setup();
	struct vmio_iovec iov[MAXSEG];
	static const size_t chunks[] = { 1, 3, 7, 16, 1000 };

	for (int ro = 0; ro < 2; ro++)
		for (size_t k = 0; k <= 13; k++)
			for (unsigned ci = 0; ci < 5; ci++) {
				size_t n = layout(iov, k, 12, ro), total = stream_len(iov, n);
				size_t avails[] = { 0, 1, 4, 5, 6, 17, total - 1, total, total + 5 };

				for (unsigned a = 0; a < 9; a++)
					check_read_chunks(iov, n, chunks[ci], avails[a]);
				if (vt_case_failures())
					return;
			}
}

/* The mirror: write a kernel pattern into the segments in chunks. */
static void check_write_chunks(const struct vmio_iovec *iov, size_t n, size_t c, size_t avail)
{
	static uint8_t kbuf[KBUF];
	struct vm_fwriter_iov it;
	size_t total = stream_len(iov, n), run = stream_run(iov, n, 1), pos = 0, got;
	int err = 0;

	for (size_t j = 0; j < sizeof(kbuf); j++)
		kbuf[j] = (uint8_t)(j * 5 + 0x81);
	VT_EQ(vm_fwriter_iov_init(&it, iov, n), 0);
	VT_EQ(vm_fwriter_iov_avail(&it), total);
	while (!err && pos < min_sz(total, avail)) {
		size_t want_len = min_sz(c, min_sz(avail, total) - pos);
		size_t want = min_sz(want_len, run - min_sz(run, pos));
		struct vm_reader r = vm_reader_from_bytes(kbuf + pos, want_len);

		got = 99;
		err = vm_fwriter_iov_write(&it, &r, &got);
		VT_EQ(got, want);
		VT_EQ(err, want == want_len ? 0 : VMIO_EFAULT);
		VT_EQ(vm_reader_remain(&r), want_len - want);
		pos += want;
		VT_EQ(vm_fwriter_iov_avail(&it), total - pos);
		if (vt_case_failures())
			return;
	}
	for (size_t j = 0; j < total; j++) {
		uint8_t *a = stream_at(iov, n, j);

		if (ureg_readable(a))
			VT_EQ(user_byte(a), j < pos ? kbuf[j] : ureg_expected(a));
	}
	/* Put the pattern back over every segment. */
	for (size_t i = 0; i < n; i++)
		ureg_restore(iov[i].base, iov[i].len);
}

VT_CASE(iov_write_every_fault_offset_and_chunk)
{
	ureg_setup();
	struct vmio_iovec iov[MAXSEG];
	static const size_t chunks[] = { 1, 3, 7, 16, 1000 };

	for (int ro = 0; ro < 2; ro++)
		for (size_t k = 0; k <= 13; k++)
			for (unsigned ci = 0; ci < 5; ci++) {
				size_t n = layout(iov, k, 12, ro), total = stream_len(iov, n);
				size_t avails[] = { 0, 1, 5, 6, 17, total - 1, total, total + 5 };

				for (unsigned a = 0; a < 8; a++)
					check_write_chunks(iov, n, chunks[ci], avails[a]);
				if (vt_case_failures())
					return;
			}
}

/* The other side may fault too: the count stops there, in either direction. */
VT_CASE(iov_fallible_other_side)
{
	ureg_setup();
	struct vmio_iovec iov[2] = { { ureg_page(UREG_RW2) + 16, 6 },
				     { ureg_page(UREG_RW2) + 64, 10 } };
	struct vm_freader_iov ri;
	struct vm_fwriter_iov wi;
	struct vm_fwriter w;
	struct vm_freader r;
	size_t n = 99;

	/* Into a user writer that meets the hole after 9 bytes. */
	VT_EQ(vm_freader_iov_init(&ri, iov, 2), 0);
	VT_EQ(vm_fwriter_from_user_space(&w, rw2_end() - 9, 20), 0);
	VT_EQ(vm_freader_iov_read(&ri, &w, &n), VMIO_EFAULT);
	VT_EQ(n, 9);
	VT_EQ(vm_freader_iov_remain(&ri), 7);
	VT_EQ(vm_fwriter_avail(&w), 11);
	for (size_t j = 0; j < 9; j++)
		VT_EQ(user_byte(rw2_end() - 9 + j), user_byte(stream_at(iov, 2, j)));
	/* The rest goes on from byte 9 of the stream. */
	VT_EQ(vm_fwriter_from_user_space(&w, ureg_page(UREG_RW2) + 300, 20), 0);
	VT_EQ(vm_freader_iov_read_to_f(&ri, &w, &n), 0);
	VT_EQ(n, 7);
	VT_EQ(user_byte(ureg_page(UREG_RW2) + 300), user_byte(stream_at(iov, 2, 9)));
	ureg_restore(rw2_end() - 9, 9);
	ureg_restore(ureg_page(UREG_RW2) + 300, 7);

	/* From a user reader that meets the hole after 4 bytes. */
	VT_EQ(vm_fwriter_iov_init(&wi, iov, 2), 0);
	VT_EQ(vm_freader_from_user_space(&r, rw2_end() - 4, 20), 0);
	VT_EQ(vm_fwriter_iov_write(&wi, &r, &n), VMIO_EFAULT);
	VT_EQ(n, 4);
	VT_EQ(vm_fwriter_iov_avail(&wi), 12);
	VT_EQ(vm_freader_remain(&r), 16);
	for (size_t j = 0; j < 4; j++)
		VT_EQ(user_byte(stream_at(iov, 2, j)), ureg_expected(rw2_end() - 4 + j));
	VT_EQ(user_byte(stream_at(iov, 2, 4)), ureg_expected(stream_at(iov, 2, 4)));
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW2) + 500, 30), 0);
	VT_EQ(vm_fwriter_iov_write_from_f(&wi, &r, &n), 0);
	VT_EQ(n, 12);
	VT_EQ(vm_freader_remain(&r), 18);
	VT_EQ(user_byte(stream_at(iov, 2, 15)), ureg_expected(ureg_page(UREG_RW2) + 511));
	ureg_restore(iov[0].base, 6);
	ureg_restore(iov[1].base, 10);
}

VT_CASE(iov_empty_arrays_and_segments)
{
	ureg_setup();
	struct vmio_iovec iov[3] = { { ureg_page(UREG_RW2), 0 }, { rw2_end(), 0 },
				     { ureg_page(UREG_RW), 0 } };
	struct vm_freader_iov it;
	struct vm_fwriter_iov wt;
	uint8_t buf[4] = { 1, 2, 3, 4 };
	struct vm_writer w = vm_writer_from_bytes(buf, sizeof(buf));
	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	size_t n = 99;

	VT_EQ(vm_freader_iov_init(&it, iov, 0), 0);
	VT_EQ(vm_freader_iov_remain(&it), 0);
	VT_EQ(vm_freader_iov_read(&it, &w, &n), 0);
	VT_EQ(n, 0);
	VT_EQ(vm_freader_iov_init(&it, iov, 3), 0);
	VT_EQ(vm_freader_iov_read(&it, &w, &n), 0);
	VT_EQ(n, 0);
	VT_EQ(vm_writer_avail(&w), 4);
	VT_EQ(vm_fwriter_iov_init(&wt, iov, 3), 0);
	VT_EQ(vm_fwriter_iov_write(&wt, &r, &n), 0);
	VT_EQ(n, 0);
	VT_EQ(vm_reader_remain(&r), 4);
}

/* init refuses any segment outside the user range and changes nothing. */
VT_CASE(iov_init_refuses_non_user_segments)
{
	ureg_setup();
	uint8_t *ok = ureg_page(UREG_RW2);
	const struct vmio_iovec bad[] = {
		{ (void *)VMIO_USER_END, 1 },
		{ (void *)(VMIO_USER_END - 4), 8 },
		{ NULL, 1 },
		{ (void *)(VMIO_USER_START - 1), 1 },
		{ ok, VMIO_SSIZE_MAX }, /* not negative, but past the end */
		{ (void *)(uintptr_t)-16, 8 },
		/* Empty segments are checked too, as Linux checks them. */
		{ (void *)(uintptr_t)-1, 0 },
		{ (void *)(VMIO_USER_START - 1), 0 },
		{ (void *)(VMIO_USER_END + 1), 0 },
		{ (void *)1, 0 },
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		for (unsigned at = 0; at < 3; at++) {
			struct vmio_iovec iov[3] = { { ok, 4 }, { ok + 8, 4 }, { ok + 16, 4 } };
			struct vm_freader_iov it, it0;
			struct vm_fwriter_iov wt, wt0;

			iov[at] = bad[i];
			memset(&it, 0x5a, sizeof(it));
			memset(&wt, 0x5a, sizeof(wt));
			it0 = it;
			wt0 = wt;
			VT_EQ(vm_freader_iov_init(&it, iov, 3), VMIO_EFAULT);
			VT_EQ(vm_fwriter_iov_init(&wt, iov, 3), VMIO_EFAULT);
			VT_CHECK(memcmp(&it, &it0, sizeof(it)) == 0);
			VT_CHECK(memcmp(&wt, &wt0, sizeof(wt)) == 0);
		}
	/* Empty segments in the user range, its end included, or NULL: accepted
	 * (never accessed); the others still count. */
	struct vmio_iovec empty[4] = { { NULL, 0 }, { (void *)VMIO_USER_END, 0 },
				       { (void *)VMIO_USER_START, 0 }, { ok, 4 } };
	struct vm_freader_iov it;
	struct vm_fwriter_iov wt;
	VT_EQ(vm_freader_iov_init(&it, empty, 4), 0);
	VT_EQ(vm_freader_iov_remain(&it), 4);
	VT_EQ(vm_fwriter_iov_init(&wt, empty, 4), 0);
	VT_EQ(vm_fwriter_iov_avail(&wt), 4);
}

/*
 * Linux's limits, each at its boundary: VMIO_UIO_MAXIOV segments (one more
 * is VMIO_EINVAL), a length of VMIO_SSIZE_MAX (one more is negative as an
 * ssize_t: VMIO_EINVAL, before any segment's range is looked at), and the
 * total capped at VMIO_MAX_RW_COUNT by shortening the segment that crosses it.
 */
static struct vmio_iovec many[VMIO_UIO_MAXIOV + 1];

VT_CASE(iov_init_segment_count_limit)
{
	ureg_setup();
	uint8_t *ok = ureg_page(UREG_RW2);
	struct vm_freader_iov it, it0;
	struct vm_fwriter_iov wt;

	for (size_t i = 0; i < VMIO_UIO_MAXIOV + 1; i++)
		many[i] = (struct vmio_iovec){ ok + i % 4, 1 };
	VT_EQ(vm_freader_iov_init(&it, many, VMIO_UIO_MAXIOV), 0);
	VT_EQ(vm_freader_iov_remain(&it), VMIO_UIO_MAXIOV);
	VT_EQ(vm_fwriter_iov_init(&wt, many, VMIO_UIO_MAXIOV), 0);
	it0 = it;
	VT_EQ(vm_freader_iov_init(&it, many, VMIO_UIO_MAXIOV + 1), VMIO_EINVAL);
	VT_EQ(vm_fwriter_iov_init(&wt, many, VMIO_UIO_MAXIOV + 1), VMIO_EINVAL);
	VT_CHECK(memcmp(&it, &it0, sizeof(it)) == 0);
	/* Too many is EINVAL even when a segment is also out of range. */
	many[0].base = (void *)(uintptr_t)-16;
	VT_EQ(vm_freader_iov_init(&it, many, VMIO_UIO_MAXIOV + 1), VMIO_EINVAL);
	VT_EQ(vm_freader_iov_init(&it, many, VMIO_UIO_MAXIOV), VMIO_EFAULT);
}

VT_CASE(iov_init_negative_length_is_einval)
{
	ureg_setup();
	uint8_t *ok = ureg_page(UREG_RW2);
	struct vm_freader_iov it, it0;
	struct vm_fwriter_iov wt, wt0;

	for (unsigned at = 0; at < 3; at++)
		for (unsigned k = 0; k < 3; k++) {
			const size_t lens[] = { VMIO_SSIZE_MAX + 1, SIZE_MAX, (size_t)1 << 63 | 4 };
			/* The other segments: one in range, one outside: EINVAL still wins. */
			struct vmio_iovec iov[3] = { { ok, 4 }, { (void *)(uintptr_t)-16, 8 }, { ok + 8, 4 } };

			iov[at].len = lens[k];
			memset(&it, 0x5a, sizeof(it));
			memset(&wt, 0x5a, sizeof(wt));
			it0 = it;
			wt0 = wt;
			VT_EQ(vm_freader_iov_init(&it, iov, 3), VMIO_EINVAL);
			VT_EQ(vm_fwriter_iov_init(&wt, iov, 3), VMIO_EINVAL);
			VT_CHECK(memcmp(&it, &it0, sizeof(it)) == 0);
			VT_CHECK(memcmp(&wt, &wt0, sizeof(wt)) == 0);
		}
	/* VMIO_SSIZE_MAX itself is not negative: then the range decides. */
	struct vmio_iovec big[1] = { { ok, VMIO_SSIZE_MAX } };
	VT_EQ(vm_freader_iov_init(&it, big, 1), VMIO_EFAULT);
}

/* A user range of 3 GiB at the start of the default one (never touched). */
VT_CASE(iov_init_total_capped_at_max_rw_count)
{
	const uintptr_t b = VMIO_USER_START;
	const size_t cap = VMIO_MAX_RW_COUNT, g = (size_t)1 << 30;
	struct vm_freader_iov it;
	struct vm_fwriter_iov wt;

	/* Exactly the cap: nothing shortened; one byte more: the last byte cut. */
	struct vmio_iovec at_cap[2] = { { (void *)b, cap - 10 }, { (void *)(b + cap), 10 } };
	VT_EQ(vm_freader_iov_init(&it, at_cap, 2), 0);
	VT_EQ(vm_freader_iov_remain(&it), cap);
	at_cap[1].len = 11;
	VT_EQ(vm_freader_iov_init(&it, at_cap, 2), 0);
	VT_EQ(vm_freader_iov_remain(&it), cap);
	/* One segment above the cap, three of 1 GiB, segments after the cap. */
	struct vmio_iovec over[1] = { { (void *)b, cap + 1 } };
	VT_EQ(vm_fwriter_iov_init(&wt, over, 1), 0);
	VT_EQ(vm_fwriter_iov_avail(&wt), cap);
	struct vmio_iovec three[5] = { { (void *)b, g }, { (void *)b, g }, { (void *)b, g },
				       { (void *)b, 0 }, { (void *)b, 5 } };
	VT_EQ(vm_freader_iov_init(&it, three, 5), 0);
	VT_EQ(vm_freader_iov_remain(&it), cap);
	/* Below the cap: the plain sum. */
	struct vmio_iovec below[2] = { { (void *)b, g }, { (void *)b, g / 2 } };
	VT_EQ(vm_freader_iov_init(&it, below, 2), 0);
	VT_EQ(vm_freader_iov_remain(&it), g + g / 2);
	/* Every segment is still checked, the ones past the cap included. */
	three[4].base = (void *)(uintptr_t)-16;
	VT_EQ(vm_freader_iov_init(&it, three, 5), VMIO_EFAULT);
}


/* Copying the array in: whole, short, overflowing, and faulting at every offset. */
VT_CASE(read_iovec_from_user)
{
	ureg_setup();
	const struct vmio_iovec src[3] = { { (void *)0x1234, 5 }, { (void *)0x8000, 0 },
					   { (void *)0xabc0, 77 } };
	struct vmio_iovec iov[3];
	struct vm_freader r;
	uint8_t *p = ureg_page(UREG_RW2) + 40;

	VT_EQ(__memcpy_fallible(p, src, sizeof(src)), 0);
	VT_EQ(vm_freader_from_user_space(&r, p, sizeof(src) + 3), 0);
	VT_EQ(vm_freader_read_iovec(&r, iov, 3), 0);
	VT_CHECK(memcmp(iov, src, sizeof(src)) == 0);
	VT_EQ(vm_freader_remain(&r), 3);
	/* Short, or more than VMIO_UIO_MAXIOV segments: EINVAL, nothing changed. */
	memset(iov, 0x5a, sizeof(iov));
	VT_EQ(vm_freader_from_user_space(&r, p, sizeof(src) - 1), 0);
	VT_EQ(vm_freader_read_iovec(&r, iov, 3), VMIO_EINVAL);
	VT_EQ(vm_freader_read_iovec(&r, iov, SIZE_MAX / 8 + 2), VMIO_EINVAL);
	VT_EQ(vm_freader_read_iovec(&r, iov, VMIO_UIO_MAXIOV + 1), VMIO_EINVAL);
	VT_EQ(vm_freader_remain(&r), sizeof(src) - 1);
	VT_EQ(iov[2].len, 0x5a5a5a5a5a5a5a5aULL);
	/* Zero segments: nothing read, success. */
	VT_EQ(vm_freader_read_iovec(&r, iov, 0), 0);
	VT_EQ(vm_freader_remain(&r), sizeof(src) - 1);
	ureg_restore(p, sizeof(src));

	/* The array runs into the hole k bytes before its end. */
	for (size_t k = 1; k <= sizeof(src); k++) {
		uint8_t *q = rw2_end() - sizeof(src) + k;
		const struct vmio_iovec zero[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };

		memset(iov, 0x5a, sizeof(iov));
		VT_EQ(vm_freader_from_user_space(&r, q, sizeof(src)), 0);
		VT_EQ(vm_freader_read_iovec(&r, iov, 3), VMIO_EFAULT);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)q);
		VT_CHECK(memcmp(iov, zero, sizeof(iov)) == 0);
	}
}
