/*
 * LoongArch control and status registers used by our boot code, and the
 * physical layout of QEMU 7.2's loongarch "virt" machine.  Shared by C and
 * assembly.
 */
#ifndef LA_CSR_H
#define LA_CSR_H

#define CSR_CRMD 0x0      /* current mode: PLV, IE, DA, PG, DATF, DATM */
#define CSR_PRMD 0x1      /* mode before the exception */
#define CSR_EUEN 0x2      /* FPU/vector enables */
#define CSR_ECFG 0x4      /* local interrupt enables (LIE), vector spacing */
#define CSR_ESTAT 0x5     /* pending interrupts IS[12:0], Ecode[21:16], EsubCode[30:22] */
#define CSR_CPUID 0x20    /* this core's number (CoreID in bits 8:0) */
#define CSR_ERA 0x6       /* exception return address */
#define CSR_BADV 0x7      /* faulting virtual address */
#define CSR_EENTRY 0xc    /* exception entry (virtual, 4 KiB aligned) */
#define CSR_TLBIDX 0x10
#define CSR_TLBEHI 0x11
#define CSR_ASID 0x18
#define CSR_PGDL 0x19     /* page directory for VA bit 63 = 0 */
#define CSR_PGDH 0x1a     /* page directory for VA bit 63 = 1 */
#define CSR_PGD 0x1b      /* read-only: PGDL or PGDH for the faulting VA */
#define CSR_PWCL 0x1c     /* page walk: PT and Dir1/Dir2 base and width */
#define CSR_PWCH 0x1d     /* page walk: Dir3/Dir4 base and width */
#define CSR_STLBPS 0x1e   /* page size of the STLB */
#define CSR_SAVE0 0x30
#define CSR_SAVE1 0x31   /* the kernel stack for traps from PLV3 (user_entry.S) */
#define CSR_SAVE2 0x32   /* this CPU's struct la_cpu (smp.c) */
#define CSR_SAVE3 0x33   /* this CPU's overflow stack top (trap.S) */
#define CSR_TCFG 0x41     /* timer: En, Periodic, InitVal */
#define CSR_TVAL 0x42
#define CSR_TICLR 0x44    /* write 1: acknowledge the timer interrupt */
#define CSR_TLBRENTRY 0x88 /* TLB refill entry (physical, 4 KiB aligned) */
#define CSR_TLBRBADV 0x89
#define CSR_TLBRERA 0x8a
#define CSR_TLBRSAVE 0x8b
#define CSR_TLBREHI 0x8e
#define CSR_DMW0 0x180
#define CSR_DMW1 0x181

#define CRMD_IE 0x4
#define CRMD_DA 0x8
#define CRMD_PG 0x10
#define CRMD_DATF_CC 0x20 /* direct-address fetches cached */
#define CRMD_DATM_CC 0x80 /* direct-address data cached */

#define ECFG_LIE_TI 0x800 /* local interrupt 11: the constant timer */
#define ESTAT_IS_TI 0x800
#define ECFG_LIE_IPI 0x1000 /* local interrupt 12: interprocessor interrupts */
#define ESTAT_IS_IPI 0x1000

/*
 * The per-core IPI block, in IOCSR space (iocsrrd/iocsrwr).  STATUS bits
 * are raised by other cores' IPI_SEND; while STATUS & EN is non-zero the
 * core's IS[12] is up.  MBUF0..3 are mailboxes other cores fill through
 * MBUF_SEND, 32 bits at a time.
 */
#define IOCSR_IPI_STATUS 0x1000
#define IOCSR_IPI_EN 0x1004
#define IOCSR_IPI_CLEAR 0x100c
#define IOCSR_MBUF0 0x1020
#define IOCSR_IPI_SEND 0x1040  /* vector [4:0], target core [25:16], blocking [31] */
#define IOCSR_MBUF_SEND 0x1048 /* word index [4:2], core [25:16], blocking [31], data [63:32] */
#define IOCSR_SEND_BLOCKING 0x80000000
#define IOCSR_SEND_CPU_SHIFT 16

#define TCFG_EN 0x1
#define TCFG_PERIODIC 0x2

/* Direct-mapped windows: VSEG in bits 63:60, MAT in 5:4, PLV0 enable in bit 0. */
#define DMW0_UNCACHED 0x8000000000000001 /* 0x8... -> physical, strongly-ordered uncached */
#define DMW1_CACHED 0x9000000000000011   /* 0x9... -> physical, coherent cached */
#define UNCACHED_BASE 0x8000000000000000
#define CACHED_BASE 0x9000000000000000

/* Exception codes (ESTAT.Ecode). */
#define ECODE_INT 0x0
#define ECODE_PIL 0x1 /* page invalid on load */
#define ECODE_PIS 0x2 /* page invalid on store */
#define ECODE_PIF 0x3 /* page invalid on fetch */
#define ECODE_PME 0x4 /* page modify: store to a page with D = 0 */
#define ECODE_PNR 0x5 /* page not readable */
#define ECODE_PNX 0x6 /* page not executable */
#define ECODE_PPI 0x7 /* page privilege */
#define ECODE_ADE 0x8 /* address error (ADEF fetch, ADEM memory) */
#define ECODE_ALE 0x9 /* misaligned access */
#define ECODE_SYS 0xb /* syscall */

#define PRMD_PPLV 0x3 /* the privilege level before the exception */
#define PRMD_PIE 0x4  /* IE before the exception */

/* QEMU 7.2 loongarch virt, physical addresses. */
#define VIRT_LOWRAM_SIZE 0x10000000 /* RAM [0, 256 MiB) ... */
#define VIRT_HIGHRAM_BASE 0x90000000 /* ... and the rest from here */
#define VIRT_PCIE_ECAM 0x20000000   /* gpex ECAM, bus 0 at offset 0 */
#define VIRT_FWCFG 0x1e020000       /* data +0 (8 wide), selector +8 (BE16) */
#define VIRT_UART 0x1fe001e0        /* 16550 */
#define VIRT_GED_SLEEP 0x100e001c   /* ACPI GED sleep control */
#define GED_SLEEP_S5 0x34           /* SLP_EN | SLP_TYP 5: power off */

#ifndef __ASSEMBLER__
#include <stdint.h>

#define csr_read(csr)                                                 \
	({                                                            \
		uint64_t csr_v_;                                      \
		__asm__ volatile("csrrd %0, %1" : "=r"(csr_v_) : "i"(csr)); \
		csr_v_;                                               \
	})

#define csr_write(csr, val)                                              \
	do {                                                             \
		uint64_t csr_v_ = (val);                                 \
		__asm__ volatile("csrwr %0, %1" : "+r"(csr_v_) : "i"(csr) : "memory"); \
	} while (0)

/* Set the bits of mask in csr to those of val (csrxchg). */
#define csr_xchg(csr, val, mask)                                             \
	do {                                                                 \
		uint64_t csr_v_ = (val);                                     \
		__asm__ volatile("csrxchg %0, %1, %2"                        \
				 : "+r"(csr_v_) : "r"((uint64_t)(mask)), "i"(csr) : "memory"); \
	} while (0)

static inline uint32_t iocsr_read32(uint32_t reg)
{
	uint64_t v;

	__asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"((uint64_t)reg) : "memory");
	return (uint32_t)v;
}

static inline uint64_t iocsr_read64(uint32_t reg)
{
	uint64_t v;

	__asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"((uint64_t)reg) : "memory");
	return v;
}

static inline void iocsr_write32(uint32_t val, uint32_t reg)
{
	__asm__ volatile("iocsrwr.w %0, %1" : : "r"((uint64_t)val), "r"((uint64_t)reg) : "memory");
}

static inline void iocsr_write64(uint64_t val, uint32_t reg)
{
	__asm__ volatile("iocsrwr.d %0, %1" : : "r"(val), "r"((uint64_t)reg) : "memory");
}

static inline uint32_t cpucfg(uint32_t word)
{
	uint64_t v;

	__asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"((uint64_t)word));
	return (uint32_t)v;
}

/* Kernel address of physical address pa through a direct-mapped window. */
static inline uintptr_t phys_to_cached(uint64_t pa)
{
	return (uintptr_t)(CACHED_BASE | pa);
}

static inline uintptr_t phys_to_uncached(uint64_t pa)
{
	return (uintptr_t)(UNCACHED_BASE | pa);
}

static inline uint64_t cached_to_phys(uintptr_t va)
{
	return (uint64_t)va & 0x0000ffffffffffff; /* the windows drop VA[63:48] */
}
#endif

#endif
