/*
 * The layout of this example kernel on QEMU's loongarch64 virt machine:
 * the kernel runs in the cached direct-mapped window (DMW1, 0x9000...),
 * devices are reached through the uncached one (DMW0, 0x8000...), and the
 * TLB maps only a small user region in the lower half, with 16 KiB pages.
 */
#ifndef EXAMPLE_PLATFORM_H
#define EXAMPLE_PLATFORM_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#define PAGE_SHIFT 14 /* 16 KiB: QEMU 7.2 mistranslates 4 KiB pages */
#define PAGE_SIZE (UL(1) << PAGE_SHIFT)

/* Direct-mapped windows: VSEG in bits 63:60, MAT in 5:4, PLV0 allowed (bit 0). */
#define DMW0_UNCACHED UL(0x8000000000000001)
#define DMW1_CACHED UL(0x9000000000000011)
#define UNCACHED_BASE UL(0x8000000000000000)
#define CACHED_BASE UL(0x9000000000000000)
#define KERNEL_SPACE_START CACHED_BASE /* the lowest kernel address */

#define UART_PA UL(0x1fe001e0)     /* 16550 */
#define GED_SLEEP_PA UL(0x100e001c) /* write 0x34: power off (exit status 0) */

/* The user region's first page; its layout is common/checks.h's. */
#define USER_BASE UL(0x10000000)

/* Control and status registers. */
#define CSR_CRMD 0x0
#define CSR_PRMD 0x1
#define CSR_EUEN 0x2
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_BADV 0x7
#define CSR_EENTRY 0xc
#define CSR_TLBIDX 0x10
#define CSR_ASID 0x18
#define CSR_PGDL 0x19
#define CSR_PGDH 0x1a
#define CSR_PGD 0x1b
#define CSR_PWCL 0x1c
#define CSR_PWCH 0x1d
#define CSR_STLBPS 0x1e
#define CSR_TCFG 0x41
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRSAVE 0x8b
#define CSR_TLBREHI 0x8e
#define CSR_DMW0 0x180
#define CSR_DMW1 0x181

#define CRMD_DA 0x8
#define CRMD_PG 0x10
#define CRMD_DATF_CC 0x20
#define CRMD_DATM_CC 0x80

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What trap_entry.S saves: r0..r31 (r[3] = the interrupted sp), then CSRs. */
struct trap_frame {
	uint64_t r[32];
	uint64_t era, prmd, estat, badv;
};

#define csr_read(csr)                                                        \
	({                                                                   \
		uint64_t v_;                                                 \
		__asm__ volatile("csrrd %0, %1" : "=r"(v_) : "i"(csr));      \
		v_;                                                          \
	})
#define csr_write(csr, val)                                                  \
	do {                                                                 \
		uint64_t v_ = (val);                                         \
		__asm__ volatile("csrwr %0, %1" : "+r"(v_) : "i"(csr) : "memory"); \
	} while (0)

/* The physical address of a kernel (window) address, and back. */
static inline uint64_t pa_of(const void *p)
{
	return (uintptr_t)p & 0x0000ffffffffffffUL;
}

/* Build the user region's tables and turn paging on (mmu.c). */
void mmu_init(void);
/* Point EENTRY at trap_entry (trap.c). */
void trap_init(void);
/* Power off (QEMU exits 0 whatever happened: the log says pass or fail). */
_Noreturn void platform_exit(int code);

/* Linker-script symbols. */
extern char __stack_top[];
#endif

#endif
