/*
 * A read into the caller's memory that fails leaves no partial data there:
 * up to VMIO_READ_BOUNCE bytes the buffer is unchanged, above it zeroed
 * whole after a fault; the cursor is where it was.  Checked at every fault
 * offset: the first k bytes of the source are readable, byte k is not.
 */
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define OLD 0xee /* the caller's bytes before the call */
#define GUARD 16 /* bytes past the value that nothing may touch */
#define BIG 300  /* over VMIO_READ_BOUNCE: zeroed after a fault */

static uint8_t val[BIG + GUARD];

/* Are val[from, to) all b? */
static int all(size_t from, size_t to, uint8_t b)
{
	for (size_t i = from; i < to; i++)
		if (val[i] != b)
			return 0;
	return 1;
}

/* val as a failed read of size bytes must leave it. */
static int untouched_or_zero(size_t size)
{
	return all(0, size, size > VMIO_READ_BOUNCE ? 0 : OLD) &&
	       all(size, sizeof(val), OLD);
}

VT_CASE(failed_read_val_leaves_no_partial_value)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);

	for (size_t size = 1; size <= 64; size++)
		for (size_t k = 0; k < size; k++) {
			struct vm_freader r;

			memset(val, OLD, sizeof(val));
			VT_EQ(vm_freader_from_user_space(&r, hole - k, size), 0);
			VT_EQ(vm_freader_read_val(&r, val, size), VMIO_EFAULT);
			VT_CHECK(untouched_or_zero(size));
			VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)(hole - k));
		}
	/* The same reads succeed where the source is whole. */
	struct vm_freader r;
	memset(val, OLD, sizeof(val));
	VT_EQ(vm_freader_from_user_space(&r, hole - 64, 64), 0);
	VT_EQ(vm_freader_read_val(&r, val, 64), 0);
	VT_EQ(val[63], ureg_expected(hole - 1));
	VT_EQ(val[64], OLD);
}

VT_CASE(failed_big_read_val_is_zeroed_whole)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);
	static const size_t ks[] = { 0, 1, 7, 150, BIG - 1 };

	for (unsigned i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct vm_freader r;

		memset(val, OLD, sizeof(val));
		VT_EQ(vm_freader_from_user_space(&r, hole - ks[i], BIG), 0);
		VT_EQ(vm_freader_read_val(&r, val, BIG), VMIO_EFAULT);
		VT_CHECK(untouched_or_zero(BIG));
		VT_EQ(vm_freader_remain(&r), BIG);
	}
}

VT_CASE(failed_collect_leaves_no_partial_data)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);
	static const size_t bigs[] = { 0, 1, 150, BIG - 1 };
	size_t n = 99;

	for (size_t len = 1; len <= 64; len++)
		for (size_t k = 0; k < len; k++) {
			struct vm_freader r;

			memset(val, OLD, sizeof(val));
			VT_EQ(vm_freader_from_user_space(&r, hole - k, len), 0);
			VT_EQ(vm_freader_collect(&r, val, sizeof(val), &n), VMIO_EFAULT);
			VT_CHECK(untouched_or_zero(len));
			VT_EQ(vm_freader_remain(&r), len);
			VT_EQ(n, 99);
		}
	for (unsigned i = 0; i < sizeof(bigs) / sizeof(bigs[0]); i++) {
		struct vm_freader r;

		memset(val, OLD, sizeof(val));
		VT_EQ(vm_freader_from_user_space(&r, hole - bigs[i], BIG), 0);
		VT_EQ(vm_freader_collect(&r, val, sizeof(val), &n), VMIO_EFAULT);
		VT_CHECK(untouched_or_zero(BIG));
		VT_EQ(vm_freader_remain(&r), BIG);
	}
}

/* A VmIo object over user memory, whose read can fault part way. */
struct user_obj {
	struct vmio io;
	uint8_t *base;
	size_t size;
};

static int user_obj_read(const struct vmio *io, size_t offset, struct vm_fwriter *w)
{
	const struct user_obj *o = vmio_container_of(io, const struct user_obj, io);
	size_t len = vm_fwriter_avail(w), n;
	struct vm_freader r;

	if (offset > o->size || len > o->size - offset)
		return VMIO_EINVAL;
	if (vm_freader_from_user_space(&r, o->base + offset, len))
		return VMIO_EINVAL;
	return vm_freader_read_fallible(&r, w, &n);
}

static int user_obj_write(const struct vmio *io, size_t offset, struct vm_freader *r)
{
	(void)io, (void)offset, (void)r;
	return VMIO_EINVAL;
}

static const struct vmio_ops user_obj_ops = { user_obj_read, user_obj_write, NULL };

VT_CASE(failed_vmio_reads_leave_no_partial_data)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);
	struct user_obj o = { { &user_obj_ops }, hole - 512, 1024 };

	for (size_t size = 1; size <= 64; size++)
		for (size_t k = 0; k < size; k++) {
			size_t off = 512 - k;

			memset(val, OLD, sizeof(val));
			VT_EQ(vmio_read_val(&o.io, off, val, size), VMIO_EFAULT);
			VT_CHECK(untouched_or_zero(size));
			memset(val, OLD, sizeof(val));
			VT_EQ(vmio_read_bytes(&o.io, off, val, size), VMIO_EFAULT);
			VT_CHECK(untouched_or_zero(size));
			if (size % 4 == 0) {
				memset(val, OLD, sizeof(val));
				VT_EQ(vmio_read_slice(&o.io, off, val, size / 4, 4), VMIO_EFAULT);
				VT_CHECK(untouched_or_zero(size));
			}
		}
	/* Big: zeroed after a fault; out of bounds changes nothing. */
	memset(val, OLD, sizeof(val));
	VT_EQ(vmio_read_bytes(&o.io, 512 - 100, val, BIG), VMIO_EFAULT);
	VT_CHECK(untouched_or_zero(BIG));
	memset(val, OLD, sizeof(val));
	VT_EQ(vmio_read_bytes(&o.io, 1024 - 100, val, BIG), VMIO_EINVAL);
	VT_CHECK(all(0, sizeof(val), OLD));
	/* A read that works copies it all. */
	memset(val, OLD, sizeof(val));
	VT_EQ(vmio_read_val(&o.io, 512 - 64, val, 64), 0);
	VT_EQ(val[0], ureg_expected(hole - 64));
	VT_EQ(val[63], ureg_expected(hole - 1));
	VT_EQ(val[64], OLD);
	memset(val, OLD, sizeof(val));
	VT_EQ(vmio_read_bytes(&o.io, 0, val, BIG), 0);
	VT_EQ(val[BIG - 1], ureg_expected(hole - 512 + BIG - 1));
	VT_EQ(val[BIG], OLD);
}

VT_CASE(failed_read_once_leaves_the_value)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RO + 1);
	struct vm_freader r;
	uint64_t d = 0xeeeeeeeeeeeeeeeeULL;
	uint32_t w = 0xeeeeeeeeu;
	uint16_t h = 0xeeee;
	uint8_t b = 0xee;

	VT_EQ(vm_freader_from_user_space(&r, hole, 8), 0);
	VT_EQ(vm_freader_read_once(&r, &d), VMIO_EFAULT);
	VT_CHECK(d == 0xeeeeeeeeeeeeeeeeULL);
	VT_EQ(vm_freader_read_once(&r, &w), VMIO_EFAULT);
	VT_CHECK(w == 0xeeeeeeeeu);
	VT_EQ(vm_freader_read_once(&r, &h), VMIO_EFAULT);
	VT_CHECK(h == 0xeeee);
	VT_EQ(vm_freader_read_once(&r, &b), VMIO_EFAULT);
	VT_CHECK(b == 0xee);
	VT_EQ(vm_freader_remain(&r), 8);
}
