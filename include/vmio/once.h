/*
 * Checked once-accesses: single-instruction loads and stores of 1, 2, 4 and
 * 8 bytes that may fault (user memory).  A misaligned address is refused
 * with VMIO_EINVAL before any access; a fault gives VMIO_EFAULT.  On error
 * nothing is stored, neither to memory nor to *out.
 *
 * They check alignment only, not that the address is user memory: a
 * kernel address is accessed like any other.  User pointers go through a
 * reader or writer (vm_freader_read_once, vm_freader_atomic_load_u32,
 * vm_fwriter_atomic_cmpxchg_u32, ...), whose constructor checks the range.
 */
#ifndef VMIO_ONCE_H
#define VMIO_ONCE_H

#include <stdint.h>

#include "vmio/arch.h"
#include "vmio/errno.h"

/* The contracts of the functions VMIO_ONCE_FALLIBLE defines (for Frama-C). */
/*@ requires \valid(out);
    assigns *out;
    ensures \result != 0 ==> *out == \old(*out);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint8_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint8_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_load_u8_fallible(const void *p, uint8_t *out);
/*@ assigns *(uint8_t *)p;
    ensures \result == 0 ==> *(uint8_t *)p == v;
    ensures \result != 0 ==> *(uint8_t *)p == \old(*(uint8_t *)p);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint8_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint8_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_store_u8_fallible(void *p, uint8_t v);
/*@ requires \valid(out);
    assigns *out;
    ensures \result != 0 ==> *out == \old(*out);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint16_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint16_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_load_u16_fallible(const void *p, uint16_t *out);
/*@ assigns *(uint16_t *)p;
    ensures \result == 0 ==> *(uint16_t *)p == v;
    ensures \result != 0 ==> *(uint16_t *)p == \old(*(uint16_t *)p);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint16_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint16_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_store_u16_fallible(void *p, uint16_t v);
/*@ requires \valid(out);
    assigns *out;
    ensures \result != 0 ==> *out == \old(*out);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint32_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint32_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_load_u32_fallible(const void *p, uint32_t *out);
/*@ assigns *(uint32_t *)p;
    ensures \result == 0 ==> *(uint32_t *)p == v;
    ensures \result != 0 ==> *(uint32_t *)p == \old(*(uint32_t *)p);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint32_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint32_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_store_u32_fallible(void *p, uint32_t v);
/*@ requires \valid(out);
    assigns *out;
    ensures \result != 0 ==> *out == \old(*out);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint64_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint64_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_load_u64_fallible(const void *p, uint64_t *out);
/*@ assigns *(uint64_t *)p;
    ensures \result == 0 ==> *(uint64_t *)p == v;
    ensures \result != 0 ==> *(uint64_t *)p == \old(*(uint64_t *)p);
    behavior aligned:
      assumes (uintptr_t)p % sizeof(uint64_t) == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % sizeof(uint64_t) != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_store_u64_fallible(void *p, uint64_t v);

#define VMIO_ONCE_FALLIBLE(bits)                                              \
	static inline int vmio_load_u##bits##_fallible(const void *p,         \
						       uint##bits##_t *out)  \
	{                                                                     \
		if ((uintptr_t)p % sizeof(*out))                              \
			return VMIO_EINVAL;                                   \
		return vmio_arch_load_u##bits##_fallible(p, out);            \
	}                                                                     \
	static inline int vmio_store_u##bits##_fallible(void *p,              \
							uint##bits##_t v)     \
	{                                                                     \
		if ((uintptr_t)p % sizeof(v))                                 \
			return VMIO_EINVAL;                                   \
		return vmio_arch_store_u##bits##_fallible(p, v);             \
	}

VMIO_ONCE_FALLIBLE(8)
VMIO_ONCE_FALLIBLE(16)
VMIO_ONCE_FALLIBLE(32)
VMIO_ONCE_FALLIBLE(64)

#undef VMIO_ONCE_FALLIBLE

/*
 * Atomically compare *p with expected and, if equal, store desired.
 * Returns 0 with the value found in *old, VMIO_EINVAL if p is misaligned,
 * VMIO_EFAULT on a fault; *old is written only on success.  A value of
 * 0xffffffff is a value like any other.
 */
/*@ requires \valid(old) && \separated(p, old);
    assigns *p, *old;
    ensures \result == 0 ==> *old == \old(*p) &&
      *p == (\old(*p) == expected ? desired : \old(*p));
    ensures \result != 0 ==> *old == \old(*old) && *p == \old(*p);
    behavior aligned:
      assumes (uintptr_t)p % 4 == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
    behavior misaligned:
      assumes (uintptr_t)p % 4 != 0;
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
static inline int vmio_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
					    uint32_t desired, uint32_t *old)
{
	if ((uintptr_t)p % sizeof(*p))
		return VMIO_EINVAL;
	return vmio_arch_cmpxchg_u32_fallible(p, expected, desired, old);
}

#endif
