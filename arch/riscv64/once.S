/*
 * Single-instruction loads and stores of 1, 2, 4 and 8 bytes.  Each access
 * below is exactly one instruction of its width.
 *
 *   uintN_t vmio_arch_load_uN(const volatile void *p)           a0 p
 *   void vmio_arch_store_uN(volatile void *p, uintN_t v)        a0 p, a1 v
 *   int vmio_arch_load_uN_fallible(const void *p, uintN_t *out) a0 p, a1 out
 *   int vmio_arch_store_uN_fallible(void *p, uintN_t v)         a0 p, a1 v
 *   t0 value loaded, t6 SSTATUS_SUM.
 * The infallible ones leave SUM alone: they are for kernel and MMIO memory.
 * The fallible ones set SUM around their one access and return 0 in a0,
 * or VMIO_EFAULT (-14) after a fault, with nothing stored to *out.
 * uint32_t is returned by lw: the psABI keeps 32-bit values sign-extended
 * in registers, unsigned ones included.
 */
#include "asm.h"

	.option norelax
	.text

.macro ONCE_INFALLIBLE bits, load, store
FUNC(vmio_arch_load_u\bits)
	\load	a0, 0(a0)
	ret
ENDFUNC(vmio_arch_load_u\bits)

FUNC(vmio_arch_store_u\bits)
	\store	a1, 0(a0)
	ret
ENDFUNC(vmio_arch_store_u\bits)
.endm

ONCE_INFALLIBLE 8,  lbu, sb
ONCE_INFALLIBLE 16, lhu, sh
ONCE_INFALLIBLE 32, lw,  sw
ONCE_INFALLIBLE 64, ld,  sd

.macro ONCE_FALLIBLE bits, load, store
FUNC(vmio_arch_load_u\bits\()_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	\load	t0, 0(a0)
	VMIO_EX_AT(vmio_arch_load_u\bits\()_fallible, 1b, 2f)
	csrc	sstatus, t6
	\store	t0, 0(a1)
	li	a0, 0
	ret
2:	csrc	sstatus, t6		/* after a fault */
	li	a0, VMIO_EFAULT
	ret
ENDFUNC(vmio_arch_load_u\bits\()_fallible)

FUNC(vmio_arch_store_u\bits\()_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	\store	a1, 0(a0)
	VMIO_EX_AT(vmio_arch_store_u\bits\()_fallible, 1b, 2f)
	csrc	sstatus, t6
	li	a0, 0
	ret
2:	csrc	sstatus, t6		/* after a fault */
	li	a0, VMIO_EFAULT
	ret
ENDFUNC(vmio_arch_store_u\bits\()_fallible)
.endm

ONCE_FALLIBLE 8,  lbu, sb
ONCE_FALLIBLE 16, lhu, sh
ONCE_FALLIBLE 32, lw,  sw
ONCE_FALLIBLE 64, ld,  sd
