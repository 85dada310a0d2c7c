/*
 * trap_entry (EENTRY): every exception of this kernel is taken at PLV0 on
 * the kernel stack, so the frame (struct trap_frame) goes right below sp.
 * handle_trap() may change ERA in the frame, which is written back before
 * ertn.
 *
 * tlb_refill (TLBRENTRY, entered at its physical address in direct-address
 * mode) walks the three-level table of 16 KiB pages that mmu.c set up in
 * PWCL/PWCH (Dir3 = VA[46:36], Dir1 = VA[35:25], PTE = VA[24:14]) and
 * fills the TLB with the even/odd pair.  An unmapped page gets an invalid
 * entry, which then faults at trap_entry with BADV set.  It uses only t0,
 * saved in TLBRSAVE.
 */
#include "platform.h"

#define FRAME_SIZE (36 * 8)
#define SAVE(n) st.d $r##n, $sp, (n * 8)
#define LOAD(n) ld.d $r##n, $sp, (n * 8)

	.text
	.balign 4096
	.globl trap_entry
trap_entry:
	addi.d	$sp, $sp, -FRAME_SIZE
	SAVE(1); SAVE(2); SAVE(4); SAVE(5); SAVE(6); SAVE(7); SAVE(8); SAVE(9)
	SAVE(10); SAVE(11); SAVE(12); SAVE(13); SAVE(14); SAVE(15); SAVE(16)
	SAVE(17); SAVE(18); SAVE(19); SAVE(20); SAVE(21); SAVE(22); SAVE(23)
	SAVE(24); SAVE(25); SAVE(26); SAVE(27); SAVE(28); SAVE(29); SAVE(30)
	SAVE(31)
	addi.d	$t0, $sp, FRAME_SIZE
	st.d	$t0, $sp, 3 * 8
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
	bl	handle_trap

	ld.d	$t0, $sp, 32 * 8
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $sp, 33 * 8
	csrwr	$t0, CSR_PRMD
	LOAD(1); LOAD(2); LOAD(4); LOAD(5); LOAD(6); LOAD(7); LOAD(8); LOAD(9)
	LOAD(10); LOAD(11); LOAD(12); LOAD(13); LOAD(14); LOAD(15); LOAD(16)
	LOAD(17); LOAD(18); LOAD(19); LOAD(20); LOAD(21); LOAD(22); LOAD(23)
	LOAD(24); LOAD(25); LOAD(26); LOAD(27); LOAD(28); LOAD(29); LOAD(30)
	LOAD(31)
	addi.d	$sp, $sp, FRAME_SIZE
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
