/*
 * The layout of this example kernel: booted by QEMU's -kernel through the
 * PVH note, 4-level paging, the kernel in the top 2 GiB (-mcmodel=kernel)
 * and a small user region in the lower half.
 */
#ifndef EXAMPLE_PLATFORM_H
#define EXAMPLE_PLATFORM_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#define PAGE_SIZE UL(4096)

/* Physical [0, 1 GiB) appears at KERNEL_OFFSET; the kernel is linked at
 * KERNEL_OFFSET + 2 MiB and loaded at 2 MiB. */
#define KERNEL_OFFSET UL(0xffffffff80000000)
#define KERNEL_SPACE_START KERNEL_OFFSET /* the lowest kernel address */

/* The user region's first page; its layout is common/checks.h's. */
#define USER_BASE UL(0x10000000)

#define SEL_CODE 0x08
#define SEL_DATA 0x10

#define RFLAGS_AC (UL(1) << 18)

/* QEMU's isa-debug-exit at port 0xf4: writing v exits with (v << 1) | 1. */
#define DEBUG_EXIT_PORT 0xf4
#define COM1 0x3f8

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What trap_entry.S pushes, lowest address first. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* Map the user region, drop the boot identity map, SMEP/SMAP on (mmu.c). */
void mmu_init(void);
/* Load the IDT (trap.c). */
void trap_init(void);
/* Whether RFLAGS.AC is clear now (user access closed under SMAP). */
bool user_access_closed(void);
/* Set RFLAGS.AC, as a kernel might have before calling vmio (trap.c). */
void open_user_access(void);
/* Whether SMAP was turned on (mmu.c). */
extern bool smap_on;

/* Stop QEMU through isa-debug-exit: status 1 for code 0, else (code << 1) | 1. */
_Noreturn void platform_exit(int code);

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* Linker-script symbols. */
extern char __stack_top[];
#endif

#endif
