/*
 * Secondary-CPU start-up (smp.c).  A startup IPI with vector 0x08 starts
 * the CPU in real mode at 0x0800:0000; smp.c copies ap_tramp there
 * (AP_TRAMP_PHYS) and fills in its data words before each start.
 *
 * ap_tramp (16-bit, then 32-bit, then 64-bit; position-fixed copy)
 *   loads its own GDT (flat 32-bit code and data, 64-bit code), enters
 *   protected mode, turns on PAE and SSE as entry.S does, loads CR3 with
 *   ap_tramp_cr3 (a page table that maps the trampoline's low page as well as
 *   the kernel at KERNEL_BASE), sets EFER.LME and CR0.PG, far-jumps into
 *   64-bit code, takes its stack from ap_tramp_stack and its CPU number from
 *   ap_tramp_cpu, and jumps to ap_start64 in the higher half.
 *   eax, ecx, edx  scratch
 *
 * ap_start64 (64-bit, top 2 GiB)
 *   rdi  CPU number;  rsp  its stack
 *   loads boot_gdt at its high address, reloads the segment registers, and
 *   calls ap_main(cpu), which never returns.
 */
#define AP_TRAMP_PHYS 0x8000

#define CR0_PE  (1 << 0)
#define CR0_MP  (1 << 1)
#define CR0_EM  (1 << 2)
#define CR0_WP  (1 << 16)
#define CR0_PG  (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)

#define T_CODE32 0x08	/* selectors of the trampoline's GDT */
#define T_DATA   0x10
#define T_CODE64 0x18
#define SEL_CODE 0x08	/* entry.S's boot_gdt */
#define SEL_DATA 0x10

/* The physical address of trampoline label x once copied. */
#define TP(x) (AP_TRAMP_PHYS + (x) - ap_tramp)

	.section .rodata, "a", @progbits
	.balign 16
	.globl ap_tramp, ap_tramp_end, ap_tramp_cr3, ap_tramp_stack, ap_tramp_cpu
	.code16
ap_tramp:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	tramp_gdtr - ap_tramp
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$T_CODE32, $TP(pm32)

	.code32
pm32:
	movl	$T_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%cr4, %eax
	orl	$(CR4_PAE + CR4_OSFXSR + CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	TP(ap_tramp_cr3), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~CR0_EM, %eax
	orl	$(CR0_MP + CR0_WP + CR0_PG), %eax
	movl	%eax, %cr0
	ljmpl	$T_CODE64, $TP(lm64)

	.code64
lm64:
	movq	TP(ap_tramp_stack), %rsp
	movq	TP(ap_tramp_cpu), %rdi
	movabsq	$ap_start64, %rax
	jmp	*%rax

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* T_CODE32: flat, 32-bit */
	.quad 0x00cf92000000ffff	/* T_DATA: flat, writable */
	.quad 0x00af9a000000ffff	/* T_CODE64: long mode */
tramp_gdt_end:
tramp_gdtr:
	.word tramp_gdt_end - tramp_gdt - 1
	.long TP(tramp_gdt)
	.balign 8
ap_tramp_cr3:	.quad 0		/* filled in by smp.c */
ap_tramp_stack:	.quad 0
ap_tramp_cpu:	.quad 0
ap_tramp_end:

	.text
	.globl ap_start64
	.type ap_start64, @function
ap_start64:
	lgdt	boot_gdt_ptr(%rip)
	pushq	$SEL_CODE
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	xorl	%ebp, %ebp
	call	ap_main
2:	cli
	hlt
	jmp	2b
	.size ap_start64, . - ap_start64

	.section .note.GNU-stack, "", @progbits
