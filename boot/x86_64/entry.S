/*
 * PVH entry.  QEMU's -kernel loader finds the Xen ELF note below and starts
 * pvh_start32 in 32-bit protected mode: paging off, interrupts off, flat
 * segments, no stack, ebx = physical address of struct hvm_start_info.
 *
 * pvh_start32 (32-bit, no stack; linked at its physical address)
 *   esi  hvm_start_info, kept for boot_main
 *   eax, ecx, edx, edi  scratch
 * It zeroes .bss and builds the boot page tables: the first 4 GiB identity
 * mapped with 2 MiB pages (device space from 0xb0000000 up uncached: q35
 * ECAM, PCI MMIO, IOAPIC, LAPIC), and the first 2 GiB again at KERNEL_BASE,
 * where the rest of the kernel is linked (the same page directories).  It
 * enables SSE, PAE, long mode, paging with CR0.WP, loads a 64-bit GDT and
 * jumps up to high_start with an absolute jump.
 *
 * high_start (64-bit, in the top 2 GiB)
 *   reloads the GDT at its high address and calls
 *   boot_main(uint32_t start_info) on the boot stack.  mmu.c later drops the
 *   identity map of RAM: only the devices stay low.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define PTE_P   0x001
#define PTE_W   0x002
#define PTE_PWT 0x008
#define PTE_PCD 0x010
#define PTE_PS  0x080
#define UNCACHED_FROM (0xb0000000 >> 21) /* first uncached 2 MiB page */

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

#define SEL_CODE 0x08
#define SEL_DATA 0x10

#define BOOT_STACK_SIZE 65536

/* kernel.ld and boot.h: virtual = physical + KERNEL_BASE above the stub. */
#define KERNEL_BASE 0xffffffff80000000
#define PHYS(sym) ((sym) - KERNEL_BASE)

/* QEMU reads the entry as a native word after the 4-byte-aligned name. */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4				/* namesz */
	.long 8				/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_start32

	.section .text.boot, "ax", @progbits
	.code32
	.globl pvh_start32
	.type pvh_start32, @function
pvh_start32:
	cld
	movl	%ebx, %esi

	movl	$PHYS(__bss_start), %edi
	movl	$PHYS(__bss_end), %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	/* PML4[0] -> the low PDPT; PML4[511] -> the high PDPT. */
	movl	$(PHYS(boot_pdpt) + PTE_P + PTE_W), PHYS(boot_pml4)
	movl	$(PHYS(boot_pdpt_high) + PTE_P + PTE_W), PHYS(boot_pml4) + 511 * 8

	/* Low PDPT[0..3] -> the four page directories: 0..4 GiB. */
	movl	$(PHYS(boot_pd) + PTE_P + PTE_W), %eax
	xorl	%ecx, %ecx
1:	movl	%eax, PHYS(boot_pdpt)(, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	1b

	/* High PDPT[510..511] -> the first two: KERNEL_BASE + 0..2 GiB. */
	movl	$(PHYS(boot_pd) + PTE_P + PTE_W), PHYS(boot_pdpt_high) + 510 * 8
	movl	$(PHYS(boot_pd) + 4096 + PTE_P + PTE_W), PHYS(boot_pdpt_high) + 511 * 8

	/* 2048 entries of 2 MiB: the high dwords stay zero from .bss. */
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P + PTE_W + PTE_PS), %eax
	cmpl	$UNCACHED_FROM, %ecx
	jb	3f
	orl	$(PTE_PWT + PTE_PCD), %eax
3:	movl	%eax, PHYS(boot_pd)(, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	2b

	/* SSE for compiled code; PAE before long mode. */
	movl	%cr4, %eax
	orl	$(CR4_PAE + CR4_OSFXSR + CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$PHYS(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~CR0_EM, %eax
	orl	$(CR0_PE + CR0_MP + CR0_WP + CR0_PG), %eax
	movl	%eax, %cr0

	lgdt	PHYS(boot_gdt_ptr32)
	ljmp	$SEL_CODE, $long_mode

	.code64
long_mode:
	movabsq	$high_start, %rax
	jmp	*%rax
	.size pvh_start32, . - pvh_start32

	.text
	.type high_start, @function
high_start:
	lgdt	boot_gdt_ptr(%rip)
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp
	movl	%esi, %edi
	call	boot_main
4:	cli
	hlt
	jmp	4b
	.size high_start, . - high_start

/*
 * GDT: null, 64-bit code, data, a TSS descriptor that idt.c fills in, and
 * ring 3's data and 64-bit code (in sysret's order: data, then code).
 */
	.data
	.balign 16
	.globl boot_gdt
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* SEL_CODE: present, ring 0, long mode */
	.quad 0x00cf92000000ffff	/* SEL_DATA: present, ring 0, writable */
	.quad 0, 0			/* 0x18: 64-bit TSS, 16 bytes */
	.quad 0x00cff2000000ffff	/* 0x28: user data: present, ring 3, writable */
	.quad 0x00affa000000ffff	/* 0x30: user code: present, ring 3, long mode */
boot_gdt_end:
	.balign 8
	.globl boot_gdt_ptr
boot_gdt_ptr:				/* lgdt operand, high address */
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt
	.balign 8
boot_gdt_ptr32:				/* the same, physical, for the stub */
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .bss.boot, "aw", @nobits
	.balign 4096
	.globl boot_pml4, boot_pdpt, boot_pdpt_high, boot_pd
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 4 * 4096
	.globl boot_stack_guard
boot_stack_guard: .skip 4096	/* unmapped by mmu.c: overflow faults */
boot_stack:	.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
