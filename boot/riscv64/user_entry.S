/*
 * Into U-mode and back (boot/include/usermode.h).
 *
 * long user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg)
 *   a0 entry, a1 sp, a2 arg; t0, t1 scratch
 * Saves ra, s0-s11 and sstatus on the kernel stack, keeps that stack
 * pointer in this CPU's slot of user_kernel_sp (plat_cpu_id()) and in
 * sscratch (trap_entry.S builds the frames of traps from U-mode below
 * it), keeps gp and tp for trap_entry.S (the same on every CPU),
 * and sret's to entry in U-mode (SPP = 0) with interrupts as they were
 * (SPIE), sp, and arg in a0; every other register is zero, so no kernel
 * value reaches the program.
 *
 * _Noreturn void user_leave(long code)                         a0 code
 * Called from a trap handler: back onto this CPU's user_kernel_sp,
 * restores what user_enter saved (SIE too) and returns code from it.
 */
#define SSTATUS_SIE (1 << 1)
#define SSTATUS_SPIE (1 << 5)
#define SSTATUS_SPP (1 << 8)
#define SSTATUS_VS (3 << 9) /* user programs get no vector state (vector.c) */
#define SAVE_SIZE 112
#define PLAT_MAX_CPUS 8 /* plat.h */

	.option norelax
	.text
	.globl user_enter
	.type user_enter, @function
user_enter:
	addi	sp, sp, -SAVE_SIZE
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	csrr	t0, sstatus
	sd	t0, 104(sp)
	mv	s0, a0
	mv	s1, a1
	mv	s2, a2
	call	plat_cpu_id		/* this CPU's slot of user_kernel_sp */
	slli	a0, a0, 3
	la	t1, user_kernel_sp
	add	t1, t1, a0
	sd	sp, 0(t1)
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	ld	t0, 104(sp)
	la	t1, user_kernel_gp_tp
	sd	gp, 0(t1)
	sd	tp, 8(t1)
	csrci	sstatus, SSTATUS_SIE	/* no interrupt while sepc and sscratch are set */
	csrw	sscratch, sp
	csrw	sepc, a0
	li	t1, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_VS
	csrc	sstatus, t1		/* SPP = 0: sret goes to U-mode; VS Off there */
	andi	t0, t0, SSTATUS_SIE
	slli	t0, t0, 4		/* SPIE = SIE as it was */
	csrs	sstatus, t0
	mv	sp, a1
	mv	a0, a2
	li	ra, 0
	li	gp, 0
	li	tp, 0
	li	t0, 0
	li	t1, 0
	li	t2, 0
	li	s0, 0
	li	s1, 0
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a5, 0
	li	a6, 0
	li	a7, 0
	li	s2, 0
	li	s3, 0
	li	s4, 0
	li	s5, 0
	li	s6, 0
	li	s7, 0
	li	s8, 0
	li	s9, 0
	li	s10, 0
	li	s11, 0
	li	t3, 0
	li	t4, 0
	li	t5, 0
	li	t6, 0
	sret
	.size user_enter, . - user_enter

	.globl user_leave
	.type user_leave, @function
user_leave:
	mv	s0, a0
	call	plat_cpu_id
	slli	a0, a0, 3
	la	t0, user_kernel_sp
	add	t0, t0, a0
	mv	a0, s0
	ld	sp, 0(t0)
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	ld	t0, 104(sp)
	andi	t0, t0, SSTATUS_SIE
	csrs	sstatus, t0
	addi	sp, sp, SAVE_SIZE
	ret
	.size user_leave, . - user_leave

	.bss
	.balign 8
user_kernel_sp:
	.skip 8 * PLAT_MAX_CPUS
	.globl user_kernel_gp_tp
user_kernel_gp_tp:
	.skip 16

	.section .note.GNU-stack, "", @progbits
