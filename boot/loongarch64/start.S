/*
 * Entry from QEMU's direct kernel boot: PLV0, interrupts off, direct-address
 * mode (CRMD.DA = 1, PG = 0: every address is physical, bits above 47
 * dropped), PC at the ELF entry.
 *
 * We open the two direct-mapped windows, jump to the link address inside
 * the cached one, take the boot stack and clear .bss, then run boot_main()
 * in C, which turns paging on and moves to the mapped kernel stack.
 * Windows still apply with paging on, so the code keeps running where it is.
 */
#include "boot.h"
#include "csr.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	li.d	$t0, DMW0_UNCACHED
	csrwr	$t0, CSR_DMW0
	li.d	$t0, DMW1_CACHED
	csrwr	$t0, CSR_DMW1
	la.abs	$t0, 1f
	jirl	$zero, $t0, 0
1:
	li.w	$t0, CRMD_DA | CRMD_DATF_CC | CRMD_DATM_CC	/* PLV0, IE = 0 */
	csrwr	$t0, CSR_CRMD
	csrwr	$zero, CSR_ECFG
	csrwr	$zero, CSR_TCFG
	csrwr	$zero, CSR_EUEN		/* no FPU: a float in kernel code traps */

	la.abs	$sp, boot_stack_top
	move	$fp, $zero
	move	$ra, $zero
	la.abs	$t0, __bss_start
	la.abs	$t1, __bss_end
2:	bgeu	$t0, $t1, 3f
	st.d	$zero, $t0, 0
	addi.d	$t0, $t0, 8
	b	2b
3:
	bl	boot_main
4:	idle	0			/* boot_main does not return */
	b	4b

/* _Noreturn void call_on_stack(uintptr_t top, void (*fn)(void))    a0 top, a1 fn */
	.text
	.globl call_on_stack
	.type call_on_stack, @function
call_on_stack:
	move	$sp, $a0
	move	$ra, $zero
	jirl	$zero, $a1, 0
	.size call_on_stack, . - call_on_stack

/*
 * The boot stack, until paging is on, and the overflow stack on which
 * trap_entry dumps when the kernel stack has no room left.
 */
	.section .bss.stack, "aw", @nobits
	.balign 16
	.space 16384
boot_stack_top:
	.space 8192
	.globl overflow_stack_top
overflow_stack_top:
