/* What the loongarch64 boot files share among themselves. */
#ifndef LA_BOOT_H
#define LA_BOOT_H

#define LA_PAGE_SHIFT 14 /* 16 KiB pages: QEMU 7.2 mistranslates 4 KiB ones */
#define LA_PAGE_SIZE 0x4000

/* The base of the user test region: low, below every direct-mapped window. */
#define LA_USER_BASE 0x10000000

/*
 * The kernel stacks, mapped through the TLB in the upper half (PGDH), each
 * above an unmapped guard page, so that an overflow faults instead of
 * running over .bss; the windows cannot leave such a hole.  256 KiB each.
 * CPU c's stack has the slot of 512 KiB (a power of two, for trap.S's
 * test) at LA_KSTACK_GUARD + c * LA_KSTACK_SLOT: guard page, 16 stack
 * pages, the rest unmapped.
 */
#define LA_KSTACK_GUARD 0xffffff0000000000
#define LA_KSTACK_PAGES 16
#define LA_KSTACK_SLOT_SHIFT 19
#define LA_KSTACK_SLOT (1 << LA_KSTACK_SLOT_SHIFT)
#define LA_KSTACK_BOTTOM (LA_KSTACK_GUARD + LA_PAGE_SIZE)
#define LA_KSTACK_TOP (LA_KSTACK_BOTTOM + LA_KSTACK_PAGES * LA_PAGE_SIZE)
#define LA_KSTACK_TOP_OF(c) (LA_KSTACK_TOP + (uint64_t)(c) * LA_KSTACK_SLOT)

#define LA_MAX_CPUS 8 /* = PLAT_MAX_CPUS, for the assembler */
#define LA_MAX_HWID 64 /* CSR.CPUID values we can release (smp.c) */
#define LA_OVERFLOW_STACK 8192 /* bytes of each CPU's overflow stack */

/* Offsets in struct la_cpu, for start.S. */
#define LA_CPU_KSTACK_TOP 0
#define LA_CPU_OVERFLOW_TOP 8

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Read the RAM size from fw_cfg and set up the frame allocator (mem.c). */
void mem_init(void);

/* Build the page tables, point the TLB refill at them, turn paging on (mmu.c). */
void mmu_init(void);

/* Point EENTRY at trap_entry, local interrupts masked (trap.c). */
void trap_init(void);

/*
 * One per CPU, pointed to by its KScratch SAVE2.  kstack_top and
 * overflow_top come first (start.S loads them by offset).
 */
struct la_cpu {
	uint64_t kstack_top;
	uint64_t overflow_top;
	unsigned id;   /* plat_cpu_id(): 0 .. count - 1 */
	unsigned hwid; /* CSR.CPUID */
	int online;
	/* plat_smp_run(): fn and arg, then state IDLE -> RUN -> IDLE. */
	void (*volatile fn)(unsigned cpu, void *arg);
	void *volatile arg;
	int state;
};

/* CPU 0's la_cpu, and KScratch pointing to it (smp.c). */
void smp_boot_cpu_init(void);

/* An IPI at era (trap.c -> smp.c): count it, then act on its bits. */
void smp_ipi(uintptr_t era);

/* The CSR values every CPU loads to join the page table (mmu.c fills, start.S reads). */
struct la_mmu_csrs {
	uint64_t pwcl, pwch, stlbps, tlbrehi, tlbidx, pgdl, pgdh, tlbrentry, eentry;
};
extern struct la_mmu_csrs la_mmu_csrs;

/* Map CPU c's kernel stack (mmu.c); 0 when out of memory. */
int mmu_map_kernel_stack(unsigned c);

/* Switch sp to top and jump to fn (start.S). */
_Noreturn void call_on_stack(uintptr_t top, void (*fn)(void));
#endif

#endif
