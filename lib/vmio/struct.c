/* Extensible structs (vmio/struct.h): Linux's copy_struct_from_user and its mirror. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/struct.h"

#define WORD sizeof(uint64_t)

/* The word v with its bytes below lo and from hi on cleared (0 <= lo < hi <= 8). */
/*@ requires 0 <= lo < hi <= 8;
    assigns \nothing;
    exits \false;
    ensures \result == vm_wbytes(v, lo, hi); */
static uint64_t word_bytes(uint64_t v, size_t lo, size_t hi)
{
	if (lo > 0) /* little endian: low bytes come first */
		v &= ~(~(uint64_t)0 >> (64 - 8 * lo));
	if (hi < WORD)
		v &= ~(uint64_t)0 >> (64 - 8 * hi);
	return v;
}

/*
 * Whether [x->cursor, x->end) is all zero bytes, word at a time: 0 with
 * *zeroed, or VMIO_EFAULT.  Each load is of the aligned word holding the
 * next byte; bytes of it outside the range are masked off.
 */
/*@ requires \valid_read(x) && vm_inv(x) && \valid(zeroed) && \separated(x, zeroed);
    assigns *zeroed;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *zeroed == 0 || *zeroed == 1;
    ensures \result == 0 ==> (*zeroed == 1 <==> vm_uzero(x->cursor, x->end));
    ensures \result != 0 ==> *zeroed == \old(*zeroed); */
static int range_zeroed(const struct vm_range *x, int *zeroed)
{
	uintptr_t a = x->cursor - x->cursor % WORD;
	uint64_t v;

	if (x->cursor == x->end) {
		*zeroed = 1;
		return 0;
	}
	/*@ loop invariant a % WORD == 0 && a < x->end && x->cursor < a + WORD;
	    loop invariant \forall integer b; b % WORD == 0 && x->cursor - WORD < b < a ==>
	      vm_uzero_word(b, x->cursor, x->end);
	    loop assigns a, v;
	    loop variant x->end - a; */
	for (;;) {
		if (vmio_arch_load_u64_fallible((const void *)a, &v))
			return VMIO_EFAULT;
		v = word_bytes(v, a < x->cursor ? x->cursor - a : 0,
			       x->end - a < WORD ? x->end - a : WORD);
		if (v || x->end - a <= WORD)
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
/*@ requires \valid_read(p + (0 .. len - 1));
    assigns \nothing;
    exits \false;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> \forall integer j; 0 <= j < len ==> p[j] == 0; */
static int kernel_zeroed(const char *p, size_t len)
{
	size_t i;

	/*@ loop invariant 0 <= i <= len;
	    loop invariant \forall integer j; 0 <= j < i ==> p[j] == 0;
	    loop assigns i;
	    loop variant len - i; */
	for (i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

/*
 * read_struct but for the error rule on val beyond VMIO_READ_BOUNCE: the
 * common prefix through vmio_range_read_whole (val unchanged on error when
 * ksize <= VMIO_READ_BOUNCE), then the kernel's tail zeroed.
 */
/*@ requires \valid(x) && vm_inv(x) && vm_buf((char *)val, ksize);
    assigns x->cursor, ((char *)val)[0 .. ksize - 1];
    exits \false;
    ensures vm_inv(x);
    ensures \result == 0 || \result == VMIO_E2BIG || \result == VMIO_EFAULT;
    ensures \result == 0 ==> x->cursor == \old(x->end);
    ensures \result != 0 ==> x->cursor == \old(x->cursor);
    ensures e2big: \result == VMIO_E2BIG ==> \old(vm_left(x)) > ksize &&
      !vm_uzero(\old(x->cursor) + ksize, \old(x->end));
    ensures extra: \result == 0 && \old(vm_left(x)) > ksize ==>
      vm_uzero(\old(x->cursor) + ksize, \old(x->end));
    ensures tail: \result == 0 && \old(vm_left(x)) < ksize ==>
      vm_zero((char *)val + \old(vm_left(x)), ksize - \old(vm_left(x))); */
static int read_struct(struct vm_range *x, void *val, size_t ksize)
{
	size_t usize = range_left(x), n = min_size(usize, ksize);
	struct vm_range extra = { x->cursor, x->end };
	size_t left;
	int zeroed, err;

	if (usize > ksize) {
		extra.cursor = x->cursor + ksize;
		err = range_zeroed(&extra, &zeroed);
		if (err)
			return err;
		if (!zeroed)
			return VMIO_E2BIG;
	}
	err = vmio_range_read_whole(x, val, n);
	if (err)
		return err;
	left = __memset_fallible((char *)val + n, 0, ksize - n); /* kernel memory: never faults */
	//@ assert left == 0;
	(void)left;
	//@ assert ztail: vm_zero((char *)val + n, ksize - n);
	//@ assert usize < ksize ==> n == usize && usize == \at(vm_left(x), Pre);
	//@ assert usize < ksize ==> vm_zero((char *)val + usize, ksize - usize);
	x->cursor = x->end; /* past the user's extra bytes too, all zero */
	return 0;
}

int (vm_freader_read_struct)(struct vm_freader *r, void *val, size_t ksize)
{
	int err = read_struct(&r->r, val, ksize);

	if (err && ksize > VMIO_READ_BOUNCE)
		__memset_fallible(val, 0, ksize); /* no partial struct */
	return err;
}

int (vm_fwriter_write_struct)(struct vm_fwriter *w, const void *val, size_t ksize)
{
	size_t usize = range_left(&w->r), n = min_size(usize, ksize);
	char *dst = (char *)w->r.cursor;

	if (usize < ksize) {
		if (!kernel_zeroed((const char *)val + usize, ksize - usize))
			return VMIO_E2BIG;
	}
	if (__memcpy_fallible(dst, val, n))
		return VMIO_EFAULT;
	if (__memset_fallible(dst + n, 0, usize - n))
		return VMIO_EFAULT;
	w->r.cursor += usize;
	return 0;
}
