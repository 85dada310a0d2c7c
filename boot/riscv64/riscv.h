/*
 * Shared by the riscv64 boot files: CSR access, the trap frame, and the
 * functions each file provides to the others.
 */
#ifndef BOOT_RISCV_H
#define BOOT_RISCV_H

#include <stddef.h>
#include <stdint.h>

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SUM (1UL << 18)
#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIP_SSIP (1UL << 1)
#define IRQ_S_SOFT 1
#define SCAUSE_INTR (1UL << 63)
#define IRQ_S_TIMER 5
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_ACCESS 7
#define EXC_LOAD_PAGE 13
#define EXC_STORE_PAGE 15
#define EXC_INSN_PAGE 12

#define PAGE_SIZE 4096UL

/*
 * The kernel runs in the Sv39 upper half: RAM and devices below 4 GiB are
 * mapped at their physical address + KERNEL_OFFSET (kernel.ld links the
 * image after its stub at 0xffffffff80200000 on, loaded at 0x80200000).
 */
#define KERNEL_OFFSET 0xffffffff00000000UL
#define KERNEL_MAP_LIMIT 0x100000000UL /* physical addresses below this */

static inline void *phys_to_virt(uintptr_t pa)
{
	return (void *)(pa + KERNEL_OFFSET);
}

static inline uintptr_t virt_to_phys(const void *va)
{
	return (uintptr_t)va - KERNEL_OFFSET;
}

#define csr_read(csr) ({                                          \
	unsigned long v_;                                         \
	__asm__ volatile("csrr %0, " #csr : "=r"(v_));            \
	v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "rK"(v) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "rK"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "rK"(v) : "memory")

/* What trap_entry.S pushes; x[2] is sp before the trap. */
struct riscv_frame {
	uint64_t x[32];
	uint64_t sepc, sstatus, scause, stval;
};

/* trap.c */
void riscv_trap(struct riscv_frame *f);

/* probe.S */
int riscv_probe_load(const volatile uint8_t *p);
extern const char riscv_probe_insn[], riscv_probe_fixup[];

/* vector.c: V on for the kernel and vmio if riscv,isa has it; 1 if so. */
int riscv_vector_init(const void *dtb);

/* fdt.c: properties of a flattened device tree (see there). */
int fdt_valid(const void *fdt);
uint32_t fdt_size(const void *fdt);
const void *fdt_prop(const void *fdt, const char *node, const char *prop, uint32_t *len);
uint64_t fdt_cells(const void *p, uint32_t ncells);
unsigned fdt_cpu_harts(const void *fdt, unsigned long *ids, unsigned max);

/* frames.c */
void frames_init(uintptr_t start, uintptr_t end);

/* mmu.c */
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
void mmu_map(uintptr_t va, uintptr_t pa, size_t len, uint64_t prot);
void mmu_enable(void);

/* sbi.c */
void sbi_set_timer(uint64_t stime);
long sbi_hart_start(unsigned long hartid, uintptr_t start, unsigned long opaque);
long sbi_send_ipi(unsigned long hartid);

/* timer.c */
void timer_init(uint64_t timebase_hz);
void timer_interrupt(const struct riscv_frame *f);
void riscv_timer_sum_counts(uint64_t *interrupted_open, uint64_t *handler_open);

/* console.c */
void console_init(void);

/* smp.c */
extern volatile unsigned riscv_ncpu; /* CPUs online; 1 until plat_smp_start */
void riscv_ipi(const struct riscv_frame *f);
void riscv_secondary(unsigned long hartid, unsigned long cpu);
extern const uintptr_t riscv_secondary_entry_pa; /* entry.S: its physical address */

/* A spinlock that services TLB shootdowns while it waits (smp.c). */
struct spinlock {
	volatile int locked;
};
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);

/* boot.c */
extern const void *riscv_dtb;
extern unsigned long riscv_boot_hart;
void riscv_boot(unsigned long hartid, uintptr_t dtb_phys);
_Noreturn void riscv_panic(const char *why);

#endif
