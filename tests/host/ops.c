/*
 * The interpreter of ops.h.  The model keeps a shadow copy of a window of
 * the user test region (the last read-write pages, the read-only page, the
 * holes and the lone read-write page) and of a kernel buffer and a segment.
 * The reference for every transfer is simple: it stops at the first byte
 * that ureg.h says is inaccessible.
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "ureg.h"
#include "vmio/vmio.h"

#define KBUF 512
#define SEG_FRAMES 2

static uint8_t *win;         /* start of the modelled window */
static size_t win_len;
static uint8_t shadow[6 * 16384];
static uint8_t kbuf[KBUF], kshadow[KBUF];
static struct vmio_segment seg;
static uint8_t segshadow[SEG_FRAMES * 4096];

static struct vm_freader ur;  /* the user reader and writer under test */
static struct vm_fwriter uw;
static struct vm_reader kr;   /* kernel reader and writer over kbuf */
static struct vm_writer kw;

static unsigned long *bad;

static void mismatch(const char *what, unsigned long long got, unsigned long long want)
{
	if ((*bad)++ < 10)
		printf("  mismatch: %s: got %llu, want %llu\n", what, got, want);
}

#define CHECK_EQ(what, got, want)                                   \
	do {                                                        \
		unsigned long long g_ = (got), w_ = (want);         \
		if (g_ != w_)                                       \
			mismatch(what, g_, w_);                     \
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

static uint8_t *sh(const uint8_t *a)
{
	return &shadow[a - win];
}

/* A user address in (or just around) the window, and a length to go with it. */
static uint8_t *user_addr(void)
{
	return win + take(2) % win_len;
}

static size_t some_len(void)
{
	uint64_t r = take(1);

	return r < 200 ? r % 40 : r < 250 ? take(2) % (3 * ureg_ps) : take(1) % 9;
}

static void op_new_user_range(int writer)
{
	uint8_t *p = user_addr();
	size_t len = some_len();

	if (take(1) % 16 == 0) { /* a range that must be refused */
		uintptr_t badp = take(1) % 2 ? (uintptr_t)VMIO_USER_END - 4 : (uintptr_t)p;
		size_t badlen = badp == (uintptr_t)p ? SIZE_MAX - 2 : 8;
		struct vm_freader r0 = ur;
		int err = writer ? vm_fwriter_from_user_space(&uw, (void *)badp, badlen)
				 : vm_freader_from_user_space(&ur, (void *)badp, badlen);
		CHECK_EQ("refused range", err, VMIO_EINVAL);
		if (!writer)
			CHECK_EQ("refused range leaves reader", memcmp(&ur, &r0, sizeof(ur)), 0);
		return;
	}
	/* Ranges end within the region: past it the memory is not ours. */
	if (len > (size_t)(win + win_len - p))
		len = (size_t)(win + win_len - p);
	int err = writer ? vm_fwriter_from_user_space(&uw, p, len)
			 : vm_freader_from_user_space(&ur, p, len);
	CHECK_EQ("user range", err, 0);
}

static void op_new_kernel_range(void)
{
	size_t off = take(2) % KBUF;
	size_t len = take(2) % (KBUF - off + 1);

	kr = vm_reader_from_kernel_space(kbuf + off, len);
	off = take(2) % KBUF;
	len = take(2) % (KBUF - off + 1);
	kw = vm_writer_from_kernel_space(kbuf + off, len);
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* user -> kernel */
static void op_read_fallible(void)
{
	uint8_t *src = vm_freader_cursor(&ur), *dst = vm_writer_cursor(&kw);
	size_t want_len = vm_freader_remain(&ur) < vm_writer_avail(&kw) ? vm_freader_remain(&ur)
									 : vm_writer_avail(&kw);
	size_t want = ureg_read_run(src, want_len), n = 0;
	int err = vm_freader_read_fallible(&ur, &kw, &n);

	CHECK_EQ("read_fallible count", n, want);
	CHECK_EQ("read_fallible error", err, want == want_len ? 0 : VMIO_EFAULT);
	CHECK_EQ("reader cursor", (uintptr_t)vm_freader_cursor(&ur), (uintptr_t)(src + want));
	CHECK_EQ("writer cursor", (uintptr_t)vm_writer_cursor(&kw), (uintptr_t)(dst + want));
	memcpy(&kshadow[dst - kbuf], sh(src), want);
}

/* kernel -> user */
static void op_write_fallible(void)
{
	uint8_t *src = vm_reader_cursor(&kr), *dst = vm_fwriter_cursor(&uw);
	size_t want_len = vm_reader_remain(&kr) < vm_fwriter_avail(&uw) ? vm_reader_remain(&kr)
									 : vm_fwriter_avail(&uw);
	size_t want = ureg_write_run(dst, want_len), n = 0;
	int err = vm_fwriter_write_fallible(&uw, &kr, &n);

	CHECK_EQ("write_fallible count", n, want);
	CHECK_EQ("write_fallible error", err, want == want_len ? 0 : VMIO_EFAULT);
	CHECK_EQ("writer cursor", (uintptr_t)vm_fwriter_cursor(&uw), (uintptr_t)(dst + want));
	memmove(sh(dst), &kshadow[src - kbuf], want);
}

/* user -> user, when the ranges do not overlap (overlap has no defined order) */
static void op_user_to_user(void)
{
	uint8_t *src = vm_freader_cursor(&ur), *dst = vm_fwriter_cursor(&uw);
	size_t len = vm_freader_remain(&ur) < vm_fwriter_avail(&uw) ? vm_freader_remain(&ur)
								      : vm_fwriter_avail(&uw);
	size_t want, n = 0;

	if (src < dst + len && dst < src + len)
		return;
	want = min3(len, ureg_read_run(src, len), ureg_write_run(dst, len));
	int err = vm_freader_read_fallible(&ur, &uw, &n);
	CHECK_EQ("user copy count", n, want);
	CHECK_EQ("user copy error", err, want == len ? 0 : VMIO_EFAULT);
	memmove(sh(dst), sh(src), want);
}

static void op_val(int write)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 8, 12, 16, 24 };
	size_t size = sizes[take(1) % 8];
	uint8_t val[24], *cur;
	int err;

	if (write) {
		for (size_t i = 0; i < size; i++)
			val[i] = (uint8_t)take(1);
		cur = vm_fwriter_cursor(&uw);
		err = vm_fwriter_write_val(&uw, val, size);
		if (vm_fwriter_avail(&uw) + (err ? 0 : size) < size) {
			CHECK_EQ("write_val short", err, VMIO_EINVAL);
			return;
		}
		size_t run = ureg_write_run(cur, size);
		CHECK_EQ("write_val", err, run == size ? 0 : VMIO_EFAULT);
		CHECK_EQ("write_val cursor", (uintptr_t)vm_fwriter_cursor(&uw),
			 (uintptr_t)(err ? cur : cur + size));
		memcpy(sh(cur), val, run); /* a failed write_val still wrote its prefix */
	} else {
		cur = vm_freader_cursor(&ur);
		size_t remain = vm_freader_remain(&ur);
		err = vm_freader_read_val(&ur, val, size);
		if (remain < size) {
			CHECK_EQ("read_val short", err, VMIO_EINVAL);
			return;
		}
		size_t run = ureg_read_run(cur, size);
		CHECK_EQ("read_val", err, run == size ? 0 : VMIO_EFAULT);
		CHECK_EQ("read_val cursor", (uintptr_t)vm_freader_cursor(&ur),
			 (uintptr_t)(err ? cur : cur + size));
		if (!err)
			CHECK_EQ("read_val bytes", memcmp(val, sh(cur), size), 0);
	}
}

static void op_once(int write)
{
	size_t size = (size_t)1 << (take(1) % 4);
	uint8_t *cur = write ? vm_fwriter_cursor(&uw) : vm_freader_cursor(&ur);
	size_t left = write ? vm_fwriter_avail(&uw) : vm_freader_remain(&ur);
	uint64_t v = take(8), got = 0;
	int err, want;

	if (write)
		err = vm_fwriter_write_once_n(&uw, &v, size);
	else
		err = vm_freader_read_once_n(&ur, &got, size);
	if (left < size || (uintptr_t)cur % size)
		want = VMIO_EINVAL;
	else if (!(write ? ureg_writable(cur) : ureg_readable(cur)))
		want = VMIO_EFAULT;
	else
		want = 0;
	CHECK_EQ(write ? "write_once" : "read_once", err, want);
	if (want)
		return;
	if (write)
		memcpy(sh(cur), &v, size);
	else
		CHECK_EQ("read_once value", memcmp(&got, sh(cur), size), 0);
}

static void op_skip_limit(void)
{
	size_t n = some_len();

	if (take(1) % 2) {
		size_t before = vm_freader_remain(&ur);
		vm_freader_limit(&ur, n);
		CHECK_EQ("limit", vm_freader_remain(&ur), before < n ? before : n);
	} else if (n <= vm_fwriter_avail(&uw)) {
		uint8_t *cur = vm_fwriter_cursor(&uw);
		vm_fwriter_skip(&uw, n);
		CHECK_EQ("skip", (uintptr_t)vm_fwriter_cursor(&uw), (uintptr_t)(cur + n));
	}
}

static void op_fill_zeros(void)
{
	size_t len = some_len(), n = 0;
	uint8_t *cur = vm_fwriter_cursor(&uw);
	size_t todo = len < vm_fwriter_avail(&uw) ? len : vm_fwriter_avail(&uw);
	size_t want = ureg_write_run(cur, todo);
	int err = vm_fwriter_fill_zeros(&uw, len, &n);

	CHECK_EQ("fill_zeros count", n, want);
	CHECK_EQ("fill_zeros error", err, want == todo ? 0 : VMIO_EFAULT);
	memset(sh(cur), 0, want);
}

static void op_segment(void)
{
	size_t size = vmio_segment_size(&seg);
	size_t off = take(2) % (size + 64), len = take(1) % 64;
	int write = take(1) % 2;
	uint8_t buf[64];
	int want = off + len > size ? VMIO_EINVAL : 0;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)take(1);
	if (write) {
		CHECK_EQ("segment write", vmio_write_bytes(&seg.io, off, buf, len), want);
		if (!want)
			memcpy(&segshadow[off], buf, len);
	} else {
		CHECK_EQ("segment read", vmio_read_bytes(&seg.io, off, buf, len), want);
		if (!want)
			CHECK_EQ("segment bytes", memcmp(buf, &segshadow[off], len), 0);
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
	CHECK_EQ("kernel buffer", memcmp(kbuf, kshadow, KBUF), 0);
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
}

size_t ops_run(const uint8_t *data, size_t len, unsigned long *mismatches)
{
	size_t count = 0;

	bad = mismatches;
	in = data;
	in_end = data + len;
	/* A fresh state: the region's pattern, zeroed buffers. */
	ureg_restore(win, win_len);
	for (size_t i = 0; i < win_len; i++)
		shadow[i] = ureg_readable(win + i) ? ureg_expected(win + i) : 0;
	memset(kbuf, 0, KBUF);
	memset(kshadow, 0, KBUF);
	memset(seg.base, 0, vmio_segment_size(&seg));
	memset(segshadow, 0, sizeof(segshadow));
	ur = (struct vm_freader){ { (uintptr_t)win, (uintptr_t)win } };
	uw = (struct vm_fwriter){ { (uintptr_t)win, (uintptr_t)win } };
	kr = vm_reader_from_kernel_space(kbuf, 0);
	kw = vm_writer_from_kernel_space(kbuf, 0);

	while (in < in_end) {
		switch (take(1) % 14) {
		case 0: op_new_user_range(0); break;
		case 1: op_new_user_range(1); break;
		case 2: op_new_kernel_range(); break;
		case 3: op_read_fallible(); break;
		case 4: op_write_fallible(); break;
		case 5: op_user_to_user(); break;
		case 6: op_val(0); break;
		case 7: op_val(1); break;
		case 8: op_once(0); break;
		case 9: op_once(1); break;
		case 10: op_skip_limit(); break;
		case 11: op_fill_zeros(); break;
		case 12: op_segment(); break;
		default: check_all(); break;
		}
		count++;
	}
	check_all();
	return count;
}
