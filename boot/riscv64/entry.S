/*
 * _start: where OpenSBI fw_dynamic enters, in S-mode with the MMU off,
 *   a0 = hart id, a1 = physical address of the device tree (both kept).
 *   t0, t1 scratch.
 * Linked at its physical address (0x80200000), like boot_root below.
 * Turns Sv39 on with boot_root, which maps this stub's gigabyte identically
 * and RAM and the devices below 4 GiB at physical + KERNEL_OFFSET, where
 * the rest of the kernel is linked; then jumps up to high_start with an
 * absolute address (out of reach of a pc-relative one).
 *
 * high_start: sets gp, tp and sp, a trap vector, lets the FPU be used
 * (picolibc is built for rv64imafdc), zeroes .bss, then calls
 * riscv_boot(a0, a1), which replaces boot_root by tables without the
 * identity map.
 */
#define SSTATUS_FS_INITIAL (1 << 13)
#define SATP_SV39 (8 << 60)

/* riscv.h: virtual = physical + KERNEL_OFFSET. */
#define KERNEL_OFFSET 0xffffffff00000000

/* A 1 GiB leaf for physical pa: V R W X, A D set, global. */
#define GIGA_LEAF(pa, rwx) ((((pa) >> 12) << 10) | (rwx) | 0xe1)
#define RW 0x6
#define RWX 0xe
#define SLOT(va) (((va) >> 30) & 511)

	.section .text.entry, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	lla	t0, boot_root
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	ld	t0, high_start_addr
	jr	t0
	.size _start, . - _start

	.balign 8
high_start_addr:
	.quad	high_start

/*
 * riscv_secondary_entry: where SBI HSM hart_start enters a secondary hart,
 * in S-mode with the MMU off, a0 = hart id, a1 = its cpu number (both
 * kept).  Like _start: Sv39 with boot_root, then up to secondary_high.
 */
	.globl riscv_secondary_entry
	.type riscv_secondary_entry, @function
riscv_secondary_entry:
	lla	t0, boot_root
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	ld	t0, secondary_high_addr
	jr	t0
	.size riscv_secondary_entry, . - riscv_secondary_entry

	.balign 8
secondary_high_addr:
	.quad	secondary_high

/* The boot page table: Sv39 root, four 1 GiB leaves. */
	.section .rodata.entry, "a", @progbits
	.balign 4096
boot_root:
	.fill	SLOT(0x80000000), 8, 0
	.quad	GIGA_LEAF(0x80000000, RWX)		/* this stub, identically */
	.fill	SLOT(KERNEL_OFFSET) - SLOT(0x80000000) - 1, 8, 0
	.quad	GIGA_LEAF(0x00000000, RW)		/* devices below 1 GiB */
	.quad	0
	.quad	GIGA_LEAF(0x80000000, RWX)		/* RAM */
	.quad	GIGA_LEAF(0xc0000000, RWX)
	.size boot_root, . - boot_root

	.text
	.type high_start, @function
high_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	tp, __tls_base
	la	sp, __stack_top
	csrw	sie, zero
	la	t0, riscv_trap_entry
	csrw	stvec, t0
	li	t0, SSTATUS_FS_INITIAL
	csrs	sstatus, t0

	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	call	riscv_boot
3:	wfi				/* riscv_boot does not return */
	j	3b
	.size high_start, . - high_start

/*
 * secondary_high: a secondary hart in the upper half, still on boot_root:
 * gp, tp (the one TLS block), interrupts off, the trap vector with
 * sscratch 0 (in the kernel), SUM clear, the FPU, and sp the top of the
 * stack plat_smp_start gave cpu a1 (riscv_cpu_stack_top[a1]); then
 * riscv_secondary(a0, a1), which does not return.
 */
#define SSTATUS_SUM (1 << 18)
	.type secondary_high, @function
secondary_high:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	tp, __tls_base
	csrw	sie, zero
	la	t0, riscv_trap_entry
	csrw	stvec, t0
	csrw	sscratch, zero
	li	t0, SSTATUS_SUM
	csrc	sstatus, t0
	li	t0, SSTATUS_FS_INITIAL
	csrs	sstatus, t0
	la	t0, riscv_cpu_stack_top
	slli	t1, a1, 3
	add	t0, t0, t1
	ld	sp, 0(t0)
	call	riscv_secondary
4:	wfi
	j	4b
	.size secondary_high, . - secondary_high

/* For plat_smp_start: the stub's physical address, out of pc-relative reach. */
	.section .rodata
	.balign 8
	.globl riscv_secondary_entry_pa
riscv_secondary_entry_pa:
	.quad	riscv_secondary_entry
