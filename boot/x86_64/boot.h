/* What the x86_64 boot files provide to each other (not to the tests: see plat.h). */
#ifndef BOOT_X86_64_BOOT_H
#define BOOT_X86_64_BOOT_H

#include <stdint.h>

/* Interrupt vectors we use; every other vector is an unexpected trap. */
#define VEC_PF 14
#define VEC_GP 13
#define VEC_PIC_BASE 0x20 /* legacy 8259s, remapped here and masked */
#define VEC_TIMER 0x30    /* local APIC timer */
#define VEC_SPURIOUS 0xff /* local APIC spurious interrupt */

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

/* The boot page tables of entry.S: identity map of the first 4 GiB. */
extern uint64_t boot_pml4[512], boot_pdpt[512], boot_pd[4][512];
extern uint64_t boot_gdt[];

void console_init(void);
void cpu_init(void);
void idt_init(void);
void mem_init(uint32_t start_info_phys);
void mmu_init(void);
void pci_init(void);
void timer_init(void);

/* Trap-time hooks: each returns 1 when it handled the trap. */
int timer_trap(struct trap_frame *f);
int probe_trap(struct trap_frame *f);

/* Whether CR4.SMEP / CR4.SMAP were turned on (the CPU has them). */
extern int cpu_smep, cpu_smap;

_Noreturn void boot_panic(const char *why);

/* mem.c reports the RAM it found for plat_info(). */
void boot_set_mem_bytes(uint64_t bytes);

#endif
