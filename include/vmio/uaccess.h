/*
 * Linux's user-access API on vmio, so that Linux system-call code ports
 * mechanically.  Every name is Linux's with the prefix vmio_; an embedder
 * that defines VMIO_LINUX_NAMES before including this header also gets the
 * bare Linux names as macros.  Semantics are Linux's, with Linux's negative
 * error values (VMIO_EFAULT -14, VMIO_EINVAL -22, VMIO_E2BIG -7,
 * VMIO_ENOSYS -38), except that every count is exact (Linux may report
 * fewer bytes done than it copied) and that every call taking a user
 * pointer and a length checks the whole range against the runtime user
 * range (vmio/user_range.h), as access_ok does.
 *
 * The calls are built on vmio's readers and writers and its primitives;
 * docs/API.md has the table from each Linux name to what it is built on.
 */
#ifndef VMIO_UACCESS_H
#define VMIO_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vmio/once.h"

#ifdef __FRAMAC__
#include "vmio/acsl.h"
#endif

/* The futex operations of vmio_arch_futex_atomic_op_inuser (Linux's values). */
#define VMIO_FUTEX_OP_SET 0  /* *uaddr = oparg */
#define VMIO_FUTEX_OP_ADD 1  /* *uaddr += oparg */
#define VMIO_FUTEX_OP_OR 2   /* *uaddr |= oparg */
#define VMIO_FUTEX_OP_ANDN 3 /* *uaddr &= ~oparg */
#define VMIO_FUTEX_OP_XOR 4  /* *uaddr ^= oparg */

/*
 * Whether [p, p + n) lies in the user range: start <= p and p + n <= end
 * without wrapping (so an empty range at end is allowed).
 */
/*@ assigns \nothing;
    ensures \result <==> vm_user((uintptr_t)p, n); */
bool vmio_access_ok(const void *p, size_t n);

/*
 * Copy n bytes from user address from to kernel address to.  Returns the
 * number of bytes not copied: 0, or n - k where from[k] could not be read;
 * the uncopied tail of to, all of it when the range is refused, is zeroed.
 */
/*@ requires vm_buf((char *)to, n);
    assigns ((char *)to)[0 .. n - 1];
    ensures \result <= n;
    ensures !vm_user{Pre}((uintptr_t)from, n) ==> \result == n; */
unsigned long vmio_copy_from_user(void *to, const void *from, unsigned long n);

/* Copy n bytes from kernel address from to user address to; returns the bytes not copied. */
/*@ requires vm_buf_read((char *)from, n);
    assigns ((char *)to)[0 .. n - 1];
    ensures \result <= n;
    ensures !vm_user{Pre}((uintptr_t)to, n) ==> \result == n; */
unsigned long vmio_copy_to_user(void *to, const void *from, unsigned long n);

/* Zero n bytes at user address to; returns the bytes not zeroed. */
/*@ assigns ((char *)to)[0 .. n - 1];
    ensures \result <= n;
    ensures !vm_user{Pre}((uintptr_t)to, n) ==> \result == n; */
unsigned long vmio_clear_user(void *to, unsigned long n);

/*
 * Linux's raw_copy_from_user (behind __copy_from_user and
 * __copy_from_user_inatomic): as vmio_copy_from_user, but the uncopied
 * tail of to keeps what it held.  Returns the bytes not copied; n, with
 * to unchanged, when the range is not in the user range.
 */
/*@ requires vm_buf((char *)to, n);
    requires \separated((char *)to + (0 .. n - 1), &vmio_user_range);
    assigns ((char *)to)[0 .. n - 1];
    ensures \result <= n;
    ensures !vm_user{Pre}((uintptr_t)from, n) ==> \result == n;
    ensures \forall integer i; n - \result <= i < n ==>
      ((char *)to)[i] == \old(((char *)to)[i]); */
unsigned long vmio_raw_copy_from_user(void *to, const void *from, unsigned long n);

/*
 * Linux's copy_from_user_nofault / copy_to_user_nofault: 0 when all size
 * bytes were copied, else VMIO_EFAULT (the range is not in the user range,
 * even when size is 0, or an access faulted: the bytes before the fault
 * are copied, the rest of dst keeps what it held).  vmio never takes a
 * page fault that sleeps, so these are the plain copies with Linux's
 * return convention.
 */
/*@ requires vm_buf((char *)dst, size);
    requires \separated((char *)dst + (0 .. size - 1), &vmio_user_range);
    assigns ((char *)dst)[0 .. size - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures !vm_user{Pre}((uintptr_t)src, size) ==> \result == VMIO_EFAULT; */
long vmio_copy_from_user_nofault(void *dst, const void *src, size_t size);

/*@ requires vm_buf_read((char *)src, size);
    assigns ((char *)dst)[0 .. size - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures !vm_user{Pre}((uintptr_t)dst, size) ==> \result == VMIO_EFAULT; */
long vmio_copy_to_user_nofault(void *dst, const void *src, size_t size);

/*
 * Copy the string at user address src and its NUL into dst, at most count
 * bytes.  Returns its length without the NUL; count if no NUL lies in the
 * first count bytes (dst then holds count bytes and no NUL); VMIO_EFAULT
 * on a fault or when src is not in the user range, or when the string runs
 * to the end of the user range first; 0 when count <= 0.  dst needs room
 * for count bytes; on VMIO_EFAULT it holds the bytes read before the fault.
 */
/*@ requires count > 0 ==> \valid(dst + (0 .. count - 1));
    requires count > 0 ==> \separated(dst + (0 .. count - 1), &vmio_user_range);
    assigns dst[0 .. count - 1];
    ensures count <= 0 ==> \result == 0;
    ensures \result == VMIO_EFAULT || \result >= 0;
    ensures \result <= count || (count <= 0 && \result == 0);
    ensures count > 0 && !vm_user{Pre}((uintptr_t)src, 1) ==> \result == VMIO_EFAULT;
    ensures 0 <= \result < count ==> dst[\result] == 0; */
long vmio_strncpy_from_user(char *dst, const char *src, long count);

/*
 * The length of the string at user address src including its NUL, looking
 * at no more than n bytes: n + 1 when no NUL lies there; 0 on a fault,
 * when src is not in the user range or when the string runs to the end of
 * the user range first, and when n <= 0.  (vm_freader_strnlen counts
 * without the NUL.)
 */
/*@ assigns \nothing;
    ensures n <= 0 ==> \result == 0;
    ensures 0 <= \result && (n > 0 ==> \result <= n + 1);
    ensures n > 0 && !vm_user{Pre}((uintptr_t)src, 1) ==> \result == 0; */
long vmio_strnlen_user(const char *src, long n);

/*
 * Linux's strncpy_from_user_nofault: vmio_strncpy_from_user, then the
 * length INCLUDING the NUL for a string shorter than count (but 0 for the
 * empty string, as Linux), count for one that is not, with its last byte
 * dst[count - 1] overwritten by a NUL; VMIO_EFAULT as
 * vmio_strncpy_from_user; 0 when count <= 0.
 */
/*@ requires count > 0 ==> \valid(dst + (0 .. count - 1));
    requires count > 0 ==> \separated(dst + (0 .. count - 1), &vmio_user_range);
    assigns dst[0 .. count - 1];
    ensures count <= 0 ==> \result == 0;
    ensures \result == VMIO_EFAULT || 0 <= \result <= count || (count <= 0 && \result == 0);
    ensures count > 0 && !vm_user{Pre}((uintptr_t)src, 1) ==> \result == VMIO_EFAULT;
    ensures count > 0 && \result == count ==> dst[count - 1] == 0;
    ensures 0 < \result < count ==> dst[\result - 1] == 0; */
long vmio_strncpy_from_user_nofault(char *dst, const void *src, long count);

/* 1 if the size bytes at user address from are all zero, 0 if not, VMIO_EFAULT; 1 when size is 0. */
/*@ assigns \nothing;
    ensures \result == 1 || \result == 0 || \result == VMIO_EFAULT;
    ensures size == 0 ==> \result == 1;
    ensures size > 0 && !vm_user{Pre}((uintptr_t)from, size) ==> \result == VMIO_EFAULT;
    ensures size > 0 && \result == 1 ==> vm_uzero((uintptr_t)from, (uintptr_t)from + size);
    ensures \result == 0 ==> !vm_uzero((uintptr_t)from, (uintptr_t)from + size); */
int vmio_check_zeroed_user(const void *from, size_t size);

/*
 * An extensible struct from user space (Linux's copy_struct_from_user):
 * the kernel's ksize bytes at dst get the min(ksize, usize) first bytes of
 * the user's, and zeros past usize.  In Linux's order: the kernel's tail
 * is zeroed first; a larger user struct must have only zeros past ksize,
 * else VMIO_E2BIG (VMIO_EFAULT if they cannot be read); then the common
 * part is copied (VMIO_EFAULT on a fault).  Returns 0 on success.
 */
/*@ requires vm_buf((char *)dst, ksize);
    requires \separated((char *)dst + (0 .. ksize - 1), &vmio_user_range);
    assigns ((char *)dst)[0 .. ksize - 1];
    ensures \result == 0 || \result == VMIO_E2BIG || \result == VMIO_EFAULT;
    ensures usize <= ksize ==> \result != VMIO_E2BIG;
    ensures \result == VMIO_E2BIG ==>
      !vm_uzero((uintptr_t)src + ksize, (uintptr_t)src + usize);
    ensures \result == 0 && usize > ksize ==>
      vm_uzero((uintptr_t)src + ksize, (uintptr_t)src + usize); */
int vmio_copy_struct_from_user(void *dst, size_t ksize, const void *src, size_t usize);

/*
 * An extensible struct to user space (Linux 6.13's copy_struct_to_user, as
 * documented): the user's usize bytes at dst get the kernel's first
 * min(ksize, usize) bytes, and zeros past ksize when the user's struct is
 * larger.  When the kernel's struct is larger and its tail holds a nonzero
 * byte, that tail is dropped and *ignored_trailing (if not NULL) is true,
 * else false.  Returns 0 or VMIO_EFAULT.
 */
/*@ requires vm_buf_read((char *)src, ksize);
    requires \separated((char *)src + (0 .. ksize - 1), (char *)dst + (0 .. usize - 1));
    requires ignored_trailing == \null || \valid(ignored_trailing);
    requires ignored_trailing != \null ==>
      \separated(ignored_trailing, (char *)dst + (0 .. usize - 1), &vmio_user_range);
    assigns ((char *)dst)[0 .. usize - 1], *ignored_trailing;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 && ignored_trailing != \null ==>
      (*ignored_trailing == 1 <==>
       ksize > usize && \exists integer i; usize <= i < ksize && \old(((char *)src)[i]) != 0); */
int vmio_copy_struct_to_user(void *dst, size_t usize, const void *src, size_t ksize,
			     bool *ignored_trailing);

/*
 * The futex word at user address uaddr: if it equals oldval, store newval;
 * *uval gets the value found.  One atomic compare-exchange, fully fenced.
 * Returns 0, VMIO_EFAULT (fault or not in the user range; *uval
 * unchanged), or VMIO_EINVAL when uaddr is not 4-byte aligned.
 */
/*@ requires \valid(uval) && \separated(uval, uaddr);
    assigns *uval, *uaddr;
    ensures \result == 0 || \result == VMIO_EFAULT || \result == VMIO_EINVAL;
    ensures !vm_user{Pre}((uintptr_t)uaddr, 4) ==> \result == VMIO_EFAULT;
    ensures vm_user{Pre}((uintptr_t)uaddr, 4) && (uintptr_t)uaddr % 4 != 0 ==>
      \result == VMIO_EINVAL;
    ensures \result != 0 ==> *uval == \old(*uval); */
int vmio_futex_atomic_cmpxchg_inatomic(uint32_t *uval, uint32_t *uaddr, uint32_t oldval,
				       uint32_t newval);

/*
 * One atomic read-modify-write of the futex word at uaddr with
 * VMIO_FUTEX_OP_SET/ADD/OR/ANDN/XOR and oparg; *oval gets the old value.
 * Returns 0, VMIO_EFAULT (fault or not in the user range), VMIO_EINVAL for
 * a misaligned uaddr, or VMIO_ENOSYS for another op (as Linux, after the
 * range check).  On error *oval is unchanged.
 */
/*@ requires \valid(oval) && \separated(oval, uaddr);
    assigns *oval, *uaddr;
    ensures \result == 0 || \result == VMIO_EFAULT || \result == VMIO_EINVAL ||
      \result == VMIO_ENOSYS;
    ensures !vm_user{Pre}((uintptr_t)uaddr, 4) ==> \result == VMIO_EFAULT;
    ensures vm_user{Pre}((uintptr_t)uaddr, 4) && !(VMIO_FUTEX_OP_SET <= op <= VMIO_FUTEX_OP_XOR) ==>
      \result == VMIO_ENOSYS;
    ensures \result != 0 ==> *oval == \old(*oval); */
int vmio_arch_futex_atomic_op_inuser(int op, uint32_t oparg, int *oval, uint32_t *uaddr);

/* ---- get_user / put_user: one value of 1, 2, 4 or 8 bytes ---- */

/*
 * The helpers behind the macros: size is 1, 2, 4 or 8, and val points to a
 * value of that size, aligned for it (the macros' typed local).
 */
/*@ requires \valid(val) && \separated(val, &vmio_user_range);
    requires size == 1 || size == 2 || size == 4 || size == 8;
    assigns *val;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures !vm_user{Pre}((uintptr_t)ptr, size) ==> \result == VMIO_EFAULT;
    ensures \result != 0 ==> *val == \old(*val); */
int vmio__get_user_n(uint64_t *val, const void *ptr, size_t size);
/*@ requires size == 1 || size == 2 || size == 4 || size == 8;
    requires size == 1 ==> \valid_read((uint8_t *)val);
    requires size == 2 ==> \valid_read((uint16_t *)val);
    requires size == 4 ==> \valid_read((uint32_t *)val);
    requires size == 8 ==> \valid_read((uint64_t *)val);
    assigns ((char *)ptr)[0 .. size - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures !vm_user{Pre}((uintptr_t)ptr, size) ==> \result == VMIO_EFAULT; */
int vmio__put_user_n(void *ptr, const void *val, size_t size);

#define VMIO__GET_PUT_SIZE_OK(ptr)                                            \
	((void)sizeof(char[1 - 2 * !(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 2 || \
				      sizeof(*(ptr)) == 4 || sizeof(*(ptr)) == 8)]))

/*
 * vmio_get_user(x, ptr): x = *ptr from user space; 0 or VMIO_EFAULT (fault
 * or not in the user range), and then x is 0.  The size comes from *ptr's
 * type; a naturally aligned value is read with one load instruction.
 */
#define vmio_get_user(x, ptr)                                                  \
	__extension__({                                                        \
		VMIO__GET_PUT_SIZE_OK(ptr);                                    \
		uint64_t vmio__gv = 0;                                         \
		int vmio__ge = vmio__get_user_n(&vmio__gv, (ptr), sizeof(*(ptr))); \
		(x) = (__typeof__(*(ptr)))(uintptr_t)vmio__gv;                 \
		vmio__ge;                                                      \
	})

/*
 * vmio_put_user(x, ptr): *ptr = x in user space; 0 or VMIO_EFAULT.  One
 * store instruction for a naturally aligned value.
 */
#define vmio_put_user(x, ptr)                                                  \
	__extension__({                                                        \
		VMIO__GET_PUT_SIZE_OK(ptr);                                    \
		__typeof__(*(ptr)) vmio__pv = (x);                             \
		vmio__put_user_n((ptr), &vmio__pv, sizeof(*(ptr)));            \
	})

/* ---- the user-access window: many accesses under one SMAP/SUM opening ---- */

#include "vmio/uaccess_arch.h"

/*
 * Open the window for [ptr, ptr + len) after checking it lies in the user
 * range; false, and nothing opened, when it does not.  Close it with
 * vmio_user_access_end() (or the read/write ends) on every path, the fault
 * labels of the unsafe accesses included.  Inside the window use only the
 * vmio_unsafe_* accesses, and call nothing that may sleep or fault
 * otherwise.
 */
static inline bool vmio_user_access_begin(const void *ptr, size_t len)
{
	if (!vmio_access_ok(ptr, len))
		return false;
	vmio__window_open();
	return true;
}

static inline void vmio_user_access_end(void)
{
	vmio__window_close();
}

/*
 * Linux's user_access_save / user_access_restore: close the window, if
 * open, around code that must not run with it open (an interrupt handler,
 * a call out of a window), and reopen it only if it was open before.
 */
/*@ assigns \nothing; */
static inline unsigned long vmio_user_access_save(void)
{
	return vmio__window_save();
}

/*@ assigns \nothing; */
static inline void vmio_user_access_restore(unsigned long flags)
{
	if (flags)
		vmio__window_open();
}

#define vmio_user_read_access_begin(ptr, len) vmio_user_access_begin((ptr), (len))
#define vmio_user_read_access_end() vmio_user_access_end()
#define vmio_user_write_access_begin(ptr, len) vmio_user_access_begin((ptr), (len))
#define vmio_user_write_access_end() vmio_user_access_end()

/*
 * p itself when it is in the user range, else 0 (an address certain to
 * fault), computed without a conditional branch so that a mispredicted
 * range check cannot lead a speculative access into kernel memory
 * (Spectre v1).  The embedder keeps page 0 unmapped (and out of the user
 * range), and an access through a masked pointer reaches at most one page
 * past it: so a refused pointer faults at page 0.
 */
/*@ requires vm_user_ok;
    assigns \nothing;
    ensures vmio_user_range.start <= (uintptr_t)p < vmio_user_range.end ==> \result == p;
    ensures !(vmio_user_range.start <= (uintptr_t)p < vmio_user_range.end) ==>
      \result == \null; */
void *vmio_mask_user_address(const void *p);

/*
 * Open the window for a masked pointer: returns vmio_mask_user_address(p)
 * with the window open.  Accesses through it either reach p's user memory
 * or fault at page 0 (and then go to the unsafe access's label).
 */
#define vmio_masked_user_access_begin(p) \
	((__typeof__(p))vmio__masked_begin((const void *)(p)))

/*@ requires vm_user_ok;
    assigns \nothing; */
static inline void *vmio__masked_begin(const void *p)
{
	void *m = vmio_mask_user_address(p);

	vmio__window_open();
	return m;
}

/*
 * Inside a window: x = *ptr, or goto label on a fault (the window is then
 * still open: the label's code closes it).  The size comes from *ptr's
 * type; a naturally aligned value is one load instruction, and no call.
 */
#define vmio_unsafe_get_user(x, ptr, label)                                    \
	do {                                                                   \
		VMIO__GET_PUT_SIZE_OK(ptr);                                    \
		uint64_t vmio__uv;                                             \
		VMIO__UNSAFE_LOAD(sizeof(*(ptr)), vmio__uv, (ptr), label);     \
		(x) = (__typeof__(*(ptr)))(uintptr_t)vmio__uv;                 \
	} while (0)

/* Inside a window: *ptr = x, or goto label on a fault. */
#define vmio_unsafe_put_user(x, ptr, label)                                    \
	do {                                                                   \
		VMIO__GET_PUT_SIZE_OK(ptr);                                    \
		union {                                                        \
			uint64_t d;                                            \
			uint32_t w;                                            \
			uint16_t h;                                            \
			uint8_t b;                                             \
			__typeof__(*(ptr)) t;                                  \
		} vmio__uu = { 0 };                                            \
		vmio__uu.t = (x);                                              \
		VMIO__UNSAFE_STORE(sizeof(*(ptr)), vmio__uu, (ptr), label);    \
	} while (0)

/*
 * Inside a window: copy len bytes from user src to kernel dst (or kernel
 * src to user dst), or goto label on a fault; the bytes before the fault
 * are copied (vmio's exact count is not reported here: use
 * vmio_copy_from_user for that).
 */
#define vmio_unsafe_copy_from_user(dst, src, len, label)                       \
	do {                                                                   \
		size_t vmio__left = __memcpy_fallible((dst), (src), (len));    \
		vmio__window_open();                                           \
		if (vmio__left)                                                \
			goto label;                                            \
	} while (0)
#define vmio_unsafe_copy_to_user(dst, src, len, label)                         \
	vmio_unsafe_copy_from_user(dst, src, len, label)

/* ---- the bare Linux names ---- */
#ifdef VMIO_LINUX_NAMES
#define access_ok(p, n) vmio_access_ok((p), (n))
#define copy_from_user(to, from, n) vmio_copy_from_user((to), (from), (n))
#define copy_to_user(to, from, n) vmio_copy_to_user((to), (from), (n))
#define clear_user(to, n) vmio_clear_user((to), (n))
#define strncpy_from_user(dst, src, count) vmio_strncpy_from_user((dst), (src), (count))
#define strnlen_user(src, n) vmio_strnlen_user((src), (n))
/* The forms that leave access_ok to the caller check the range all the same. */
#define __copy_from_user(to, from, n) vmio_raw_copy_from_user((to), (from), (n))
#define __copy_from_user_inatomic(to, from, n) vmio_raw_copy_from_user((to), (from), (n))
#define raw_copy_from_user(to, from, n) vmio_raw_copy_from_user((to), (from), (n))
#define __copy_to_user(to, from, n) vmio_copy_to_user((to), (from), (n))
#define __copy_to_user_inatomic(to, from, n) vmio_copy_to_user((to), (from), (n))
#define raw_copy_to_user(to, from, n) vmio_copy_to_user((to), (from), (n))
#define __clear_user(to, n) vmio_clear_user((to), (n))
#define copy_from_user_nofault(dst, src, size) vmio_copy_from_user_nofault((dst), (src), (size))
#define copy_to_user_nofault(dst, src, size) vmio_copy_to_user_nofault((dst), (src), (size))
#define strncpy_from_user_nofault(dst, src, count) \
	vmio_strncpy_from_user_nofault((dst), (src), (count))
#define strnlen_user_nofault(src, n) vmio_strnlen_user((src), (n))
#define check_zeroed_user(from, size) vmio_check_zeroed_user((from), (size))
#define copy_struct_from_user(dst, ksize, src, usize) \
	vmio_copy_struct_from_user((dst), (ksize), (src), (usize))
#define copy_struct_to_user(dst, usize, src, ksize, ignored) \
	vmio_copy_struct_to_user((dst), (usize), (src), (ksize), (ignored))
#define get_user(x, ptr) vmio_get_user(x, ptr)
#define put_user(x, ptr) vmio_put_user(x, ptr)
#define __get_user(x, ptr) vmio_get_user(x, ptr)
#define __put_user(x, ptr) vmio_put_user(x, ptr)
#define futex_atomic_cmpxchg_inatomic(uval, uaddr, oldval, newval) \
	vmio_futex_atomic_cmpxchg_inatomic((uval), (uaddr), (oldval), (newval))
#define arch_futex_atomic_op_inuser(op, oparg, oval, uaddr) \
	vmio_arch_futex_atomic_op_inuser((op), (oparg), (oval), (uaddr))
#define user_access_begin(ptr, len) vmio_user_access_begin((ptr), (len))
#define user_access_end() vmio_user_access_end()
#define user_access_save() vmio_user_access_save()
#define user_access_restore(flags) vmio_user_access_restore(flags)
#define user_read_access_begin(ptr, len) vmio_user_read_access_begin((ptr), (len))
#define user_read_access_end() vmio_user_read_access_end()
#define user_write_access_begin(ptr, len) vmio_user_write_access_begin((ptr), (len))
#define user_write_access_end() vmio_user_write_access_end()
#define unsafe_get_user(x, ptr, label) vmio_unsafe_get_user(x, ptr, label)
#define unsafe_put_user(x, ptr, label) vmio_unsafe_put_user(x, ptr, label)
#define unsafe_copy_from_user(dst, src, len, label) \
	vmio_unsafe_copy_from_user(dst, src, len, label)
#define unsafe_copy_to_user(dst, src, len, label) \
	vmio_unsafe_copy_to_user(dst, src, len, label)
#define mask_user_address(p) vmio_mask_user_address(p)
#define masked_user_access_begin(p) vmio_masked_user_access_begin(p)
#ifndef FUTEX_OP_SET
#define FUTEX_OP_SET VMIO_FUTEX_OP_SET
#endif
#ifndef FUTEX_OP_ADD
#define FUTEX_OP_ADD VMIO_FUTEX_OP_ADD
#endif
#ifndef FUTEX_OP_OR
#define FUTEX_OP_OR VMIO_FUTEX_OP_OR
#endif
#ifndef FUTEX_OP_ANDN
#define FUTEX_OP_ANDN VMIO_FUTEX_OP_ANDN
#endif
#ifndef FUTEX_OP_XOR
#define FUTEX_OP_XOR VMIO_FUTEX_OP_XOR
#endif
#endif

#endif
