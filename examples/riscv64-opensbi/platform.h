/*
 * The layout of this example kernel: S-mode under OpenSBI on QEMU virt,
 * Sv39 paging, the kernel in the upper half and a small user region low.
 */
#ifndef EXAMPLE_PLATFORM_H
#define EXAMPLE_PLATFORM_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#define PAGE_SIZE UL(4096)

/* The kernel is linked at KERNEL_VMA and loaded by OpenSBI at KERNEL_PMA. */
#define KERNEL_PMA UL(0x80200000)
#define KERNEL_VMA UL(0xffffffff80200000)
#define KERNEL_OFFSET (KERNEL_VMA - KERNEL_PMA) /* virtual minus physical */
#define KERNEL_SPACE_START KERNEL_VMA /* the lowest kernel address */

/* Devices: physical [0, 1 GiB) is mapped at DEVICE_VMA (one gigapage). */
#define DEVICE_VMA UL(0xffffffff40000000)
#define SIFIVE_TEST_PA UL(0x100000) /* write (code << 16) | 0x3333 to exit */

/* The user region's first page; its layout is common/checks.h's. */
#define USER_BASE UL(0x10000000)

#define SSTATUS_SUM (UL(1) << 18)
#define SSTATUS_FS_INITIAL (UL(1) << 13)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* The saved registers of a trap taken in S-mode (trap.S builds it). */
struct trap_frame {
	uint64_t x[32];  /* x[0] unused; x[2] is the interrupted sp */
	uint64_t sepc, sstatus, scause, stval;
};

/* Build the user region's page tables and drop the boot identity map (mmu.c). */
void mmu_init(void);
/* Map (true) or unmap (false) the hole page (mmu.c). */
void map_hole(bool mapped);
/* When set, a fault on the hole maps it and retries, as demand paging does (trap.c). */
extern bool demand_page_hole;
/* Point stvec at trap_entry (trap.c). */
void trap_init(void);
/* Faults the kernel resolved by mapping the hole (trap.c). */
extern unsigned long faults_paged_in;
/* Stop QEMU with status 0 (pass) or code (fail) through sifive_test (console.c). */
_Noreturn void platform_exit(int code);
/* Whether sstatus.SUM is clear now. */
bool user_access_closed(void);
/* Set sstatus.SUM, as a kernel might have before calling vmio (trap.c). */
void open_user_access(void);

/* Linker-script symbols. */
extern char __kernel_start[], __kernel_end[], __stack_top[];
#endif

#endif
