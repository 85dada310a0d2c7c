/* Extensible structs (vmio/struct.h): Linux's copy_struct_from_user and its mirror. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/struct.h"

#define WORD sizeof(uint64_t)

/*
 * Whether [x->cursor, x->end) is all zero bytes, word at a time: 0 with
 * *zeroed, or VMIO_EFAULT.  Each load is of the aligned word holding the
 * next byte; bytes of it outside the range are masked off.
 */
static int range_zeroed(const struct vm_range *x, int *zeroed)
{
	uintptr_t a = x->cursor & ~(uintptr_t)(WORD - 1);
	uint64_t v;

	if (x->cursor == x->end) {
		*zeroed = 1;
		return 0;
	}
	for (;;) {
		if (vmio_arch_load_u64_fallible((const void *)a, &v))
			return VMIO_EFAULT;
		if (a < x->cursor) /* little endian: low bytes come first */
			v &= ~(uint64_t)0 << 8 * (x->cursor - a);
		if (x->end - a <= WORD) {
			if (x->end - a < WORD)
				v &= ~(~(uint64_t)0 << 8 * (x->end - a));
			break;
		}
		if (v)
			break;
		a += WORD;
	}
	*zeroed = v == 0;
	return 0;
}

int (vm_freader_check_zeroed)(struct vm_freader *r, int *zeroed)
{
	return range_zeroed(&r->r, zeroed);
}

/* Whether the kernel bytes p[0..len) are all zero. */
static int kernel_zeroed(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

/* read_struct but for the error rule on val. */
static int read_struct(struct vm_range *x, uint8_t *val, size_t ksize)
{
	size_t usize = range_left(x), n = min_size(usize, ksize);
	const void *src = (const void *)x->cursor;
	int zeroed, err;

	if (usize > ksize) {
		struct vm_range extra = { x->cursor + ksize, x->end };

		err = range_zeroed(&extra, &zeroed);
		if (err)
			return err;
		if (!zeroed)
			return VMIO_E2BIG;
	}
	if (ksize <= VMIO_STRUCT_BOUNCE) {
		/* Through the stack: val changes only once all of it is in. */
		uint8_t bounce[VMIO_STRUCT_BOUNCE];

		if (__memcpy_fallible(bounce, src, n))
			return VMIO_EFAULT;
		__memcpy_fallible(val, bounce, n);
	} else if (__memcpy_fallible(val, src, n)) {
		return VMIO_EFAULT;
	}
	__memset_fallible(val + n, 0, ksize - n);
	x->cursor += usize;
	return 0;
}

int (vm_freader_read_struct)(struct vm_freader *r, void *val, size_t ksize)
{
	int err = read_struct(&r->r, val, ksize);

	if (err && ksize > VMIO_STRUCT_BOUNCE)
		__memset_fallible(val, 0, ksize); /* no partial struct */
	return err;
}

int (vm_fwriter_write_struct)(struct vm_fwriter *w, const void *val, size_t ksize)
{
	size_t usize = range_left(&w->r), n = min_size(usize, ksize);
	uint8_t *dst = (uint8_t *)w->r.cursor;

	if (usize < ksize && !kernel_zeroed((const uint8_t *)val + usize, ksize - usize))
		return VMIO_E2BIG;
	if (__memcpy_fallible(dst, val, n) || __memset_fallible(dst + n, 0, usize - n))
		return VMIO_EFAULT;
	w->r.cursor += usize;
	return 0;
}
