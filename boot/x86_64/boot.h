/* What the x86_64 boot files provide to each other (not to the tests: see plat.h). */
#ifndef BOOT_X86_64_BOOT_H
#define BOOT_X86_64_BOOT_H

#include <stdint.h>

/* Interrupt vectors we use; every other vector is an unexpected trap. */
#define VEC_PF 14
#define VEC_GP 13
#define VEC_PIC_BASE 0x20 /* legacy 8259s, remapped here and masked */
#define VEC_TIMER 0x30    /* local APIC timer */
#define VEC_TLB 0x40      /* IPI: invalidate smp.c's shootdown address */
#define VEC_WAKE 0x41     /* IPI: a secondary CPU has work (smp.c) */
#define VEC_SPURIOUS 0xff /* local APIC spurious interrupt */
#define VEC_SYSCALL 0x80  /* int $0x80 from ring 3: a system call */

/* GDT selectors of ring 3 (entry.S), with RPL 3. */
#define SEL_USER_DATA (0x28 | 3)
#define SEL_USER_CODE (0x30 | 3)

/*
 * The registers saved by trap_entry.S, lowest address first.  The handler
 * may change rip, rflags and rax: trap_entry.S restores from this frame.
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/*
 * The kernel runs in the top 2 GiB: RAM below 2 GiB is mapped at
 * KERNEL_BASE + its physical address (kernel.ld links the image there).
 */
#define KERNEL_BASE 0xffffffff80000000ULL
#define KERNEL_MAP_LIMIT (2ULL << 30) /* physical addresses below this */

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + KERNEL_BASE);
}

static inline uint64_t virt_to_phys(const void *va)
{
	return (uintptr_t)va - KERNEL_BASE;
}

/*
 * The boot page tables of entry.S: boot_pdpt maps the first 4 GiB
 * identically (mmu.c keeps only the device space, from 2 GiB up),
 * boot_pdpt_high the first 2 GiB at KERNEL_BASE; both through boot_pd.
 */
extern uint64_t boot_pml4[512], boot_pdpt[512], boot_pdpt_high[512], boot_pd[4][512];
extern uint64_t boot_gdt[];

/* Local APIC registers (xAPIC, memory-mapped; byte offsets). */
#define APIC_ID 0x020
#define APIC_EOI 0x0b0
#define APIC_ICR_LO 0x300
#define APIC_ICR_HI 0x310

void console_init(void);
void cpu_init(void);
void idt_init(void);
void mem_init(uint32_t start_info_phys);
void mmu_init(void);
void pci_init(void);
void timer_init(void);
void timer_calibrate(void);
void lapic_cpu_init(void);
uint32_t lapic_read(unsigned reg);
void lapic_write(unsigned reg, uint32_t v);
void tss_set_rsp0(uint64_t rsp);

/*
 * CPU number cpu's own GDT (a copy of boot_gdt) and TSS with its IST stacks,
 * loaded on the calling CPU with the shared IDT (idt.c; CPU 0 uses boot_gdt).
 */
void cpu_tables_load(unsigned cpu);

/* Trap-time hooks: each returns 1 when it handled the trap. */
int timer_trap(struct trap_frame *f);
int probe_trap(struct trap_frame *f);
int smp_trap(struct trap_frame *f);

/* Whether CR4.SMEP / CR4.SMAP were turned on (the CPU has them). */
extern int cpu_smep, cpu_smap;

_Noreturn void boot_panic(const char *why);

/* mem.c reports the RAM it found for plat_info(). */
void boot_set_mem_bytes(uint64_t bytes);

#endif
