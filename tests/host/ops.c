/*
 * The interpreter of ops.h.  The model keeps a shadow copy of a window of
 * the user test region (the last read-write pages, the read-only page, the
 * holes and the lone read-write page), of two kernel buffers and of a
 * segment, and its own cursor and end for each of the four readers and
 * writers under test; after every operation both are compared with the
 * implementation.  The reference for every transfer is simple: it stops at
 * the first byte that ureg.h says is inaccessible (kernel bytes always are).
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "panic_hook.h"
#include "ureg.h"
#include "vmio/vmio.h"

#define KBUF 512
#define SEG_FRAMES 2

static uint8_t *win; /* start of the modelled window */
static size_t win_len;
static uint8_t shadow[6 * 16384];
static uint8_t kbuf[2][KBUF], kshadow[2][KBUF];
static struct vmio_segment seg;
static uint8_t segshadow[SEG_FRAMES * 4096];

/* The readers and writers under test, and the model's [cursor, end) of each. */
static struct vm_freader ur;
static struct vm_fwriter uw;
static struct vm_reader kr;
static struct vm_writer kw;
struct mrange {
	uintptr_t cur, end;
};
static struct mrange m_ur, m_uw, m_kr, m_kw;
static unsigned m_panics, panic_base; /* panics the model expects; the hook's count at start */

static unsigned long *bad;

static void mismatch(const char *what, unsigned long long got, unsigned long long want)
{
	if ((*bad)++ < 10)
		printf("  mismatch: %s: got %llu, want %llu\n", what, got, want);
}

#define CHECK_EQ(what, got, want)                           \
	do {                                                \
		unsigned long long g_ = (got), w_ = (want); \
		if (g_ != w_)                               \
			mismatch(what, g_, w_);             \
	} while (0)

/* The byte stream. */
static const uint8_t *in, *in_end;

static uint64_t take(unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v = v << 8 | (in < in_end ? *in++ : 0);
	return v;
}

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

static size_t left(const struct mrange *m)
{
	return m->end - m->cur;
}

static int in_kernel(uintptr_t a, unsigned *buf)
{
	for (unsigned i = 0; i < 2; i++)
		if (a >= (uintptr_t)kbuf[i] && a <= (uintptr_t)kbuf[i] + KBUF) {
			*buf = i;
			return 1;
		}
	return 0;
}

/* The model's copy of the byte at address a (user window or kernel buffer). */
static uint8_t *sh(uintptr_t a)
{
	unsigned b;

	if (in_kernel(a, &b))
		return &kshadow[b][a - (uintptr_t)kbuf[b]];
	return &shadow[a - (uintptr_t)win];
}

/* Bytes from a on that a read (write) reaches before the first fault, at most len. */
static size_t run(uintptr_t a, size_t len, int write)
{
	unsigned b;

	if (in_kernel(a, &b))
		return len;
	return write ? ureg_write_run((uint8_t *)a, len) : ureg_read_run((uint8_t *)a, len);
}

/* Every cursor, end and the panic count against the model. */
static void check_cursors(void)
{
	CHECK_EQ("user reader cursor", ur.r.cursor, m_ur.cur);
	CHECK_EQ("user reader end", ur.r.end, m_ur.end);
	CHECK_EQ("user writer cursor", uw.r.cursor, m_uw.cur);
	CHECK_EQ("user writer end", uw.r.end, m_uw.end);
	CHECK_EQ("kernel reader cursor", kr.r.cursor, m_kr.cur);
	CHECK_EQ("kernel reader end", kr.r.end, m_kr.end);
	CHECK_EQ("kernel writer cursor", kw.r.cursor, m_kw.cur);
	CHECK_EQ("kernel writer end", kw.r.end, m_kw.end);
	CHECK_EQ("panics", panic_count - panic_base, m_panics);
}

/* A user address in the window, and a length to go with it. */
static uint8_t *user_addr(void)
{
	return win + take(2) % win_len;
}

static size_t some_len(void)
{
	uint64_t r = take(1);

	return r < 200 ? r % 40 : r < 250 ? take(2) % (3 * ureg_ps) : take(1) % 9;
}

/* The model's user range, and the one in force before ops_run. */
static struct mrange m_user, user_default;

/* Is [p, p+len) a user range by the model's rule? */
static int model_user_ok(uintptr_t p, size_t len)
{
	return m_user.cur <= p && p <= m_user.end && len <= m_user.end - p;
}

/* A new user range, from anywhere in the window up to its end (or beyond). */
static void op_set_user_range(void)
{
	uintptr_t a = (uintptr_t)win + take(2) % (win_len + 1);
	uintptr_t b = (uintptr_t)win + take(2) % (win_len + 1);
	uintptr_t s, e;

	switch (take(1) % 8) {
	case 0: b = user_default.end; break;
	case 1: a = user_default.cur, b = user_default.end; break;
	}
	int err = vmio_user_range_set(a, b);
	CHECK_EQ("user range set", err, a < b ? 0 : VMIO_EINVAL);
	if (!err)
		m_user = (struct mrange){ a, b };
	vmio_user_range_get(&s, &e);
	CHECK_EQ("user range start", s, m_user.cur);
	CHECK_EQ("user range end", e, m_user.end);
}

static void op_new_user_range(int writer)
{
	uint8_t *p = user_addr();
	size_t len = some_len();
	struct mrange *m = writer ? &m_uw : &m_ur;

	if (take(1) % 16 == 0) { /* a range that must be refused, changing nothing */
		uintptr_t badp = take(1) % 2 ? m_user.end - 4 : (uintptr_t)p;
		size_t badlen = badp == (uintptr_t)p ? SIZE_MAX - 2 : 8;
		int err = writer ? vm_fwriter_from_user_space(&uw, (void *)badp, badlen)
				 : vm_freader_from_user_space(&ur, (void *)badp, badlen);
		CHECK_EQ("refused range", err, VMIO_EFAULT);
		return;
	}
	if (take(1) % 4 == 0) { /* at a boundary of the user range */
		const uintptr_t at[] = { m_user.cur - 1, m_user.cur, m_user.end - 1,
					 m_user.end, m_user.end + 1 };

		p = (uint8_t *)at[take(1) % 5];
		len = take(1) % 3;
		if (p < win || p > win + win_len)
			return; /* outside the modelled window */
	}
	/* Ranges end within the region: past it the memory is not ours. */
	if (len > (size_t)(win + win_len - p))
		len = (size_t)(win + win_len - p);
	int err = writer ? vm_fwriter_from_user_space(&uw, p, len)
			 : vm_freader_from_user_space(&ur, p, len);
	CHECK_EQ("user range", err, model_user_ok((uintptr_t)p, len) ? 0 : VMIO_EFAULT);
	if (!err)
		*m = (struct mrange){ (uintptr_t)p, (uintptr_t)p + len };
}

/* New kernel reader and writer, each on either buffer (so they may overlap). */
static void op_new_kernel_range(void)
{
	for (int w = 0; w < 2; w++) {
		uint8_t *b = kbuf[take(1) % 2];
		size_t off = take(2) % KBUF;
		size_t len = take(2) % (KBUF - off + 1);
		struct mrange m = { (uintptr_t)(b + off), (uintptr_t)(b + off + len) };

		if (w) {
			kw = take(1) % 2 ? vm_writer_from_kernel_space(b + off, len)
					 : vm_writer_from_bytes(b + off, len);
			m_kw = m;
			struct vm_fwriter f = vm_writer_to_fallible(kw);
			CHECK_EQ("to_fallible cursor", f.r.cursor, m.cur);
			CHECK_EQ("to_fallible end", f.r.end, m.end);
		} else {
			kr = take(1) % 2 ? vm_reader_from_kernel_space(b + off, len)
					 : vm_reader_from_bytes(b + off, len);
			m_kr = m;
			struct vm_freader f = vm_reader_to_fallible(kr);
			CHECK_EQ("to_fallible cursor", f.r.cursor, m.cur);
			CHECK_EQ("to_fallible end", f.r.end, m.end);
		}
	}
}

/*
 * A copy between a reader and a writer, through each of the eight
 * functions: the count is min(remain, avail) cut at the first inaccessible
 * byte of either side, both cursors advance by it.  Overlapping ranges are
 * skipped (their order is not defined).
 */
static void op_transfer(void)
{
	unsigned v = take(1) % 8;
	/* src, dst of each variant: 0 ur, 1 kr; 0 uw, 1 kw. */
	static const uint8_t from_kernel[8] = { 0, 0, 1, 1, 0, 0, 1, 1 };
	static const uint8_t to_kernel[8] = { 1, 0, 0, 0, 0, 1, 1, 1 };
	struct mrange *src = from_kernel[v] ? &m_kr : &m_ur;
	struct mrange *dst = to_kernel[v] ? &m_kw : &m_uw;
	size_t len = min_sz(left(src), left(dst)), n = 99;
	int err = 0;

	if (src->cur < dst->cur + len && dst->cur < src->cur + len)
		return;
	switch (v) {
	case 0: err = vm_freader_read_fallible(&ur, &kw, &n); break;
	case 1: err = vm_freader_read_fallible(&ur, &uw, &n); break;
	case 2: err = vm_reader_read_fallible(&kr, &uw, &n); break;
	case 3: err = vm_fwriter_write_fallible(&uw, &kr, &n); break;
	case 4: err = vm_fwriter_write_fallible(&uw, &ur, &n); break;
	case 5: err = vm_writer_write_fallible(&kw, &ur, &n); break;
	case 6: n = vm_reader_read(&kr, &kw); break;
	default: n = vm_writer_write(&kw, &kr); break;
	}
	size_t want = min_sz(run(src->cur, len, 0), run(dst->cur, len, 1));
	CHECK_EQ("transfer count", n, want);
	CHECK_EQ("transfer error", err, want == len ? 0 : VMIO_EFAULT);
	memmove(sh(dst->cur), sh(src->cur), want);
	src->cur += want;
	dst->cur += want;
}

/* read_val / write_val on any of the four. */
static void op_val(void)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 8, 12, 16, 24 };
	size_t size = sizes[take(1) % 8];
	unsigned kind = take(1) % 4; /* user reader, user writer, kernel reader, kernel writer */
	struct mrange *m = (struct mrange *[]){ &m_ur, &m_uw, &m_kr, &m_kw }[kind];
	int write = kind & 1;
	uint8_t val[24], old[24];
	int err;

	memset(val, 0xff, sizeof(val)); /* a byte the user pattern never holds */
	for (size_t i = 0; write && i < size; i++)
		val[i] = (uint8_t)take(1);
	memcpy(old, val, sizeof(val));
	switch (kind) {
	case 0: err = vm_freader_read_val(&ur, val, size); break;
	case 1: err = vm_fwriter_write_val(&uw, val, size); break;
	case 2: err = vm_reader_read_val(&kr, val, size); break;
	default: err = vm_writer_write_val(&kw, val, size); break;
	}
	if (left(m) < size) {
		CHECK_EQ("val short", err, VMIO_EINVAL);
		CHECK_EQ("val short unchanged", memcmp(val, old, sizeof(val)), 0);
		return;
	}
	size_t r = run(m->cur, size, write);
	CHECK_EQ("val", err, r == size ? 0 : VMIO_EFAULT);
	/* A failed read_val leaves the caller's value as it was, or, above
	 * VMIO_READ_BOUNCE, zero (the rest of val untouched). */
	if (err && !write && size > VMIO_READ_BOUNCE)
		memset(old, 0, size);
	if (err)
		CHECK_EQ("failed val unchanged", memcmp(val, old, sizeof(val)), 0);
	if (write)
		memcpy(sh(m->cur), val, r); /* a failed write_val still wrote its prefix */
	else if (!err)
		CHECK_EQ("read_val bytes", memcmp(val, sh(m->cur), size), 0);
	if (!err)
		m->cur += size;
}

/* read_once / write_once on any of the four: misaligned is VMIO_EINVAL,
 * and a panic first for the infallible ones. */
static void op_once(void)
{
	size_t size = (size_t)1 << (take(1) % 4);
	unsigned kind = take(1) % 4;
	struct mrange *m = (struct mrange *[]){ &m_ur, &m_uw, &m_kr, &m_kw }[kind];
	int write = kind & 1;
	uint64_t v = take(8), got = 0;
	int err, want;

	switch (kind) {
	case 0: err = vm_freader_read_once_n(&ur, &got, size); break;
	case 1: err = vm_fwriter_write_once_n(&uw, &v, size); break;
	case 2: err = vm_reader_read_once_n(&kr, &got, size); break;
	default: err = vm_writer_write_once_n(&kw, &v, size); break;
	}
	if (left(m) < size) {
		want = VMIO_EINVAL;
	} else if (m->cur % size) {
		want = VMIO_EINVAL;
		m_panics += kind >= 2;
	} else {
		want = run(m->cur, size, write) == size ? 0 : VMIO_EFAULT;
	}
	CHECK_EQ(write ? "write_once" : "read_once", err, want);
	if (want)
		return;
	if (write)
		memcpy(sh(m->cur), &v, size);
	else
		CHECK_EQ("read_once value", memcmp(&got, sh(m->cur), size), 0);
	m->cur += size;
}

/* skip or limit on any of the four; a skip past the end panics. */
static void op_skip_limit(void)
{
	size_t n = some_len();
	unsigned kind = take(1) % 4;
	struct mrange *m = (struct mrange *[]){ &m_ur, &m_uw, &m_kr, &m_kw }[kind];

	if (take(1) % 2) {
		switch (kind) {
		case 0: vm_freader_limit(&ur, n); break;
		case 1: vm_fwriter_limit(&uw, n); break;
		case 2: vm_reader_limit(&kr, n); break;
		default: vm_writer_limit(&kw, n); break;
		}
		m->end = m->cur + min_sz(n, left(m));
		return;
	}
	if (take(1) % 4 == 0)
		n = left(m) + 1 + n % 3; /* past the end */
	switch (kind) {
	case 0: vm_freader_skip(&ur, n); break;
	case 1: vm_fwriter_skip(&uw, n); break;
	case 2: vm_reader_skip(&kr, n); break;
	default: vm_writer_skip(&kw, n); break;
	}
	if (n > left(m))
		m_panics++;
	else
		m->cur += n;
}

/* fill_zeros on either writer: min(len, avail), cut at a fault. */
static void op_fill_zeros(void)
{
	size_t len = some_len(), n = 99;
	int user = take(1) % 2, err = 0;
	struct mrange *m = user ? &m_uw : &m_kw;
	size_t todo = min_sz(len, left(m)), want = run(m->cur, todo, 1);

	if (user)
		err = vm_fwriter_fill_zeros(&uw, len, &n);
	else
		n = vm_writer_fill_zeros(&kw, len);
	CHECK_EQ("fill_zeros count", n, want);
	CHECK_EQ("fill_zeros error", err, want == todo ? 0 : VMIO_EFAULT);
	memset(sh(m->cur), 0, want);
	m->cur += want;
}

/* fill of the kernel writer with a value of some size and alignment. */
static void op_fill(void)
{
	static const size_t sizes[] = { 1, 2, 4, 8, 12, 16, 3, 0 };
	static const size_t aligns[] = { 1, 2, 4, 8, 4, 1, 3, 0 };
	size_t size = sizes[take(1) % 8], align = aligns[take(1) % 8];
	uint8_t val[16];

	for (size_t i = 0; i < sizeof(val); i++)
		val[i] = (uint8_t)take(1);
	if (size && take(1) % 2) { /* most often, make avail fit whole values */
		vm_writer_limit(&kw, left(&m_kw) - left(&m_kw) % size);
		m_kw.end = m_kw.cur + left(&m_kw) - left(&m_kw) % size;
	}
	size_t n = vm_writer_fill(&kw, val, size, align);
	if (!size || !align || (align & (align - 1)) || size % align || m_kw.cur % align ||
	    left(&m_kw) % size) {
		CHECK_EQ("refused fill", n, 0);
		m_panics++;
		return;
	}
	CHECK_EQ("fill count", n, left(&m_kw) / size);
	for (; m_kw.cur != m_kw.end; m_kw.cur += size)
		memcpy(sh(m_kw.cur), val, size);
}

/* Static memory for collect_alloc; alloc fails above its size. */
static uint8_t arena[3 * 4096];
static unsigned allocs, frees;

static void *arena_alloc(void *ctx, size_t len)
{
	(void)ctx;
	allocs++;
	return len <= sizeof(arena) ? arena : NULL;
}

static void arena_free(void *ctx, void *p, size_t len)
{
	(void)ctx, (void)p, (void)len;
	frees++;
}

/* collect of the user reader, into a buffer of some capacity or through the
 * allocator: all of remain or nothing, the cursor unchanged on error. */
static void op_collect(void)
{
	static const struct vmio_allocator a = { arena_alloc, arena_free, NULL };
	size_t len = left(&m_ur), n = 99, cap = take(1) % 2 ? sizeof(arena) : some_len();
	unsigned allocs0 = allocs, frees0 = frees;
	void *out = NULL;
	int alloc = take(1) % 2, err, want;

	static uint8_t before[sizeof(arena)];

	memcpy(before, arena, sizeof(arena));
	err = alloc ? vm_freader_collect_alloc(&ur, &a, &out, &n)
		    : vm_freader_collect(&ur, arena, cap, &n);
	if (alloc && len > sizeof(arena))
		want = VMIO_ENOMEM;
	else if (!alloc && cap < len)
		want = VMIO_EINVAL;
	else
		want = run(m_ur.cur, len, 0) == len ? 0 : VMIO_EFAULT;
	CHECK_EQ("collect", err, want);
	/* An empty reader collects to nothing without asking the allocator. */
	CHECK_EQ("collect allocs", allocs - allocs0, (unsigned)(alloc && len));
	CHECK_EQ("collect frees", frees - frees0, (unsigned)(alloc && want == VMIO_EFAULT));
	if (want && !alloc) { /* the caller's buffer: as it was, or zeroed if big */
		size_t z = want == VMIO_EFAULT && len > VMIO_READ_BOUNCE ? len : 0;

		for (size_t i = 0; i < sizeof(arena); i++)
			if (arena[i] != (i < z ? 0 : before[i])) {
				mismatch("failed collect buffer byte", i, arena[i]);
				break;
			}
	}
	if (want)
		return;
	CHECK_EQ("collect length", n, len);
	CHECK_EQ("collect bytes", memcmp(arena, sh(m_ur.cur), len), 0);
	if (alloc)
		CHECK_EQ("collect buffer", (uintptr_t)out, len ? (uintptr_t)arena : 0);
	m_ur.cur += len;
}

/*
 * strnlen or read_cstring on the user reader, or on the kernel reader seen
 * as fallible: the model scans min(max or cap, remain) bytes for a NUL,
 * stopping at the first inaccessible one.  read_cstring copies the string
 * and its NUL into a buffer of canaries and moves past the NUL; on error
 * the bytes it wrote are zero, the rest canaries, the cursor unmoved.
 */
static void op_string(void)
{
	static uint8_t buf[KBUF];
	int cstr = take(1) % 2, kern = take(1) % 4 == 0, err, want;
	size_t max = take(1) % 8 == 0 ? SIZE_MAX : some_len(), cap = take(2) % (KBUF + 1);
	struct mrange *m = kern ? &m_kr : &m_ur;
	struct vm_freader f = kern ? vm_reader_to_fallible(kr) : ur;
	size_t lim = min_sz(cstr ? cap : max, left(m)), acc = run(m->cur, lim, 0), k = 0, len = 12345;

	while (k < acc && *sh(m->cur + k) != 0)
		k++;
	want = k < acc ? 0 : acc < lim ? VMIO_EFAULT : VMIO_ENAMETOOLONG;
	if (!cstr) {
		err = vm_freader_strnlen(&f, max, &len);
		CHECK_EQ("strnlen", err, want);
		CHECK_EQ("strnlen length", len, want ? 12345 : k);
		CHECK_EQ("strnlen cursor", f.r.cursor, m->cur);
		return;
	}
	memset(buf, 0xa5, sizeof(buf));
	err = vm_freader_read_cstring(&f, (char *)buf, cap, &len);
	CHECK_EQ("read_cstring", err, want);
	CHECK_EQ("read_cstring length", len, want ? 12345 : k);
	for (size_t i = 0; i < sizeof(buf); i++) {
		uint8_t w = 0xa5;

		if (!want && i <= k)
			w = *sh(m->cur + i);
		else if (want && cap > VMIO_READ_BOUNCE && i < cap)
			w = 0; /* a large buf is zeroed whole; a small one unchanged */
		if (buf[i] != w) {
			mismatch("read_cstring byte", buf[i], w);
			break;
		}
	}
	CHECK_EQ("read_cstring cursor", f.r.cursor, m->cur + (want ? 0 : k + 1));
	if (!want && kern)
		vm_reader_skip(&kr, k + 1);
	else if (!want)
		ur = f;
	if (!want)
		m->cur += k + 1;
}

/* x rounded up to a (a power of two). */
static size_t round_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* The segment's VmIo: the helpers against its shadow, and read/write with
 * the user writer and reader (faults on the other side). */
static void op_segment(void)
{
	size_t size = vmio_segment_size(&seg);
	size_t off = take(2) % (size + 64), len = take(1) % 64;
	unsigned v = take(1) % 9;
	uint8_t buf[64];
	int want = off + len > size ? VMIO_EINVAL : 0, err;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)take(1);
	if (v == 0 || v == 1) { /* bytes and val are the same transfer */
		err = v ? vmio_write_val(&seg.io, off, buf, len) : vmio_write_bytes(&seg.io, off, buf, len);
		CHECK_EQ("segment write", err, want);
		if (!want)
			memcpy(&segshadow[off], buf, len);
	} else if (v == 2 || v == 3) {
		err = v == 3 ? vmio_read_val(&seg.io, off, buf, len) : vmio_read_bytes(&seg.io, off, buf, len);
		CHECK_EQ("segment read", err, want);
		if (!want)
			CHECK_EQ("segment bytes", memcmp(buf, &segshadow[off], len), 0);
	} else if (v == 4) { /* slices of 1, 2, 4 or 8-byte items */
		size_t item = (size_t)1 << (take(1) % 4), count = len / item;
		int write = take(1) % 2;

		want = off + count * item > size ? VMIO_EINVAL : 0;
		err = write ? vmio_write_slice(&seg.io, off, buf, count, item)
			    : vmio_read_slice(&seg.io, off, buf, count, item);
		CHECK_EQ("segment slice", err, want);
		if (!want && write)
			memcpy(&segshadow[off], buf, count * item);
		else if (!want)
			CHECK_EQ("segment slice bytes", memcmp(buf, &segshadow[off], count * item), 0);
	} else if (v == 5) { /* write_vals with the seed's align rules */
		static const size_t aligns[] = { 0, 1, 2, 4, 8, 16, 3, 12 };
		size_t align = aligns[take(1) % 8], item = 1 + take(1) % 8, count = len / item;
		size_t written = 99, o = off, slot = item, done = 0;

		err = vmio_write_vals(&seg.io, off, buf, count, item, align, &written);
		if (align > 1 && (align & (align - 1))) {
			CHECK_EQ("write_vals bad align", err, VMIO_EINVAL);
			CHECK_EQ("write_vals bad align count", written, 0);
			return;
		}
		if (align > 1)
			o = round_up(off, align), slot = round_up(item, align);
		for (; done < count && o + item <= size; done++, o += slot)
			memcpy(&segshadow[o], buf + done * item, item);
		CHECK_EQ("write_vals count", written, done);
		CHECK_EQ("write_vals", err, done || !count ? 0 : VMIO_EINVAL);
	} else if (v == 6) {
		len = take(2) % 1024;
		want = off + len > size ? VMIO_EINVAL : 0;
		CHECK_EQ("segment fill_zeros", vmio_fill_zeros(&seg.io, off, len), want);
		if (!want)
			memset(&segshadow[off], 0, len);
	} else { /* VmIo::read into the user writer (7) or write from the user reader: all of it */
		int from_user = v == 8;
		struct mrange *m = from_user ? &m_ur : &m_uw;

		len = left(m);
		want = off + len > size ? VMIO_EINVAL : 0;
		err = from_user ? vmio_write(&seg.io, off, &ur) : vmio_read(&seg.io, off, &uw);
		if (want) {
			CHECK_EQ("vmio read/write bounds", err, want);
			return;
		}
		size_t n = run(m->cur, len, !from_user);
		CHECK_EQ("vmio read/write", err, n == len ? 0 : VMIO_EFAULT);
		if (from_user)
			memcpy(&segshadow[off], sh(m->cur), n);
		else
			memcpy(sh(m->cur), &segshadow[off], n);
		m->cur += n;
	}
}

/*
 * An atomic at the user reader's or writer's cursor (vmio/atomic.h): the
 * cursor never moves; VMIO_EINVAL when short or misaligned, VMIO_EFAULT
 * where the word is out of reach (writes: a read-only page too), each with
 * the caller's variable untouched; else the value found and its update.
 */
static void op_atomic(void)
{
	unsigned f = take(1) % 9; /* load u32, u64, cmpxchg u32, u64, fetch op SET..XOR */
	size_t size = f == 1 || f == 3 ? 8 : 4;
	int write = f >= 2, err, want;
	struct mrange *m = write ? &m_uw : &m_ur;
	uint64_t arg = take(8), expected = take(8), found = 0, neww;
	uint32_t o32 = 0x5a5a5a5a;
	uint64_t o64 = 0x5a5a5a5a5a5a5a5aULL;

	if (left(m) < size || m->cur % size)
		want = VMIO_EINVAL;
	else
		want = run(m->cur, size, write) == size ? 0 : VMIO_EFAULT;
	if (!want)
		memcpy(&found, sh(m->cur), size);
	if (take(1) % 2) /* most compare-exchanges find what they expect */
		expected = found;
	switch (f) {
	case 0: err = vm_freader_atomic_load_u32(&ur, &o32); break;
	case 1: err = vm_freader_atomic_load_u64(&ur, &o64); break;
	case 2: err = vm_fwriter_atomic_cmpxchg_u32(&uw, (uint32_t)expected, (uint32_t)arg, &o32); break;
	case 3: err = vm_fwriter_atomic_cmpxchg_u64(&uw, expected, arg, &o64); break;
	default: err = vm_fwriter_atomic_fetch_op_u32(&uw, (int)f - 4, (uint32_t)arg, &o32); break;
	}
	CHECK_EQ("atomic", err, want);
	if (want) {
		CHECK_EQ("atomic value untouched", o32 == 0x5a5a5a5a && o64 == 0x5a5a5a5a5a5a5a5aULL, 1);
		return;
	}
	CHECK_EQ("atomic value found", size == 8 ? o64 : o32, found);
	switch (f) {
	case 2: neww = (uint32_t)found == (uint32_t)expected ? arg : found; break;
	case 3: neww = found == expected ? arg : found; break;
	case 4: neww = arg; break;
	case 5: neww = found + arg; break;
	case 6: neww = found | arg; break;
	case 7: neww = found & ~arg; break;
	case 8: neww = found ^ arg; break;
	default: neww = found; break;
	}
	if (write)
		memcpy(sh(m->cur), &neww, size);
}

/*
 * Extensible structs (vmio/struct.h) on the user reader and writer, with a
 * kernel struct of a size near the user's or any up to 400 bytes: the
 * model scans the extra bytes first (the first nonzero one is VMIO_E2BIG,
 * the first unreachable one VMIO_EFAULT), then the copy.  On error the
 * cursor stays and a read leaves val unchanged (up to VMIO_READ_BOUNCE
 * bytes) or zero; a failed write has written the bytes before the fault.
 */
static void op_struct(void)
{
	static uint8_t val[400], before[400];
	unsigned v = take(1) % 3;
	struct mrange *m = v == 2 ? &m_uw : &m_ur;
	size_t usize = left(m), ksize = take(2) % sizeof(val), first = 0, run_len;
	int err, want = 0, zeroed = 7;

	if (take(1) % 4 && usize + 8 < sizeof(val)) /* mostly around the user's size */
		ksize = usize + 8 - min_sz(usize + 8, take(1) % 17);
	for (size_t i = 0; i < ksize; i++)
		val[i] = take(1) % 2 ? 0 : (uint8_t)take(1);
	memcpy(before, val, sizeof(val));
	if (v == 0 || v == 1) {
		/* The extra bytes, all of remain for check_zeroed. */
		first = v == 0 ? 0 : ksize < usize ? ksize : usize;
		for (size_t i = first; i < usize; i++) {
			if (run(m->cur + i, 1, 0) == 0) {
				want = VMIO_EFAULT;
				break;
			}
			if (*sh(m->cur + i)) {
				want = v == 0 ? 1 : VMIO_E2BIG; /* 1: not zeroed */
				break;
			}
		}
	}
	if (v == 0) {
		err = vm_freader_check_zeroed(&ur, &zeroed);
		CHECK_EQ("check_zeroed", err, want == VMIO_EFAULT ? VMIO_EFAULT : 0);
		CHECK_EQ("check_zeroed result", zeroed, want == VMIO_EFAULT ? 7 : want != 1);
		return;
	}
	if (v == 1) {
		size_t n = min_sz(usize, ksize);

		if (!want && run(m->cur, n, 0) < n)
			want = VMIO_EFAULT;
		err = vm_freader_read_struct(&ur, val, ksize);
		CHECK_EQ("read_struct", err, want);
		if (err) {
			if (ksize > VMIO_READ_BOUNCE)
				memset(before, 0, ksize);
			CHECK_EQ("read_struct val on error", memcmp(val, before, sizeof(val)), 0);
			return;
		}
		CHECK_EQ("read_struct bytes", memcmp(val, sh(m->cur), n), 0);
		for (size_t i = n; i < ksize; i++)
			CHECK_EQ("read_struct zero tail", val[i], 0);
		m->cur += usize;
		return;
	}
	for (size_t i = usize; i < ksize; i++)
		if (val[i])
			want = VMIO_E2BIG;
	run_len = want ? 0 : run(m->cur, usize, 1);
	if (!want && run_len < usize)
		want = VMIO_EFAULT;
	err = vm_fwriter_write_struct(&uw, val, ksize);
	CHECK_EQ("write_struct", err, want);
	for (size_t i = 0; i < run_len; i++)
		*sh(m->cur + i) = i < ksize ? val[i] : 0;
	if (!err)
		m->cur += usize;
}

/* Address of byte j of the stream that iov[0..n) makes. */
static uintptr_t iov_at(const struct vmio_iovec *iov, size_t n, size_t j)
{
	for (size_t i = 0; i < n; j -= iov[i].len, i++)
		if (j < iov[i].len)
			return (uintptr_t)iov[i].base + j;
	return 0;
}

/*
 * Scatter/gather (vmio/iovec.h): up to four segments in the user window
 * (some empty, any crossing a hole or the read-only page, overlapping
 * too), read into the kernel writer or written from the kernel reader, in
 * one to three calls, with the other side fallible or not.  The model
 * walks the stream byte by byte and stops at the first unreachable byte.
 */
static void op_iov(void)
{
	struct vmio_iovec iov[4];
	size_t nseg = take(1) % 5, total = 0, pos = 0;
	int write = take(1) % 2, calls = 1 + (int)(take(1) % 3), err = 0, in_range = 1;
	struct vm_freader_iov ri;
	struct vm_fwriter_iov wi;

	for (size_t i = 0; i < nseg; i++) {
		uint8_t *p = user_addr();
		size_t len = take(1) % 4 ? some_len() : 0;

		if (len > (size_t)(win + win_len - p))
			len = (size_t)(win + win_len - p);
		iov[i] = (struct vmio_iovec){ p, len };
		total += len;
		in_range &= model_user_ok((uintptr_t)p, len); /* op_set_user_range may narrow it */
	}
	err = write ? vm_fwriter_iov_init(&wi, iov, nseg) : vm_freader_iov_init(&ri, iov, nseg);
	CHECK_EQ("iov init", err, in_range ? 0 : VMIO_EFAULT);
	if (err)
		return;
	while (calls-- && !err) {
		struct mrange *m = write ? &m_kr : &m_kw;
		size_t len = min_sz(total - pos, left(m)), want = 0, n = 99;
		int fallible_other = take(1) % 2;

		while (want < len && run(iov_at(iov, nseg, pos + want), 1, write))
			want++;
		if (write && fallible_other) {
			struct vm_freader f = vm_reader_to_fallible(kr);

			err = vm_fwriter_iov_write(&wi, &f, &n);
			kr.r = f.r;
		} else if (write) {
			err = vm_fwriter_iov_write(&wi, &kr, &n);
		} else if (fallible_other) {
			struct vm_fwriter f = vm_writer_to_fallible(kw);

			err = vm_freader_iov_read(&ri, &f, &n);
			kw.r = f.r;
		} else {
			err = vm_freader_iov_read(&ri, &kw, &n);
		}
		CHECK_EQ("iov count", n, want);
		CHECK_EQ("iov error", err, want == len ? 0 : VMIO_EFAULT);
		for (size_t j = 0; j < want; j++) {
			uint8_t *u = sh(iov_at(iov, nseg, pos + j)), *k = sh(m->cur + j);

			if (write)
				*u = *k;
			else
				*k = *u;
		}
		m->cur += want;
		pos += want;
		CHECK_EQ("iov left", write ? vm_fwriter_iov_avail(&wi) : vm_freader_iov_remain(&ri),
			 total - pos);
	}
}

/* The whole window and buffers against the model. */
static void check_all(void)
{
	static uint8_t back[sizeof(shadow)];

	ureg_read_back(back, win, win_len);
	for (size_t i = 0; i < win_len; i++)
		if (ureg_readable(win + i) && back[i] != shadow[i]) {
			mismatch("user byte", back[i], shadow[i]);
			break;
		}
	CHECK_EQ("kernel buffers", memcmp(kbuf, kshadow, sizeof(kbuf)), 0);
	CHECK_EQ("segment", memcmp(seg.base, segshadow, vmio_segment_size(&seg)), 0);
}

void ops_init(void)
{
	ureg_setup();
	win = ureg_page(UREG_RO - 2);
	win_len = ureg_page(UREG_PAGES) - win;
	if (win_len > sizeof(shadow) || ureg_ps > 4096) {
		printf("ops: window too big\n");
		win_len = 0;
	}
	vmio_segment_init(&seg, plat_frames_alloc(SEG_FRAMES), SEG_FRAMES, ureg_ps);
	vmio_user_range_get(&user_default.cur, &user_default.end);
}

size_t ops_run(const uint8_t *data, size_t len, unsigned long *mismatches)
{
	size_t count = 0;

	bad = mismatches;
	in = data;
	in_end = data + len;
	/* A fresh state: the region's pattern, zeroed buffers, empty cursors. */
	ureg_restore(win, win_len);
	for (size_t i = 0; i < win_len; i++)
		shadow[i] = ureg_readable(win + i) ? ureg_expected(win + i) : 0;
	memset(kbuf, 0, sizeof(kbuf));
	memset(kshadow, 0, sizeof(kshadow));
	memset(seg.base, 0, vmio_segment_size(&seg));
	memset(segshadow, 0, sizeof(segshadow));
	ur = (struct vm_freader){ { (uintptr_t)win, (uintptr_t)win } };
	uw = (struct vm_fwriter){ { (uintptr_t)win, (uintptr_t)win } };
	kr = vm_reader_from_kernel_space(kbuf[0], 0);
	kw = vm_writer_from_kernel_space(kbuf[1], 0);
	m_ur = m_uw = (struct mrange){ (uintptr_t)win, (uintptr_t)win };
	m_kr = (struct mrange){ (uintptr_t)kbuf[0], (uintptr_t)kbuf[0] };
	m_kw = (struct mrange){ (uintptr_t)kbuf[1], (uintptr_t)kbuf[1] };
	m_panics = 0;
	panic_base = panic_count;
	vmio_user_range_set(user_default.cur, user_default.end);
	m_user = user_default;

	while (in < in_end) {
		switch (take(1) % 20) {
		case 0: op_new_user_range(0); break;
		case 1: op_new_user_range(1); break;
		case 2: op_new_kernel_range(); break;
		case 3: case 4: case 5: op_transfer(); break;
		case 6: op_val(); break;
		case 7: op_once(); break;
		case 8: op_skip_limit(); break;
		case 9: op_fill_zeros(); break;
		case 10: op_fill(); break;
		case 11: op_collect(); break;
		case 12: case 13: op_segment(); break;
		case 14: op_set_user_range(); break;
		case 15: op_string(); break;
		case 16: op_atomic(); break;
		case 17: op_struct(); break;
		case 18: op_iov(); break;
		default: check_all(); break;
		}
		check_cursors();
		count++;
	}
	check_all();
	vmio_user_range_set(user_default.cur, user_default.end);
	return count;
}
