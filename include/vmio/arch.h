/*
 * The per-ISA primitives, written in assembly under arch/<isa>/.
 * They are the only code of vmio that touches memory which may fault; every
 * such instruction has an exception-table entry (include/vmio/extable.h).
 *
 * "Fallible" routines may be given user or unmapped addresses: a fault ends
 * them early instead of crashing.  "Infallible" routines are for kernel and
 * MMIO memory that the caller knows is mapped.
 */
#ifndef VMIO_ARCH_H
#define VMIO_ARCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __FRAMAC__
#include "vmio/errno.h" /* for the contracts */
#endif

/*
 * The ACSL contracts below are TRUSTED, not proven: they state what the
 * assembly promises (docs/DESIGN.md "Exactness"), the runtime sweeps
 * (tests/cases/sweep.c, once.c) are their evidence, and the proofs of the
 * portable layer rely on them (docs/VERIFICATION.md).
 */

/*
 * Copy len bytes from src to dst; return the number of bytes NOT copied.
 * Exact: with k = len - return, dst[0..k) holds src[0..k), byte k of src or
 * dst is inaccessible, and no byte of dst at or past k was written.
 */
/*@ assigns ((char *)dst)[0 .. len - 1];
    exits \false;
    ensures count: \result <= len;
    ensures copied: \separated((char *)dst + (0 .. len - 1), (char *)src + (0 .. len - 1)) ==>
      \forall integer i; 0 <= i < len - \result ==> ((char *)dst)[i] == \old(((char *)src)[i]);
    ensures untouched: \forall integer i; len - \result <= i < len ==>
      ((char *)dst)[i] == \old(((char *)dst)[i]);
    behavior accessible:
      assumes \valid((char *)dst + (0 .. len - 1)) && \valid_read((char *)src + (0 .. len - 1));
      ensures \result == 0; */
size_t __memcpy_fallible(void *dst, const void *src, size_t len);

/*@ // p[0 .. n-1] are all zero (vmio/acsl.h uses it too: no partial data).
    predicate vm_zero(char *p, integer n) = \forall integer i; 0 <= i < n ==> p[i] == 0; */

/* Set len bytes of dst to (unsigned char)byte; return the bytes NOT set, exactly. */
/*@ assigns ((char *)dst)[0 .. len - 1];
    exits \false;
    ensures count: \result <= len;
    ensures set: \forall integer i; 0 <= i < len - \result ==>
      ((char *)dst)[i] == (char)byte;
    ensures zeroed: byte == 0 && \result == 0 ==> vm_zero((char *)dst, len);
    ensures untouched: \forall integer i; len - \result <= i < len ==>
      ((char *)dst)[i] == \old(((char *)dst)[i]);
    behavior accessible:
      assumes \valid((char *)dst + (0 .. len - 1));
      ensures \result == 0; */
size_t __memset_fallible(void *dst, int byte, size_t len);

/*
 * Single-instruction loads and stores of 1, 2, 4 and 8 bytes.  The address
 * must be naturally aligned (the C wrappers in vmio/once.h check it).
 * The fallible ones return 0, or VMIO_EFAULT with nothing stored to *out.
 *
 * These raw primitives check nothing about the address, not even that it
 * is user memory: a kernel address is accessed like any other.  User
 * pointers go through a reader or writer (vmio/reader.h, vmio/atomic.h),
 * whose constructor checks the user range.
 */
/*@ assigns \nothing;
    exits \false; */
uint8_t vmio_arch_load_u8(const volatile void *p);
/*@ assigns \nothing;
    exits \false; */
uint16_t vmio_arch_load_u16(const volatile void *p);
/*@ assigns \nothing;
    exits \false; */
uint32_t vmio_arch_load_u32(const volatile void *p);
/*@ assigns \nothing;
    exits \false; */
uint64_t vmio_arch_load_u64(const volatile void *p);
/*@ assigns *(uint8_t *)p;
    exits \false; */
void vmio_arch_store_u8(volatile void *p, uint8_t v);
/*@ assigns *(uint16_t *)p;
    exits \false; */
void vmio_arch_store_u16(volatile void *p, uint16_t v);
/*@ assigns *(uint32_t *)p;
    exits \false; */
void vmio_arch_store_u32(volatile void *p, uint32_t v);
/*@ assigns *(uint64_t *)p;
    exits \false; */
void vmio_arch_store_u64(volatile void *p, uint64_t v);

/*@ requires \valid(out);
    assigns *out;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result != 0 ==> *out == \old(*out); */
int vmio_arch_load_u8_fallible(const void *p, uint8_t *out);
/*@ requires \valid(out);
    assigns *out;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result != 0 ==> *out == \old(*out); */
int vmio_arch_load_u16_fallible(const void *p, uint16_t *out);
/*@ requires \valid(out);
    assigns *out;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result != 0 ==> *out == \old(*out); */
int vmio_arch_load_u32_fallible(const void *p, uint32_t *out);
/*@ // User memory is outside the C model.  vm_uword(a) is the 64-bit word
    // that a fallible load at the 8-aligned address a returns.  It is one
    // value per address: a proof must not load the same word twice (user
    // memory may change between two loads); none does.
    logic uint64_t vm_uword(integer a);

    // The word w with its bytes below lo and from hi on cleared
    // (0 <= lo < hi <= 8; little endian: byte k is bits 8k .. 8k + 7).
    logic integer vm_wfrom(integer w, integer lo) =
      lo > 0 ? w & (uint64_t)~(0xFFFFFFFFFFFFFFFF >> (64 - 8 * lo)) : w;
    logic integer vm_wbelow(integer w, integer hi) =
      hi < 8 ? w & (0xFFFFFFFFFFFFFFFF >> (64 - 8 * hi)) : w;
    logic integer vm_wbytes(integer w, integer lo, integer hi) =
      vm_wbelow(vm_wfrom(w, lo), hi);

    // The bytes of [c, e) in the user word at a are zero.
    predicate vm_uzero_word(integer a, integer c, integer e) =
      vm_wbytes(vm_uword(a), c > a ? c - a : 0, e - a < 8 ? e - a : 8) == 0;

    // The user bytes [c, e) are all zero, as aligned word loads see them.
    predicate vm_uzero(integer c, integer e) =
      \forall integer a; a % 8 == 0 && c - 8 < a < e && c < e ==> vm_uzero_word(a, c, e); */

/*@ requires \valid(out);
    assigns *out;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 && (uintptr_t)p % 8 == 0 ==> *out == vm_uword((uintptr_t)p);
    ensures \result != 0 ==> *out == \old(*out); */
int vmio_arch_load_u64_fallible(const void *p, uint64_t *out);
/*@ assigns *(uint8_t *)p;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *(uint8_t *)p == v;
    ensures \result != 0 ==> *(uint8_t *)p == \old(*(uint8_t *)p); */
int vmio_arch_store_u8_fallible(void *p, uint8_t v);
/*@ assigns *(uint16_t *)p;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *(uint16_t *)p == v;
    ensures \result != 0 ==> *(uint16_t *)p == \old(*(uint16_t *)p); */
int vmio_arch_store_u16_fallible(void *p, uint16_t v);
/*@ assigns *(uint32_t *)p;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *(uint32_t *)p == v;
    ensures \result != 0 ==> *(uint32_t *)p == \old(*(uint32_t *)p); */
int vmio_arch_store_u32_fallible(void *p, uint32_t v);
/*@ assigns *(uint64_t *)p;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *(uint64_t *)p == v;
    ensures \result != 0 ==> *(uint64_t *)p == \old(*(uint64_t *)p); */
int vmio_arch_store_u64_fallible(void *p, uint64_t v);

/*
 * Atomically: old = *p; if (old == expected) *p = desired.  Returns 0 with
 * the old value in *old, or VMIO_EFAULT with *old untouched.  p must be
 * naturally aligned (4 or 8 bytes).
 */
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) &&
      *p == (\old(*p) == expected ? desired : \old(*p));
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
				   uint32_t desired, uint32_t *old);
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) &&
      *p == (\old(*p) == expected ? desired : \old(*p));
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_cmpxchg_u64_fallible(uint64_t *p, uint64_t expected,
				   uint64_t desired, uint64_t *old);

/*
 * Futex operations: atomically old = *p; *p = old OP arg, with one atomic
 * read-modify-write (an AMO on riscv64 and loongarch64; xchg, lock xadd or
 * a lock cmpxchg loop on x86_64).  OP is SET (*p = arg), ADD, OR, ANDN
 * (*p = old & ~arg) or XOR.  Returns 0 with old in *old, or VMIO_EFAULT
 * with nothing written and *old untouched (a read-only page faults).
 * p must be 4-byte aligned.
 */
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) && *p == arg;
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_fetch_set_u32_fallible(uint32_t *p, uint32_t arg, uint32_t *old);
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) && *p == (uint32_t)(\old(*p) + arg);
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_fetch_add_u32_fallible(uint32_t *p, uint32_t arg, uint32_t *old);
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) && *p == (uint32_t)(\old(*p) | arg);
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_fetch_or_u32_fallible(uint32_t *p, uint32_t arg, uint32_t *old);
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) && *p == (uint32_t)(\old(*p) & ~arg);
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_fetch_andn_u32_fallible(uint32_t *p, uint32_t arg, uint32_t *old);
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *old == \old(*p) && *p == (uint32_t)(\old(*p) ^ arg);
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p); */
int vmio_arch_fetch_xor_u32_fallible(uint32_t *p, uint32_t arg, uint32_t *old);

/*
 * Strings that may fault: the NUL-terminated string at src, looking at no
 * more than its first max bytes.  src may fault; dst is kernel memory with
 * room for max bytes.  Both return, with k = *len:
 *   0                  src[k] is the first NUL and k < max; __strncpy_fallible
 *                      copied k + 1 bytes, the NUL included;
 *   VMIO_ENAMETOOLONG  no NUL among src[0..max); k = max; max bytes copied;
 *   VMIO_EFAULT        src[k] (k < max) is inaccessible and src[0..k) holds
 *                      no NUL; k bytes copied.
 * Exact: no byte of dst past those it reports copied is written, and every
 * byte it stores is one it tested for NUL (a racing writer can change src,
 * but never make dst disagree with *len).  Reads are aligned words or
 * vectors; those loaded together before any is tested lie in one 4 KiB
 * page, that of their first byte, which a byte-by-byte scan reads, so no
 * read reaches a page such a scan would not.  Lengths are counted, never
 * compared against src + max, which may wrap to 0.
 */
/*@ requires \valid(len);
    assigns *len;
    exits \false;
    ensures \result == 0 || \result == VMIO_ENAMETOOLONG || \result == VMIO_EFAULT;
    ensures \result == VMIO_ENAMETOOLONG <==> *len == max;
    ensures *len <= max; */
int __strnlen_fallible(const char *src, size_t max, size_t *len);
/*@ requires \valid(len) && \separated(len, dst + (0 .. max - 1));
    assigns *len, dst[0 .. max - 1];
    exits \false;
    ensures \result == 0 || \result == VMIO_ENAMETOOLONG || \result == VMIO_EFAULT;
    ensures \result == VMIO_ENAMETOOLONG <==> *len == max;
    ensures *len <= max;
    ensures nul: \result == 0 ==> dst[*len] == 0;
    ensures untouched: \forall integer i; (\result == 0 ? *len + 1 : *len) <= i < max ==>
      dst[i] == \old(dst[i]); */
int __strncpy_fallible(char *dst, const char *src, size_t max, size_t *len);

/*
 * p when start <= p <= last, else 0, computed with no conditional branch
 * (x86_64 cmp + sbb + not + and, riscv64 sltu + addi + and, loongarch64 sltu +
 * masknez), so that a mispredicted range check cannot steer a speculative
 * access to a kernel address (Spectre v1).  vmio_mask_user_address and the
 * user readers' and writers' constructors take their pointer from it.
 */
/*@ assigns \nothing;
    exits \false;
    ensures start <= p <= last ==> \result == p;
    ensures !(start <= p <= last) ==> \result == 0; */
uintptr_t vmio_arch_mask_user_ptr(uintptr_t p, uintptr_t start, uintptr_t last);

/*
 * The default user range [VMIO_USER_START, VMIO_USER_END): the lower half
 * of each ISA's paging mode, above page 0.  A kernel whose user space lies
 * elsewhere (or whose own image lies inside this range) sets its range at
 * run time with vmio_user_range_set (vmio/user_range.h); these values are
 * fixed so that the library and its callers always agree on them.
 */
#define VMIO_USER_START 0x1000UL /* page 0 is never user memory */
#if defined(VMIO_HOST)
#define VMIO_USER_END 0x00007ffffffff000UL /* Linux x86_64 TASK_SIZE */
#elif defined(__x86_64__)
#define VMIO_USER_END 0x0000800000000000UL /* 4-level paging, lower half */
#elif defined(__riscv)
#define VMIO_USER_END 0x0000004000000000UL /* Sv39, lower half */
#elif defined(__loongarch__)
#define VMIO_USER_END 0x0000800000000000UL /* 3 levels of 16 KiB pages: 47 bits */
#else
#error "vmio: unsupported ISA"
#endif

#endif
