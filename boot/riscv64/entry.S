/*
 * _start: where OpenSBI fw_dynamic enters, in S-mode with the MMU off,
 *   a0 = hart id, a1 = physical address of the device tree.
 * Sets gp, tp and sp, a trap vector, lets the FPU be used (picolibc is built
 * for rv64imafdc), zeroes .bss, then calls riscv_boot(a0, a1).
 */
#define SSTATUS_FS_INITIAL (1 << 13)

	.section .text.entry, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	tp, __tls_base
	la	sp, __stack_top
	csrw	sie, zero
	la	t0, riscv_trap_entry
	csrw	stvec, t0
	li	t0, SSTATUS_FS_INITIAL
	csrs	sstatus, t0

	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	call	riscv_boot
3:	wfi				/* riscv_boot does not return */
	j	3b
	.size _start, . - _start
