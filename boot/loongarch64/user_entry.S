/*
 * Into PLV3 and back (boot/include/usermode.h).
 *
 * long user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg)
 *   a0 entry, a1 sp, a2 arg; t0, t1 scratch
 * Saves ra, fp, s0-s8 and CRMD on the kernel stack, keeps that stack
 * pointer in KScratch SAVE1, which is per CPU (trap_entry builds the
 * frames of traps from PLV3 below it), and ertn's to entry at PLV3 with
 * interrupts as they were (PRMD.PIE), sp, and arg in a0; every other
 * register is zero, so no kernel value reaches the program.
 *
 * _Noreturn void user_leave(long code)                         a0 code
 * Called from a trap handler: back onto the stack in SAVE1, restores what
 * user_enter saved (CRMD.IE too) and returns code from it.
 */
#include "csr.h"

#define SAVE_SIZE 96

	.text
	.globl user_enter
	.type user_enter, @function
user_enter:
	addi.d	$sp, $sp, -SAVE_SIZE
	st.d	$ra, $sp, 0
	st.d	$fp, $sp, 8
	st.d	$s0, $sp, 16
	st.d	$s1, $sp, 24
	st.d	$s2, $sp, 32
	st.d	$s3, $sp, 40
	st.d	$s4, $sp, 48
	st.d	$s5, $sp, 56
	st.d	$s6, $sp, 64
	st.d	$s7, $sp, 72
	st.d	$s8, $sp, 80
	csrrd	$t0, CSR_CRMD
	st.d	$t0, $sp, 88
	move	$t1, $sp
	csrwr	$t1, CSR_SAVE1
	li.w	$t1, CRMD_IE
	csrxchg	$zero, $t1, CSR_CRMD	/* IE = 0 while ERA and PRMD are set */
	csrwr	$a0, CSR_ERA
	andi	$t0, $t0, CRMD_IE	/* PRMD.PIE = IE now: same bit position */
	ori	$t0, $t0, 3		/* PRMD.PPLV = 3 */
	csrwr	$t0, CSR_PRMD
	move	$sp, $a1
	move	$a0, $a2
	move	$ra, $zero
	move	$tp, $zero
	move	$a1, $zero
	move	$a2, $zero
	move	$a3, $zero
	move	$a4, $zero
	move	$a5, $zero
	move	$a6, $zero
	move	$a7, $zero
	move	$t0, $zero
	move	$t1, $zero
	move	$t2, $zero
	move	$t3, $zero
	move	$t4, $zero
	move	$t5, $zero
	move	$t6, $zero
	move	$t7, $zero
	move	$t8, $zero
	move	$r21, $zero
	move	$fp, $zero
	move	$s0, $zero
	move	$s1, $zero
	move	$s2, $zero
	move	$s3, $zero
	move	$s4, $zero
	move	$s5, $zero
	move	$s6, $zero
	move	$s7, $zero
	move	$s8, $zero
	ertn
	.size user_enter, . - user_enter

	.globl user_leave
	.type user_leave, @function
user_leave:
	csrrd	$sp, CSR_SAVE1
	ld.d	$ra, $sp, 0
	ld.d	$fp, $sp, 8
	ld.d	$s0, $sp, 16
	ld.d	$s1, $sp, 24
	ld.d	$s2, $sp, 32
	ld.d	$s3, $sp, 40
	ld.d	$s4, $sp, 48
	ld.d	$s5, $sp, 56
	ld.d	$s6, $sp, 64
	ld.d	$s7, $sp, 72
	ld.d	$s8, $sp, 80
	ld.d	$t0, $sp, 88
	li.w	$t1, CRMD_IE
	csrxchg	$t0, $t1, CSR_CRMD
	addi.d	$sp, $sp, SAVE_SIZE
	jr	$ra
	.size user_leave, . - user_leave

	.section .note.GNU-stack, "", @progbits
