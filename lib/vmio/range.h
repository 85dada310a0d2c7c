/* Internal to lib/vmio: operations on the [cursor, end) state of all four kinds. */
#ifndef VMIO_LIB_RANGE_H
#define VMIO_LIB_RANGE_H

#include "vmio/reader.h"

static inline size_t range_left(const struct vm_range *x)
{
	return x->end - x->cursor;
}

static inline size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* [ptr, ptr+len) as a range, or an empty one (after a panic) if it wraps. */
struct vm_range vmio_range_kernel(uintptr_t ptr, size_t len);

/* 0 and *out set when [ptr, ptr+len) is user memory, else VMIO_EINVAL. */
int vmio_range_user(struct vm_range *out, uintptr_t ptr, size_t len);

/* Copy min(left of src, left of dst) bytes with the fallible copy, advance
 * both by the count done; 0 or VMIO_EFAULT, *n the count. */
int vmio_range_copy(struct vm_range *dst, struct vm_range *src, size_t *n);

/* Read size bytes at x's cursor into val, all or nothing for val (see
 * VMIO_READ_BOUNCE); 0, VMIO_EINVAL or VMIO_EFAULT. */
int vmio_range_read_whole(struct vm_range *x, void *val, size_t size);

/* One once-access of size bytes at x's cursor; see vm_*_once_n. */
int vmio_range_load_once(struct vm_range *x, void *val, size_t size, int fallible);
int vmio_range_store_once(struct vm_range *x, const void *val, size_t size, int fallible);

#endif
