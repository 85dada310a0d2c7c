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
static inline int vmio_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
					    uint32_t desired, uint32_t *old)
{
	if ((uintptr_t)p % sizeof(*p))
		return VMIO_EINVAL;
	return vmio_arch_cmpxchg_u32_fallible(p, expected, desired, old);
}

#endif
