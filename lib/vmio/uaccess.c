/* Linux's user-access API on vmio's readers, writers and primitives (vmio/uaccess.h). */
#include <limits.h>

#include "range.h"
#include "user_bounds.h"

#include "vmio/atomic.h"
#include "vmio/reader.h"
#include "vmio/struct.h"
#include "vmio/uaccess.h"
#include "vmio/user_range.h"

/*
 * The address user_ptr() hands out, as a pointer of p's type.  The proofs
 * see p itself: user_ptr ensures the two are equal, and WP does not follow
 * an integer-to-pointer cast.
 */
#ifdef __FRAMAC__
#define AS_PTR(p, u) (p)
#else
#define AS_PTR(p, u) ((__typeof__(p))(u))
#endif

bool vmio_access_ok(const void *p, size_t n)
{
	struct vm_range r;

	return vmio_range_user(&r, (uintptr_t)p, n) == 0;
}

/*
 * [p, p + n) checked against the user range: 0 and *up the address to use
 * (masked without a branch, as every user reader's is), or VMIO_EFAULT.
 */
/*@ requires \valid(up);
    assigns *up;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 <==> vm_user{Pre}((uintptr_t)p, n);
    ensures \result == 0 ==> *up == (uintptr_t)p; */
static int user_ptr(const void *p, size_t n, uintptr_t *up)
{
	struct vm_range r;

	if (vmio_range_user(&r, (uintptr_t)p, n))
		return VMIO_EFAULT;
	*up = r.cursor;
	return 0;
}

/* Zero n bytes of kernel memory (none if [p, p + n) wraps: no buffer does). */
/*@ requires \valid((char *)p + (0 .. n - 1));
    assigns ((char *)p)[0 .. n - 1]; */
static void zero(void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;
	struct vm_writer w;

	if (n > UINTPTR_MAX - a)
		return;
	w = vm_writer_from_kernel_space(p, n);
	vm_writer_fill_zeros(&w, n);
}

unsigned long vmio_copy_from_user(void *to, const void *from, unsigned long n)
{
	struct vm_freader r;
	struct vm_writer w;
	size_t done = 0;

	if (vm_freader_from_user_space(&r, from, n) == 0) {
		w = vm_writer_from_kernel_space(to, n);
		vm_freader_read_fallible_to(&r, &w, &done);
	}
	zero((char *)to + done, n - done);
	return n - done;
}

unsigned long vmio_copy_to_user(void *to, const void *from, unsigned long n)
{
	struct vm_fwriter w;
	struct vm_reader r;
	size_t done = 0;

	if (vm_fwriter_from_user_space(&w, to, n) == 0) {
		r = vm_reader_from_kernel_space(from, n);
		vm_fwriter_write_fallible_from(&w, &r, &done);
	}
	return n - done;
}

unsigned long vmio_clear_user(void *to, unsigned long n)
{
	struct vm_fwriter w;
	size_t done = 0;

	if (vm_fwriter_from_user_space(&w, to, n) == 0)
		vm_fwriter_fill_zeros(&w, n, &done);
	return n - done;
}

unsigned long vmio_raw_copy_from_user(void *to, const void *from, unsigned long n)
{
	uintptr_t u;

	if (user_ptr(from, n, &u))
		return n;
	return __memcpy_fallible(to, AS_PTR(from, u), n);
}

long vmio_copy_from_user_nofault(void *dst, const void *src, size_t size)
{
	uintptr_t u;

	if (user_ptr(src, size, &u) || __memcpy_fallible(dst, AS_PTR(src, u), size))
		return VMIO_EFAULT;
	return 0;
}

long vmio_copy_to_user_nofault(void *dst, const void *src, size_t size)
{
	uintptr_t u;

	if (user_ptr(dst, size, &u) || __memcpy_fallible(AS_PTR(dst, u), src, size))
		return VMIO_EFAULT;
	return 0;
}

/*
 * How many bytes from src a string call may scan: min(count, end of the
 * user range - src), or 0 when src is not in the user range.
 */
/*@ assigns \nothing;
    ensures \result <= count;
    ensures \result == 0 || (vmio_user_range.start <= (uintptr_t)src &&
      (uintptr_t)src + \result <= vmio_user_range.end);
    ensures count > 0 && vmio_user_range.start <= (uintptr_t)src < vmio_user_range.end ==>
      \result > 0;
    ensures !(vmio_user_range.start <= (uintptr_t)src < vmio_user_range.end) ==>
      \result == 0; */
static size_t scan_limit(const char *src, size_t count)
{
	uintptr_t start, end, p = (uintptr_t)src;

	vmio_user_range_get(&start, &end);
	if (p < start || p >= end)
		return 0;
	return count < end - p ? count : end - p;
}

long vmio_strncpy_from_user(char *dst, const char *src, long count)
{
	size_t max, len = 0;
	uintptr_t u;
	int r;

	if (count <= 0)
		return 0;
	max = scan_limit(src, (size_t)count);
	if (!max || user_ptr(src, max, &u))
		return VMIO_EFAULT;
	r = __strncpy_fallible(dst, AS_PTR(src, u), max, &len);
	/*@ assert len <= max <= (size_t)count && (size_t)count == count; */
	if (r == 0)
		return (long)len;
	if (r == VMIO_ENAMETOOLONG && max == (size_t)count)
		return count;
	return VMIO_EFAULT; /* a fault, or the string runs past the user range */
}

long vmio_strnlen_user(const char *src, long n)
{
	size_t max, len = 0;
	uintptr_t u;
	int r;

	if (n <= 0)
		return 0;
	max = scan_limit(src, (size_t)n);
	if (!max || user_ptr(src, max, &u))
		return 0;
	r = __strnlen_fallible(AS_PTR(src, u), max, &len);
	if (r == 0)
		return (long)len + 1;
	if (r == VMIO_ENAMETOOLONG && max == (size_t)n)
		return n < LONG_MAX ? n + 1 : n; /* (max < LONG_MAX: never n itself) */
	return 0;
}

long vmio_strncpy_from_user_nofault(char *dst, const void *src, long count)
{
	long ret;

	if (count <= 0)
		return 0;
	ret = vmio_strncpy_from_user(dst, src, count);
	if (ret >= count) {
		dst[count - 1] = 0;
		return count;
	}
	return ret > 0 ? ret + 1 : ret;
}

int vmio_check_zeroed_user(const void *from, size_t size)
{
	struct vm_freader r;
	int zeroed = 0;

	if (size == 0)
		return 1;
	if (vm_freader_from_user_space(&r, from, size))
		return VMIO_EFAULT;
	if (vm_freader_check_zeroed(&r, &zeroed))
		return VMIO_EFAULT;
	return zeroed;
}

int vmio_copy_struct_from_user(void *dst, size_t ksize, const void *src, size_t usize)
{
	size_t size = ksize < usize ? ksize : usize;
	size_t rest = (ksize > usize ? ksize : usize) - size;

	if (usize < ksize) {
		zero((char *)dst + size, rest);
	} else if (usize > ksize) {
		uintptr_t start = (uintptr_t)src;
		int ret;

		if (start > UINTPTR_MAX - usize)
			return VMIO_EFAULT; /* wraps: not a user range */
		ret = vmio_check_zeroed_user((const void *)(start + size), rest);

		if (ret <= 0)
			return ret ? ret : VMIO_E2BIG;
	}
	if (vmio_copy_from_user(dst, src, size))
		return VMIO_EFAULT;
	return 0;
}

/* Whether any of the kernel bytes p[from .. to - 1] is nonzero. */
/*@ requires \valid_read(p + (from .. to - 1));
    assigns \nothing;
    ensures \result == 1 <==> \exists integer i; from <= i < to && p[i] != 0; */
static bool any_nonzero(const char *p, size_t from, size_t to)
{
	/*@ loop invariant from <= i <= to || (to < from && i == from);
	    loop invariant \forall integer j; from <= j < i ==> p[j] == 0;
	    loop assigns i;
	    loop variant to - i; */
	for (size_t i = from; i < to; i++)
		if (p[i])
			return true;
	return false;
}

int vmio_copy_struct_to_user(void *dst, size_t usize, const void *src, size_t ksize,
			     bool *ignored_trailing)
{
	size_t size = ksize < usize ? ksize : usize;
	size_t rest = (ksize > usize ? ksize : usize) - size;

	if (usize > ksize && vmio_clear_user((char *)dst + size, rest))
		return VMIO_EFAULT;
	if (ignored_trailing)
		*ignored_trailing = ksize > usize && any_nonzero(src, usize, ksize);
	if (vmio_copy_to_user(dst, src, size))
		return VMIO_EFAULT;
	return 0;
}

int vmio_futex_atomic_cmpxchg_inatomic(uint32_t *uval, uint32_t *uaddr, uint32_t oldval,
				       uint32_t newval)
{
	uintptr_t u;

	if (user_ptr(uaddr, sizeof(*uaddr), &u))
		return VMIO_EFAULT;
	return vmio_cmpxchg_u32_fallible(AS_PTR(uaddr, u), oldval, newval, uval);
}

int vmio_arch_futex_atomic_op_inuser(int op, uint32_t oparg, int *oval, uint32_t *uaddr)
{
	uint32_t old = 0, *p;
	uintptr_t u;
	int r;

	if (user_ptr(uaddr, sizeof(*uaddr), &u))
		return VMIO_EFAULT;
	if (op < VMIO_FUTEX_OP_SET || op > VMIO_FUTEX_OP_XOR)
		return VMIO_ENOSYS;
	if ((uintptr_t)uaddr % sizeof(*uaddr))
		return VMIO_EINVAL;
	p = AS_PTR(uaddr, u);
	if (op == VMIO_FUTEX_OP_SET)
		r = vmio_arch_fetch_set_u32_fallible(p, oparg, &old);
	else if (op == VMIO_FUTEX_OP_ADD)
		r = vmio_arch_fetch_add_u32_fallible(p, oparg, &old);
	else if (op == VMIO_FUTEX_OP_OR)
		r = vmio_arch_fetch_or_u32_fallible(p, oparg, &old);
	else if (op == VMIO_FUTEX_OP_ANDN)
		r = vmio_arch_fetch_andn_u32_fallible(p, oparg, &old);
	else
		r = vmio_arch_fetch_xor_u32_fallible(p, oparg, &old);
	if (r == 0)
		*oval = (int)old;
	return r;
}

int vmio__get_user_n(uint64_t *val, const void *uptr, size_t size)
{
	uint64_t v = 0;
	uintptr_t u;
	const void *ptr;
	int r;

	if (user_ptr(uptr, size, &u))
		return VMIO_EFAULT;
	ptr = AS_PTR(uptr, u);
	if ((uintptr_t)ptr % size) {
		r = __memcpy_fallible(&v, ptr, size) ? VMIO_EFAULT : 0;
	} else if (size == 1) {
		uint8_t b;

		r = vmio_load_u8_fallible(ptr, &b);
		v = b;
	} else if (size == 2) {
		uint16_t h;

		r = vmio_load_u16_fallible(ptr, &h);
		v = h;
	} else if (size == 4) {
		uint32_t s;

		r = vmio_load_u32_fallible(ptr, &s);
		v = s;
	} else {
		r = vmio_load_u64_fallible(ptr, &v);
	}
	if (r)
		return VMIO_EFAULT;
	*val = v;
	return 0;
}

int vmio__put_user_n(void *uptr, const void *val, size_t size)
{
	uint64_t v = 0;
	uintptr_t u;
	void *ptr;
	int r;

	if (user_ptr(uptr, size, &u))
		return VMIO_EFAULT;
	ptr = AS_PTR(uptr, u);
	if (size == 1) /* val holds a value of this size, aligned for it */
		v = *(const uint8_t *)val;
	else if (size == 2)
		v = *(const uint16_t *)val;
	else if (size == 4)
		v = *(const uint32_t *)val;
	else
		v = *(const uint64_t *)val;
	if ((uintptr_t)ptr % size)
		r = __memcpy_fallible(ptr, &v, size) ? VMIO_EFAULT : 0;
	else if (size == 1)
		r = vmio_store_u8_fallible(ptr, (uint8_t)v);
	else if (size == 2)
		r = vmio_store_u16_fallible(ptr, (uint16_t)v);
	else if (size == 4)
		r = vmio_store_u32_fallible(ptr, (uint32_t)v);
	else
		r = vmio_store_u64_fallible(ptr, v);
	return r ? VMIO_EFAULT : 0;
}

void *vmio_mask_user_address(const void *p)
{
	uintptr_t start, end;

	vmio_user_range_get(&start, &end);
	return (void *)vmio_arch_mask_user_ptr((uintptr_t)p, start, end - 1);
}
