/*
 * Single-instruction loads and stores of 1, 2, 4 and 8 bytes, and the
 * fallible 32-bit compare-exchange.  Each access below is exactly one
 * instruction of its width (tests/meson.build checks the disassembly).
 *
 *   uintN_t vmio_arch_load_uN(const volatile void *p)          rdi p
 *   void vmio_arch_store_uN(volatile void *p, uintN_t v)       rdi p, rsi v
 *   int vmio_arch_load_uN_fallible(const void *p, uintN_t *out) rdi p, rsi out
 *   int vmio_arch_store_uN_fallible(void *p, uintN_t v)         rdi p, rsi v
 * The fallible ones return 0 in eax, or VMIO_EFAULT (-14) after a fault.
 */
#include "asm.h"

#define VMIO_EFAULT (-14)

	.text

/* ONCE_INFALLIBLE(bits, load instruction, store source register) */
.macro ONCE_INFALLIBLE bits, load, dst, src, suffix
FUNC(vmio_arch_load_u\bits)
	\load	(%rdi), \dst
	ret
ENDFUNC(vmio_arch_load_u\bits)

FUNC(vmio_arch_store_u\bits)
	mov\suffix	\src, (%rdi)
	ret
ENDFUNC(vmio_arch_store_u\bits)
.endm

ONCE_INFALLIBLE 8,  movzbl, %eax, %sil, b
ONCE_INFALLIBLE 16, movzwl, %eax, %si,  w
ONCE_INFALLIBLE 32, movl,   %eax, %esi, l
ONCE_INFALLIBLE 64, movq,   %rax, %rsi, q

/* ONCE_FALLIBLE: the same accesses inside the user window, marked. */
.macro ONCE_FALLIBLE bits, load, dst, src, out, suffix
FUNC(vmio_arch_load_u\bits\()_fallible)
	USER_ACCESS_BEGIN
1:	\load	(%rdi), \dst
	USER_ACCESS_END
	mov\suffix	\out, (%rsi)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_load_u\bits\()_fallible)
	VMIO_EX(1b, .Lonce_fault)

FUNC(vmio_arch_store_u\bits\()_fallible)
	USER_ACCESS_BEGIN
2:	mov\suffix	\src, (%rdi)
	USER_ACCESS_END
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_store_u\bits\()_fallible)
	VMIO_EX(2b, .Lonce_fault)
.endm

ONCE_FALLIBLE 8,  movzbl, %eax, %sil, %al,  b
ONCE_FALLIBLE 16, movzwl, %eax, %si,  %ax,  w
ONCE_FALLIBLE 32, movl,   %eax, %esi, %eax, l
ONCE_FALLIBLE 64, movq,   %rax, %rsi, %rax, q

/*
 * int vmio_arch_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
 *                                    uint32_t desired, uint32_t *old)
 *   rdi p, esi expected, edx desired, rcx old; eax holds the value found.
 */
FUNC(vmio_arch_cmpxchg_u32_fallible)
	movl	%esi, %eax
	USER_ACCESS_BEGIN
3:	lock cmpxchgl %edx, (%rdi)
	USER_ACCESS_END
	movl	%eax, (%rcx)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_cmpxchg_u32_fallible)
	VMIO_EX(3b, .Lonce_fault)

/* Every fallible access above resumes here after a fault. */
.Lonce_fault:
	USER_ACCESS_END
	movl	$VMIO_EFAULT, %eax
	ret

	.section .note.GNU-stack, "", @progbits
