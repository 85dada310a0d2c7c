/*
 * Entry from QEMU's direct kernel boot: PLV0, interrupts off, direct-address
 * mode (CRMD.DA = 1, PG = 0: every address is physical, bits above 47
 * dropped), PC at the ELF entry.
 *
 * We open the two direct-mapped windows, jump to the link address inside
 * the cached one, take the boot stack and clear .bss, then run boot_main()
 * in C, which turns paging on and moves to the mapped kernel stack.
 * Windows still apply with paging on, so the code keeps running where it is.
 *
 * QEMU starts every CPU here at once (-smp N), in no fixed order.  Only
 * CSR.CPUID 0 boots; the others park before touching memory (CPU 0 has yet
 * to clear .bss) and wait, as Linux expects of firmware, for a mailbox 0
 * value sent by another core: the address to jump to.  smp.c sends
 * la_secondary_entry.
 */
#include "boot.h"
#include "csr.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	csrrd	$t0, CSR_CPUID
	andi	$t0, $t0, 0x1ff
	bnez	$t0, la_park
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
	la.abs	$t0, overflow_stack_top
	csrwr	$t0, CSR_SAVE3
	csrwr	$zero, CSR_SAVE2
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

/*
 * A secondary CPU, straight from QEMU: windows, DA mode, interrupts off,
 * IPIs enabled in IOCSR and ECFG so that idle wakes (IE stays 0: nothing
 * is taken).  Mailbox 0 is 0 at reset; loop until it holds the address,
 * then clear the IPI and go there.  t0 value, t1 IOCSR address.
 */
la_park:
	li.d	$t0, DMW0_UNCACHED
	csrwr	$t0, CSR_DMW0
	li.d	$t0, DMW1_CACHED
	csrwr	$t0, CSR_DMW1
	li.w	$t0, CRMD_DA | CRMD_DATF_CC | CRMD_DATM_CC
	csrwr	$t0, CSR_CRMD
	csrwr	$zero, CSR_TCFG
	li.w	$t0, ECFG_LIE_IPI
	csrwr	$t0, CSR_ECFG
	li.w	$t0, -1
	li.w	$t1, IOCSR_IPI_EN
	iocsrwr.w $t0, $t1
1:	li.w	$t1, IOCSR_MBUF0
	iocsrrd.d $t0, $t1
	bnez	$t0, 2f
	idle	0
	li.w	$t1, IOCSR_IPI_STATUS
	iocsrrd.w $t0, $t1
	li.w	$t1, IOCSR_IPI_CLEAR
	iocsrwr.w $t0, $t1
	b	1b
2:	li.w	$t1, IOCSR_IPI_STATUS
	iocsrrd.w $a0, $t1
	li.w	$t1, IOCSR_IPI_CLEAR
	iocsrwr.w $a0, $t1
	jirl	$zero, $t0, 0

/*
 * Where smp.c releases a secondary to: still DA mode, no stack.  Our
 * la_cpu comes from la_cpu_by_hwid[CPUID] (filled by CPU 0 before the
 * release); the translation CSRs from la_mmu_csrs, as CPU 0 set its own.
 * Then paging on, the kernel stack, and la_secondary_main(cpu) in C.
 * a0 la_cpu, t0 value, t1 address.
 */
	.globl la_secondary_entry
la_secondary_entry:
	la.abs	$t1, 1f
	jirl	$zero, $t1, 0		/* into the cached window, if not there yet */
1:	csrrd	$t0, CSR_CPUID
	andi	$t0, $t0, 0x1ff
	slli.d	$t0, $t0, 3
	la.abs	$t1, la_cpu_by_hwid
	ldx.d	$a0, $t1, $t0
	move	$t0, $a0
	csrwr	$t0, CSR_SAVE2		/* csrwr swaps: t0 gets the old value */
	ld.d	$t0, $a0, LA_CPU_OVERFLOW_TOP
	csrwr	$t0, CSR_SAVE3
	csrwr	$zero, CSR_ECFG
	csrwr	$zero, CSR_EUEN
	la.abs	$t1, la_mmu_csrs
	ld.d	$t0, $t1, 0
	csrwr	$t0, CSR_PWCL
	ld.d	$t0, $t1, 8
	csrwr	$t0, CSR_PWCH
	ld.d	$t0, $t1, 16
	csrwr	$t0, CSR_STLBPS
	ld.d	$t0, $t1, 24
	csrwr	$t0, CSR_TLBREHI
	ld.d	$t0, $t1, 32
	csrwr	$t0, CSR_TLBIDX
	csrwr	$zero, CSR_ASID
	ld.d	$t0, $t1, 40
	csrwr	$t0, CSR_PGDL
	ld.d	$t0, $t1, 48
	csrwr	$t0, CSR_PGDH
	ld.d	$t0, $t1, 56
	csrwr	$t0, CSR_TLBRENTRY
	ld.d	$t0, $t1, 64
	csrwr	$t0, CSR_EENTRY
	invtlb	0, $zero, $zero
	li.w	$t0, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC	/* PLV0, IE = 0 */
	csrwr	$t0, CSR_CRMD
	ld.d	$sp, $a0, LA_CPU_KSTACK_TOP
	move	$fp, $zero
	move	$ra, $zero
	bl	la_secondary_main
3:	idle	0			/* la_secondary_main does not return */
	b	3b

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
