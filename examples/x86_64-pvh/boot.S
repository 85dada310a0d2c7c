/*
 * PVH entry.  QEMU's -kernel finds the Xen note and starts pvh_start32 in
 * 32-bit protected mode at its physical address: paging off, interrupts
 * off, flat segments, no stack.
 *
 * pvh_start32 (32-bit, no stack; eax, ecx, edi scratch) zeroes .bss, maps
 * physical [0, 1 GiB) with 2 MiB pages twice, at 0 (for the next few
 * instructions) and at KERNEL_OFFSET, turns on PAE, long mode, paging
 * with CR0.WP (so that read-only pages bind the kernel too), loads the GDT
 * and far-jumps to 64-bit code, which jumps to high_start in the top
 * 2 GiB through an absolute address.  high_start reloads the GDT at its
 * high address, takes the stack and calls kmain().
 */
#include "platform.h"

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define PTE_P 0x001
#define PTE_W 0x002
#define PTE_PS 0x080
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)

/* The physical address of a high symbol, for the 32-bit code. */
#define PA(sym) ((sym) - KERNEL_OFFSET)

	.section .note.Xen, "a", @note
	.balign 4
	.long 4				/* namesz */
	.long 8				/* descsz: QEMU reads a native word */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_start32

	.section .boot, "ax", @progbits
	.code32
	.globl pvh_start32
pvh_start32:
	cld
	movl	$PA(__bss_start), %edi
	movl	$PA(__bss_end), %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	/* boot_pd: 512 pages of 2 MiB, physical [0, 1 GiB). */
	movl	$PA(boot_pd), %edi
	movl	$(PTE_P + PTE_W + PTE_PS), %eax
	movl	$512, %ecx
1:	movl	%eax, (%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	decl	%ecx
	jnz	1b
	/* Seen at 0 through boot_pml4[0] -> boot_pdpt_low[0], and at
	 * KERNEL_OFFSET through boot_pml4[511] -> boot_pdpt_high[510]. */
	movl	$PA(boot_pd + PTE_P + PTE_W), %eax
	movl	%eax, PA(boot_pdpt_low)
	movl	%eax, PA(boot_pdpt_high + 510 * 8)
	movl	$PA(boot_pdpt_low + PTE_P + PTE_W), %eax
	movl	%eax, PA(boot_pml4)
	movl	$PA(boot_pdpt_high + PTE_P + PTE_W), %eax
	movl	%eax, PA(boot_pml4 + 511 * 8)

	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PA(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PE + CR0_WP + CR0_PG), %eax
	movl	%eax, %cr0
	lgdt	gdt_ptr_low
	ljmp	$SEL_CODE, $long_mode_low

	.code64
long_mode_low:
	movabsq	$high_start, %rax
	jmp	*%rax

	.balign 8
gdt_ptr_low:
	.word gdt_end - gdt - 1
	.long PA(gdt)

	.text
high_start:
	lgdt	gdt_ptr(%rip)
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	leaq	__stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	call	kmain
2:	cli
	hlt
	jmp	2b

	.section .rodata
	.balign 16
gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* SEL_CODE: 64-bit, ring 0 */
	.quad 0x00cf92000000ffff	/* SEL_DATA: ring 0, writable */
gdt_end:
	.balign 8
gdt_ptr:
	.word gdt_end - gdt - 1
	.quad gdt

	.section .note.GNU-stack, "", @progbits
