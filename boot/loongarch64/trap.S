/*
 * Exception entry points.
 *
 * trap_entry (CSR.EENTRY) takes every exception and interrupt other than
 * TLB refill.  The CPU has set PLV0, IE = 0 and saved the old mode in PRMD
 * and the PC in ERA.  From PLV3 (a user program: PRMD.PPLV = 3) the frame
 * goes on the kernel stack that user_enter left in KScratch SAVE1.  From
 * PLV0 the interrupted stack is ours and the frame goes right below it,
 * unless sp has no room left above its kernel stack's guard page (or is
 * on no CPU's kernel stack, during boot): then the frame goes on this
 * CPU's overflow stack (KScratch SAVE3), for the dump.  CPU c's stack
 * lies in slot c of LA_KSTACK_SLOT bytes from LA_KSTACK_GUARD (boot.h),
 * guard page first.  Frame layout (struct trap_frame in trap.h): r0..r31
 * in slots 0..31 (slot 3 holds the interrupted sp), then ERA, PRMD,
 * ESTAT, BADV.  plat_trap() may change ERA in the frame.
 *
 * tlb_refill (CSR.TLBRENTRY) runs in direct-address mode, at its physical
 * address, when an access finds no TLB entry.  It walks our three-level
 * table of 16 KiB pages (PGD -> Dir3 = VA[46:36] -> Dir1 = VA[35:25] ->
 * PTE = VA[24:14], as set in PWCL/PWCH) and fills the even/odd pair.
 * Unmapped addresses get invalid entries, which then fault at trap_entry
 * (PIL/PIS/PIF) with BADV set.  Only t0 is used, saved in TLBRSAVE.
 */
#include "boot.h"
#include "csr.h"

#define FRAME_SLOTS 36
#define FRAME_SIZE (FRAME_SLOTS * 8)

	.text
	.balign 4096
	.globl trap_entry
trap_entry:
	csrwr	$t0, CSR_SAVE0
	csrrd	$t0, CSR_PRMD
	andi	$t0, $t0, PRMD_PPLV
	beqz	$t0, 0f
	csrrd	$t0, CSR_SAVE1		/* from a user program */
	b	2f
0:	li.d	$t0, -LA_KSTACK_GUARD	/* t0 = sp - LA_KSTACK_GUARD */
	add.d	$t0, $sp, $t0
	srli.d	$t0, $t0, LA_KSTACK_SLOT_SHIFT
	sltui	$t0, $t0, LA_MAX_CPUS
	beqz	$t0, 3f			/* not on any CPU's kernel stack */
	li.d	$t0, -LA_KSTACK_GUARD
	add.d	$t0, $sp, $t0
	bstrpick.d $t0, $t0, LA_KSTACK_SLOT_SHIFT - 1, 0	/* offset in the slot */
	addi.d	$t0, $t0, -FRAME_SIZE
	srai.d	$t0, $t0, LA_PAGE_SHIFT	/* <= 0: the frame would reach the guard */
	blt	$zero, $t0, 1f
3:	csrrd	$t0, CSR_SAVE3		/* this CPU's overflow stack */
	b	2f
1:	move	$t0, $sp
2:	addi.d	$t0, $t0, -FRAME_SIZE
	st.d	$sp, $t0, 3 * 8
	move	$sp, $t0
	csrrd	$t0, CSR_SAVE0
	st.d	$r1, $sp, 1 * 8
	st.d	$r2, $sp, 2 * 8
	st.d	$r4, $sp, 4 * 8
	st.d	$r5, $sp, 5 * 8
	st.d	$r6, $sp, 6 * 8
	st.d	$r7, $sp, 7 * 8
	st.d	$r8, $sp, 8 * 8
	st.d	$r9, $sp, 9 * 8
	st.d	$r10, $sp, 10 * 8
	st.d	$r11, $sp, 11 * 8
	st.d	$r12, $sp, 12 * 8
	st.d	$r13, $sp, 13 * 8
	st.d	$r14, $sp, 14 * 8
	st.d	$r15, $sp, 15 * 8
	st.d	$r16, $sp, 16 * 8
	st.d	$r17, $sp, 17 * 8
	st.d	$r18, $sp, 18 * 8
	st.d	$r19, $sp, 19 * 8
	st.d	$r20, $sp, 20 * 8
	st.d	$r21, $sp, 21 * 8
	st.d	$r22, $sp, 22 * 8
	st.d	$r23, $sp, 23 * 8
	st.d	$r24, $sp, 24 * 8
	st.d	$r25, $sp, 25 * 8
	st.d	$r26, $sp, 26 * 8
	st.d	$r27, $sp, 27 * 8
	st.d	$r28, $sp, 28 * 8
	st.d	$r29, $sp, 29 * 8
	st.d	$r30, $sp, 30 * 8
	st.d	$r31, $sp, 31 * 8
	st.d	$zero, $sp, 0
	csrrd	$t0, CSR_ERA
	st.d	$t0, $sp, 32 * 8
	csrrd	$t0, CSR_PRMD
	st.d	$t0, $sp, 33 * 8
	csrrd	$t0, CSR_ESTAT
	st.d	$t0, $sp, 34 * 8
	csrrd	$t0, CSR_BADV
	st.d	$t0, $sp, 35 * 8

	move	$a0, $sp
	bl	plat_trap

	ld.d	$t0, $sp, 32 * 8
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $sp, 33 * 8
	csrwr	$t0, CSR_PRMD
	ld.d	$r1, $sp, 1 * 8
	ld.d	$r2, $sp, 2 * 8
	ld.d	$r4, $sp, 4 * 8
	ld.d	$r5, $sp, 5 * 8
	ld.d	$r6, $sp, 6 * 8
	ld.d	$r7, $sp, 7 * 8
	ld.d	$r8, $sp, 8 * 8
	ld.d	$r9, $sp, 9 * 8
	ld.d	$r10, $sp, 10 * 8
	ld.d	$r11, $sp, 11 * 8
	ld.d	$r12, $sp, 12 * 8
	ld.d	$r13, $sp, 13 * 8
	ld.d	$r14, $sp, 14 * 8
	ld.d	$r15, $sp, 15 * 8
	ld.d	$r16, $sp, 16 * 8
	ld.d	$r17, $sp, 17 * 8
	ld.d	$r18, $sp, 18 * 8
	ld.d	$r19, $sp, 19 * 8
	ld.d	$r20, $sp, 20 * 8
	ld.d	$r21, $sp, 21 * 8
	ld.d	$r22, $sp, 22 * 8
	ld.d	$r23, $sp, 23 * 8
	ld.d	$r24, $sp, 24 * 8
	ld.d	$r25, $sp, 25 * 8
	ld.d	$r26, $sp, 26 * 8
	ld.d	$r27, $sp, 27 * 8
	ld.d	$r28, $sp, 28 * 8
	ld.d	$r29, $sp, 29 * 8
	ld.d	$r30, $sp, 30 * 8
	ld.d	$r31, $sp, 31 * 8
	ld.d	$sp, $sp, 3 * 8
	ertn

	.balign 4096
	.globl tlb_refill
tlb_refill:
	csrwr	$t0, CSR_TLBRSAVE
	csrrd	$t0, CSR_PGD
	lddir	$t0, $t0, 3
	lddir	$t0, $t0, 1
	ldpte	$t0, 0
	ldpte	$t0, 1
	tlbfill
	csrrd	$t0, CSR_TLBRSAVE
	ertn

/*
 * int plat_plain_load_faults(const volatile uint8_t *p)     a0 p
 * An ordinary load, with no exception-table entry.  plat_trap() knows the
 * address of plat_probe_load: a fault there, and only there, resumes at
 * plat_probe_resume, which returns 1.
 */
	.balign 16
	.globl plat_plain_load_faults
	.type plat_plain_load_faults, @function
plat_plain_load_faults:
	.globl plat_probe_load
plat_probe_load:
	ld.bu	$t0, $a0, 0
	move	$a0, $zero
	ret
	.globl plat_probe_resume
plat_probe_resume:
	li.w	$a0, 1
	ret
	.size plat_plain_load_faults, . - plat_plain_load_faults
