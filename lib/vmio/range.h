/* Internal to lib/vmio: operations on the [cursor, end) state of all four kinds. */
#ifndef VMIO_LIB_RANGE_H
#define VMIO_LIB_RANGE_H

#include "vmio/reader.h"

/* The size of a stack bounce buffer: VMIO_READ_BOUNCE, but C has no empty arrays. */
#define VMIO_BOUNCE_ROOM (VMIO_READ_BOUNCE > 0 ? VMIO_READ_BOUNCE : 1)

/*@ requires \valid_read(x) && vm_inv(x);
    assigns \nothing;
    exits \false;
    ensures \result == vm_left(x); */
static inline size_t range_left(const struct vm_range *x)
{
	return x->end - x->cursor;
}

/*@ assigns \nothing;
    exits \false;
    ensures \result == vm_min(a, b); */
static inline size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* [ptr, ptr+len) as a range, or an empty one (after a panic) if it wraps. */
/*@ assigns \nothing;
    exits \false;
    ensures \result.cursor == ptr;
    behavior fits:
      assumes ptr + len <= UINTPTR_MAX;
      ensures \result.end == ptr + len;
    behavior wraps:
      assumes ptr + len > UINTPTR_MAX;
      ensures \result.end == ptr;
    complete behaviors;
    disjoint behaviors; */
struct vm_range vmio_range_kernel(uintptr_t ptr, size_t len);

/* 0 and *out set when [ptr, ptr+len) is user memory, else VMIO_EFAULT. */
/*@ requires \valid(out) && vm_closed_ok;
    assigns *out VM_CLOSED_ASSIGNS;
    exits \false;
    ensures vm_closed_ok;
    behavior user:
      assumes vm_user(ptr, len);
      ensures \result == 0 && out->cursor == ptr && out->end == ptr + len;
    behavior refused:
      assumes !vm_user(ptr, len);
      ensures out->cursor == \old(out->cursor) && out->end == \old(out->end);
      ensures \result == VMIO_EFAULT;
    complete behaviors;
    disjoint behaviors; */
int vmio_range_user(struct vm_range *out, uintptr_t ptr, size_t len);

/* Copy min(left of src, left of dst) bytes with the fallible copy, advance
 * both by the count done; 0 or VMIO_EFAULT, *n the count. */
/*@ requires \valid(dst) && \valid(src) && \valid(n) && \separated(dst, src, n);
    requires vm_inv(dst) && vm_inv(src);
    assigns dst->cursor, src->cursor, *n,
            ((char *)dst->cursor)[0 .. vm_min(vm_left(dst), vm_left(src)) - 1];
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(dst)), \old(vm_left(src)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(dst)), \old(vm_left(src)));
    ensures dst->cursor == \old(dst->cursor) + *n && src->cursor == \old(src->cursor) + *n;
    ensures vm_inv(dst) && vm_inv(src);
    behavior accessible:
      assumes \valid((char *)dst->cursor + (0 .. vm_min(vm_left(dst), vm_left(src)) - 1));
      assumes \valid_read((char *)src->cursor + (0 .. vm_min(vm_left(dst), vm_left(src)) - 1));
      ensures \result == 0; */
int vmio_range_copy(struct vm_range *dst, struct vm_range *src, size_t *n);

/* Read size bytes at x's cursor into val, all or nothing for val (see
 * VMIO_READ_BOUNCE); 0, VMIO_EINVAL or VMIO_EFAULT. */
/*@ requires \valid(x) && vm_inv(x) && vm_buf((char *)val, size);
    assigns x->cursor, ((char *)val)[0 .. size - 1];
    exits \false;
    ensures vm_inv(x);
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result == 0 ==> x->cursor == \old(x->cursor) + size;
    ensures \result != 0 ==> x->cursor == \old(x->cursor);
    ensures \result == VMIO_EINVAL <==> \old(vm_left(x)) < size;
    ensures kept: \result != 0 && (size <= VMIO_READ_BOUNCE || \result == VMIO_EINVAL) ==>
      vm_kept{Old, Here}((char *)val, size);
    ensures zeroed: \result == VMIO_EFAULT && size > VMIO_READ_BOUNCE ==>
      vm_zero((char *)val, size); */
int vmio_range_read_whole(struct vm_range *x, void *val, size_t size);

/* One once-access of size bytes at x's cursor; see vm_*_once_n. */
/*@ requires \valid(x) && vm_inv(x);
    requires \valid((uint8_t *)val + (0 .. size - 1));
    assigns x->cursor, ((uint8_t *)val)[0 .. size - 1];
    ensures vm_inv(x);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(x) && x->cursor % size == 0;
      ensures \result == 0 || (fallible != 0 && \result == VMIO_EFAULT);
      ensures \result == 0 ==> x->cursor == \old(x->cursor) + size;
      ensures \result != 0 ==> x->cursor == \old(x->cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(x) && x->cursor % size == 0);
      ensures \result == VMIO_EINVAL && x->cursor == \old(x->cursor);
    complete behaviors;
    disjoint behaviors; */
int vmio_range_load_once(struct vm_range *x, void *val, size_t size, int fallible);
/*@ requires \valid(x) && vm_inv(x) && vm_apart(x);
    requires \valid_read((uint8_t *)val + (0 .. size - 1));
    assigns x->cursor, *(uint8_t *)x->cursor, *(uint16_t *)x->cursor,
            *(uint32_t *)x->cursor, *(uint64_t *)x->cursor;
    ensures vm_inv(x);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(x) && x->cursor % size == 0;
      ensures \result == 0 || (fallible != 0 && \result == VMIO_EFAULT);
      ensures \result == 0 ==> x->cursor == \old(x->cursor) + size;
      ensures \result != 0 ==> x->cursor == \old(x->cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(x) && x->cursor % size == 0);
      ensures \result == VMIO_EINVAL && x->cursor == \old(x->cursor);
    complete behaviors;
    disjoint behaviors; */
int vmio_range_store_once(struct vm_range *x, const void *val, size_t size, int fallible);

#endif
