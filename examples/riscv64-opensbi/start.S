/*
 * Entry from OpenSBI fw_dynamic: S-mode, paging off, a0 = hart id,
 * a1 = device tree, pc = 0x80200000 (physical).
 *
 * _start (physical, in .boot) turns on Sv39 with boot_root, which maps the
 * kernel's gigapage twice: at its physical address (so the next fetch
 * still works) and at 0xffffffff80000000.  Then it jumps to the high
 * address of high_start through an absolute address stored beside it.
 * high_start takes the stack, zeroes .tbss and .bss, sets tp for
 * picolibc's thread-locals and calls kmain(), which does not return.
 */
#include "platform.h"

#define SATP_SV39 0x8000000000000000

	.section .boot, "ax", @progbits
	.globl _start
_start:
	csrw	sie, zero
	ld	t0, root_pa
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	ld	t0, high_start_va
	jr	t0

	.balign 8
root_pa:	.quad boot_root - KERNEL_OFFSET
high_start_va:	.quad high_start

	.text
	.globl high_start
high_start:
	.option push
	.option norelax
	la	sp, __stack_top
	.option pop
	li	t0, SSTATUS_FS_INITIAL	/* picolibc is built with the D extension */
	csrs	sstatus, t0
	la	t0, __zero_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	tp, __tls_base
	call	kmain
3:	wfi
	j	3b
