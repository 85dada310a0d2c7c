/* What the loongarch64 boot files share among themselves. */
#ifndef LA_BOOT_H
#define LA_BOOT_H

#include <stddef.h>
#include <stdint.h>

#define LA_PAGE_SHIFT 14 /* 16 KiB pages: QEMU 7.2 mistranslates 4 KiB ones */
#define LA_PAGE_SIZE (1UL << LA_PAGE_SHIFT)

/* The base of the user test region: low, below every direct-mapped window. */
#define LA_USER_BASE 0x10000000UL

/* Read the RAM size from fw_cfg and set up the frame allocator (mem.c). */
void mem_init(void);

/* Build the page tables, point the TLB refill at them, turn paging on (mmu.c). */
void mmu_init(void);

/* Point EENTRY at trap_entry, local interrupts masked (trap.c). */
void trap_init(void);

#endif
