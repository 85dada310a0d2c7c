/* x86_64 bare-metal helpers shared by the boot files: ports, MSRs, control registers. */
#ifndef BOOT_X86_H
#define BOOT_X86_H

#include <stdint.h>

/* Page-table entry bits (4-level paging). */
#define PTE_P   0x001ULL /* present */
#define PTE_W   0x002ULL /* writable */
#define PTE_U   0x004ULL /* user-accessible */
#define PTE_PWT 0x008ULL /* write-through */
#define PTE_PCD 0x010ULL /* cache disabled */
#define PTE_PS  0x080ULL /* 2 MiB page in a page directory */
#define PTE_ADDR 0x000ffffffffff000ULL

#define PAGE_SIZE 4096UL

#define RFLAGS_IF (1ULL << 9)
#define RFLAGS_AC (1ULL << 18)

#define CR4_SMEP (1ULL << 20)
#define CR4_SMAP (1ULL << 21)

#define MSR_APIC_BASE 0x1b

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

#define DEFINE_CR(n)                                                        \
	static inline uint64_t read_cr##n(void)                            \
	{                                                                   \
		uint64_t v;                                                 \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));           \
		return v;                                                   \
	}                                                                   \
	static inline void write_cr##n(uint64_t v)                          \
	{                                                                   \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");  \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline uint64_t read_rflags(void)
{
	uint64_t v;

	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

#endif
