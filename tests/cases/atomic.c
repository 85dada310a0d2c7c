/*
 * Reader/writer atomics and futex operations (vmio/atomic.h) over the user
 * test region: values with the top bit set compared as the C type they
 * are, every error path, and every cursor offset across the edges of the
 * holes and of the read-only page.
 */
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

/* a == b as values of type (never widened first). */
#define EQ_AS(type, a, b)                                                   \
	do {                                                                \
		type eq_a_ = (a), eq_b_ = (b);                              \
		if (!(eq_a_ == eq_b_))                                      \
			vt_fail_eq(__FILE__, __LINE__, #a, #b, eq_a_, eq_b_); \
	} while (0)

static const uint32_t v32[] = { 0, 1, 0x7fffffff, 0x80000000u, 0x80000001u,
				0xfffffffeu, 0xffffffffu, 0x12345678, 0xedcba987u };
static const uint64_t v64[] = { 0, 1, 0x7fffffff, 0x80000000u, 0xffffffffu,
				0x100000000ULL, 0xffffffff80000000ULL, 0x7fffffffffffffffULL,
				0x8000000000000000ULL, 0x80000000ffffffffULL, ~0ULL };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct vm_freader reader_at(void *p, size_t len)
{
	struct vm_freader r = { { 0, 0 } };

	VT_EQ(vm_freader_from_user_space(&r, p, len), 0);
	return r;
}

static struct vm_fwriter writer_at(void *p, size_t len)
{
	struct vm_fwriter w = { { 0, 0 } };

	VT_EQ(vm_fwriter_from_user_space(&w, p, len), 0);
	return w;
}

static void put32(void *p, uint32_t v)
{
	VT_EQ(vmio_store_u32_fallible(p, v), 0);
}

static uint32_t get32(const void *p)
{
	uint32_t v = 0;

	VT_EQ(vmio_load_u32_fallible(p, &v), 0);
	return v;
}

static void put64(void *p, uint64_t v)
{
	VT_EQ(vmio_store_u64_fallible(p, v), 0);
}

static uint64_t get64(const void *p)
{
	uint64_t v = 0;

	VT_EQ(vmio_load_u64_fallible(p, &v), 0);
	return v;
}

/* What a futex op stores, given the old value. */
static uint32_t apply(int op, uint32_t old, uint32_t arg)
{
	switch (op) {
	case VMIO_ATOMIC_SET: return arg;
	case VMIO_ATOMIC_ADD: return old + arg;
	case VMIO_ATOMIC_OR: return old | arg;
	case VMIO_ATOMIC_ANDN: return old & ~arg;
	default: return old ^ arg;
	}
}

static const int ops[] = { VMIO_ATOMIC_SET, VMIO_ATOMIC_ADD, VMIO_ATOMIC_OR,
			   VMIO_ATOMIC_ANDN, VMIO_ATOMIC_XOR };

VT_CASE(atomic_load_values_cursor_stays)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 64;

	for (unsigned i = 0; i < COUNT(v32); i++) {
		struct vm_freader r = reader_at(p, 12);
		uint32_t v = 0x5a5a5a5a;

		put32(p, v32[i]);
		VT_EQ(vm_freader_atomic_load_u32(&r, &v), 0);
		EQ_AS(uint32_t, v, v32[i]);
		VT_CHECK(v == v32[i]);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)p);
		VT_EQ(vm_freader_remain(&r), 12);
	}
	for (unsigned i = 0; i < COUNT(v64); i++) {
		struct vm_freader r = reader_at(p, 8);
		uint64_t v = 0x5a5a5a5a;

		put64(p, v64[i]);
		VT_EQ(vm_freader_atomic_load_u64(&r, &v), 0);
		EQ_AS(uint64_t, v, v64[i]);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)p);
		VT_EQ(vm_freader_remain(&r), 8);
	}
	/* The read-only page reads. */
	uint8_t *ro = ureg_page(UREG_RO) + 32;
	struct vm_freader r = reader_at(ro, 8);
	uint32_t w = 0;
	uint64_t d = 0;
	VT_EQ(vm_freader_atomic_load_u32(&r, &w), 0);
	VT_EQ(vm_freader_atomic_load_u64(&r, &d), 0);
	for (unsigned i = 0; i < 8; i++)
		VT_EQ((uint8_t)(d >> (8 * i)), plat_ro_byte(32 + i));
	EQ_AS(uint32_t, w, (uint32_t)d);
	ureg_restore(p, 8);
}

VT_CASE(cmpxchg_values_top_bit)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 256;

	for (unsigned i = 0; i < COUNT(v32); i++)
		for (unsigned j = 0; j < COUNT(v32); j++) {
			struct vm_fwriter w = writer_at(p, 4);
			uint32_t old = 0x5a5a5a5a, desired = ~v32[i] ^ 0x10;

			/* memory v32[i], expected v32[j]: swapped exactly when equal */
			put32(p, v32[i]);
			VT_EQ(vm_fwriter_atomic_cmpxchg_u32(&w, v32[j], desired, &old), 0);
			EQ_AS(uint32_t, old, v32[i]);
			EQ_AS(uint32_t, get32(p), i == j ? desired : v32[i]);
			VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
			VT_EQ(vm_fwriter_avail(&w), 4);
			VT_EQ(get32(p + 4), ureg_expected(p + 4) | ureg_expected(p + 5) << 8 |
						   ureg_expected(p + 6) << 16 |
						   (uint32_t)ureg_expected(p + 7) << 24);
		}
	for (unsigned i = 0; i < COUNT(v64); i++)
		for (unsigned j = 0; j < COUNT(v64); j++) {
			struct vm_fwriter w = writer_at(p, 8);
			uint64_t old = 0x5a5a5a5a, desired = ~v64[i] ^ 0x1000;

			put64(p, v64[i]);
			VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, v64[j], desired, &old), 0);
			EQ_AS(uint64_t, old, v64[i]);
			EQ_AS(uint64_t, get64(p), i == j ? desired : v64[i]);
			VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
		}
	ureg_restore(p, 8);
}

VT_CASE(fetch_op_values_top_bit)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 512;

	for (unsigned k = 0; k < COUNT(ops); k++)
		for (unsigned i = 0; i < COUNT(v32); i++)
			for (unsigned j = 0; j < COUNT(v32); j++) {
				struct vm_fwriter w = writer_at(p, 4);
				uint32_t old = 0x5a5a5a5a;

				put32(p, v32[i]);
				VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, ops[k], v32[j], &old), 0);
				EQ_AS(uint32_t, old, v32[i]);
				EQ_AS(uint32_t, get32(p), apply(ops[k], v32[i], v32[j]));
				VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)p);
				VT_EQ(vm_fwriter_avail(&w), 4);
			}
	/* Spot values written out, in case apply() and the library agree on a mistake. */
	struct vm_fwriter w = writer_at(p, 4);
	uint32_t old = 0;
	put32(p, 0xf0f0f0f0u);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ANDN, 0x80000001u, &old), 0);
	EQ_AS(uint32_t, get32(p), 0x70f0f0f0u);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, 0x90000000u, &old), 0);
	EQ_AS(uint32_t, old, 0x70f0f0f0u);
	EQ_AS(uint32_t, get32(p), 0x00f0f0f0u);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_XOR, 0xffffffffu, &old), 0);
	EQ_AS(uint32_t, get32(p), 0xff0f0f0fu);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_OR, 0x000000f0u, &old), 0);
	EQ_AS(uint32_t, get32(p), 0xff0f0fffu);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_SET, 0x80000000u, &old), 0);
	EQ_AS(uint32_t, old, 0xff0f0fffu);
	EQ_AS(uint32_t, get32(p), 0x80000000u);
	ureg_restore(p, 4);
}

/* The functions under test, by number: what each needs and does. */
enum { F_LOAD32, F_LOAD64, F_CAS32, F_CAS64, F_FETCH0 };
#define F_COUNT (F_FETCH0 + 5)

static size_t fn_size(int f)
{
	return f == F_LOAD64 || f == F_CAS64 ? 8 : 4;
}

/* The user bytes [a, a+n) as a little-endian number (a must be readable). */
static uint64_t user_word(const uint8_t *a, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i--;)
		v = v << 8 | ureg_expected(a + i);
	return v;
}

/*
 * Function f through a reader or writer over [p, p+len) skipped by off;
 * *out the value found.  The cursor must not move.  The compare-exchanges
 * expect the value the region holds there and store it inverted; the
 * futex ops take the argument 0xffffffff.
 */
static int call_fn(int f, uint8_t *p, size_t len, size_t off, uint64_t *out)
{
	struct vm_freader r = reader_at(p, len);
	struct vm_fwriter w = writer_at(p, len);
	uint8_t *at = p + off;
	uint64_t expected = ureg_readable(at) ? user_word(at, fn_size(f)) : 0;
	uint32_t o32 = 0xa5a5a5a5u;
	uint64_t o64 = 0xa5a5a5a5a5a5a5a5ULL;
	int err;

	vm_freader_skip(&r, off);
	vm_fwriter_skip(&w, off);
	switch (f) {
	case F_LOAD32: err = vm_freader_atomic_load_u32(&r, &o32); break;
	case F_LOAD64: err = vm_freader_atomic_load_u64(&r, &o64); break;
	case F_CAS32:
		err = vm_fwriter_atomic_cmpxchg_u32(&w, (uint32_t)expected, ~(uint32_t)expected, &o32);
		break;
	case F_CAS64: err = vm_fwriter_atomic_cmpxchg_u64(&w, expected, ~expected, &o64); break;
	default:
		err = vm_fwriter_atomic_fetch_op_u32(&w, ops[f - F_FETCH0], 0xffffffffu, &o32);
		break;
	}
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)at);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)at);
	VT_EQ(vm_freader_remain(&r), len - off);
	if (err) {
		/* Nothing stored to the caller's variable. */
		VT_EQ(o32, 0xa5a5a5a5u);
		VT_EQ(o64, 0xa5a5a5a5a5a5a5a5ULL);
	}
	*out = fn_size(f) == 8 ? o64 : o32;
	return err;
}

/*
 * Every function at every cursor offset across an edge of the region
 * (hole to read-write, read-write to read-only, read-write to hole,
 * read-only to hole), with ranges that end at, before and after the word:
 * EINVAL when short or misaligned (even in a hole: no access made),
 * EFAULT where the word cannot be reached, else the value and its update;
 * neighbouring bytes keep their pattern.
 */
VT_CASE(atomic_every_offset_across_edges)
{
	ureg_setup();
	uint8_t *edges[] = { ureg_page(UREG_RW), ureg_page(UREG_RO), ureg_page(UREG_RO + 1),
			     ureg_page(UREG_RW2), ureg_page(UREG_RW2 + 1) };
	uint8_t back[48];

	for (unsigned e = 0; e < COUNT(edges); e++)
		for (int f = 0; f < F_COUNT; f++)
			for (size_t start = 0; start < 24; start += 5) {
				uint8_t *p = edges[e] - 24 + start;
				size_t size = fn_size(f);
				int writes = f >= F_CAS32;

				for (size_t len = 0; len <= 24; len += 3)
					for (size_t off = 0; off <= len; off++) {
						uint8_t *at = p + off;
						uint64_t got = 0, mask = size == 8 ? ~0ULL : 0xffffffffu;
						int want = len - off < size || (uintptr_t)at % size
								   ? VMIO_EINVAL
							   : (writes ? ureg_writable(at)
								     : ureg_readable(at)) ? 0
							   : VMIO_EFAULT;
						int err = call_fn(f, p, len, off, &got);

						VT_EQ(err, want);
						if (!err)
							VT_EQ(got, user_word(at, size) & mask);
						/* Memory: the new word where written, else unchanged. */
						uint64_t neww = f == F_CAS32 || f == F_CAS64 ? ~got
							: apply(ops[f >= F_FETCH0 ? f - F_FETCH0 : 0],
								(uint32_t)got, 0xffffffffu);
						ureg_read_back(back, edges[e] - 24, sizeof(back));
						for (size_t i = 0; i < sizeof(back); i++) {
							uint8_t *b = edges[e] - 24 + i;
							int in_word = !err && writes && b >= at && b < at + size;
							uint8_t exp = !ureg_readable(b) ? 0
								: in_word ? (uint8_t)(neww >> (8 * (b - at)))
								: ureg_expected(b);

							VT_EQ(back[i], exp);
						}
						if (!err && writes)
							ureg_restore(at, size);
						if (vt_case_failures())
							return;
					}
			}
}

VT_CASE(fetch_op_unknown_op_is_einval_without_access)
{
	ureg_setup();
	static const int bad[] = { -1, 5, 6, 100, -2147483647 - 1, 2147483647 };
	uint8_t *rw = ureg_page(UREG_RW2) + 8;
	uint8_t *hole = ureg_page(UREG_RW2 + 1);

	for (unsigned i = 0; i < COUNT(bad); i++) {
		struct vm_fwriter w = writer_at(rw, 4), wh = writer_at(hole, 4);
		uint32_t old = 0x77;

		put32(rw, 0x80000000u);
		VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, bad[i], 1, &old), VMIO_EINVAL);
		VT_EQ(vm_fwriter_atomic_fetch_op_u32(&wh, bad[i], 1, &old), VMIO_EINVAL);
		VT_EQ(old, 0x77);
		EQ_AS(uint32_t, get32(rw), 0x80000000u);
		VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)rw);
	}
	ureg_restore(rw, 4);
}

/* A read-only word: every writing atomic faults, whatever the values, and stores nothing. */
VT_CASE(atomic_read_only_page_faults_and_keeps_value)
{
	ureg_setup();
	uint8_t *ro = ureg_page(UREG_RO) + 40;
	uint32_t ro32 = (uint32_t)user_word(ro, 4);
	uint64_t ro64 = user_word(ro, 8);
	struct vm_fwriter w = writer_at(ro, 8);
	uint32_t o32 = 0x1234;
	uint64_t o64 = 0x1234;

	VT_EQ(vm_fwriter_atomic_cmpxchg_u32(&w, ro32, ro32 + 1, &o32), VMIO_EFAULT);
	VT_EQ(vm_fwriter_atomic_cmpxchg_u32(&w, ro32 + 1, 0, &o32), VMIO_EFAULT);
	VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, ro64, ro64 + 1, &o64), VMIO_EFAULT);
	VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, ro64 + 1, 0, &o64), VMIO_EFAULT);
	for (unsigned k = 0; k < COUNT(ops); k++) {
		/* Arguments that would leave the word as it is still fault. */
		uint32_t arg = ops[k] == VMIO_ATOMIC_SET ? ro32 : 0;

		VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, ops[k], arg, &o32), VMIO_EFAULT);
		VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, ops[k], 0x80000001u, &o32), VMIO_EFAULT);
	}
	VT_EQ(o32, 0x1234);
	VT_EQ(o64, 0x1234);
	EQ_AS(uint64_t, get64(ro), ro64);
}

/* A fallible writer over kernel memory (to_fallible) works the same way. */
VT_CASE(atomic_on_kernel_memory_through_to_fallible)
{
	static uint64_t cell[2] = { 0x8000000000000000ULL, 5 };
	struct vm_fwriter w = vm_writer_to_fallible(vm_writer_from_bytes(cell, sizeof(cell)));
	struct vm_freader r = vm_reader_to_fallible(vm_reader_from_bytes(cell, sizeof(cell)));
	uint64_t o64 = 0;
	uint32_t o32 = 0;

	VT_EQ(vm_fwriter_atomic_cmpxchg_u64(&w, 0x8000000000000000ULL, 1, &o64), 0);
	EQ_AS(uint64_t, o64, 0x8000000000000000ULL);
	VT_EQ(vm_freader_atomic_load_u64(&r, &o64), 0);
	EQ_AS(uint64_t, o64, 1);
	VT_EQ(vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, 0xffffffffu, &o32), 0);
	EQ_AS(uint32_t, o32, 1);
	VT_EQ(vm_freader_atomic_load_u32(&r, &o32), 0);
	EQ_AS(uint32_t, o32, 0);
	VT_EQ(cell[1], 5);
}
