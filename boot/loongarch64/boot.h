/* What the loongarch64 boot files share among themselves. */
#ifndef LA_BOOT_H
#define LA_BOOT_H

#define LA_PAGE_SHIFT 14 /* 16 KiB pages: QEMU 7.2 mistranslates 4 KiB ones */
#define LA_PAGE_SIZE 0x4000

/* The base of the user test region: low, below every direct-mapped window. */
#define LA_USER_BASE 0x10000000

/*
 * The kernel stack, mapped through the TLB in the upper half (PGDH) above
 * an unmapped guard page, so that an overflow faults instead of running
 * over .bss; the windows cannot leave such a hole.  256 KiB.
 */
#define LA_KSTACK_GUARD 0xffffff0000000000
#define LA_KSTACK_PAGES 16
#define LA_KSTACK_BOTTOM (LA_KSTACK_GUARD + LA_PAGE_SIZE)
#define LA_KSTACK_TOP (LA_KSTACK_BOTTOM + LA_KSTACK_PAGES * LA_PAGE_SIZE)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Read the RAM size from fw_cfg and set up the frame allocator (mem.c). */
void mem_init(void);

/* Build the page tables, point the TLB refill at them, turn paging on (mmu.c). */
void mmu_init(void);

/* Point EENTRY at trap_entry, local interrupts masked (trap.c). */
void trap_init(void);

/* Switch sp to top and jump to fn (start.S). */
_Noreturn void call_on_stack(uintptr_t top, void (*fn)(void));
#endif

#endif
