/*
 * Entry from QEMU's direct kernel boot: PLV0, interrupts off, direct-address
 * mode (every address physical, the bits above the physical range
 * dropped), pc at the ELF entry.
 *
 * _start opens the two direct-mapped windows, jumps to its own link
 * address inside the cached one (an absolute address), takes the stack,
 * zeroes .bss and calls kmain(), which turns paging on; the windows stay
 * in force with paging on, so the kernel keeps running where it is.
 */
#include "platform.h"

	.section .text.start, "ax"
	.globl _start
_start:
	li.d	$t0, DMW0_UNCACHED
	csrwr	$t0, CSR_DMW0
	li.d	$t0, DMW1_CACHED
	csrwr	$t0, CSR_DMW1
	la.abs	$t0, 1f
	jirl	$zero, $t0, 0
1:	li.w	$t0, CRMD_DA | CRMD_DATF_CC | CRMD_DATM_CC	/* PLV0, IE = 0 */
	csrwr	$t0, CSR_CRMD
	csrwr	$zero, CSR_ECFG
	csrwr	$zero, CSR_TCFG
	csrwr	$zero, CSR_EUEN			/* no FPU in this kernel */
	la.abs	$sp, __stack_top
	move	$fp, $zero
	la.abs	$t0, __bss_start
	la.abs	$t1, __bss_end
2:	bgeu	$t0, $t1, 3f
	st.d	$zero, $t0, 0
	addi.d	$t0, $t0, 8
	b	2b
3:	bl	kmain
4:	idle	0
	b	4b
