/*
 * 4-level page tables.  boot.S fills the boot tables: physical [0, 1 GiB)
 * in 2 MiB pages at 0 and at KERNEL_OFFSET.  mmu_init() replaces the low
 * identity map with the user region (4 KiB pages, user-accessible), so
 * that nothing of the kernel stays in the lower half, and turns on SMEP
 * and SMAP when the CPU has them.
 */
#include "checks.h"
#include "platform.h"

#define PTE_P (1UL << 0)
#define PTE_W (1UL << 1)
#define PTE_U (1UL << 2)
#define ENTRIES 512
#define INDEX(va, level) (((va) >> (12 + 9 * (level))) & (ENTRIES - 1))

#define CR4_SMEP (1UL << 20)
#define CR4_SMAP (1UL << 21)

typedef uint64_t page_table[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

/* The boot tables, filled by boot.S before paging is on. */
page_table boot_pml4, boot_pdpt_low, boot_pdpt_high, boot_pd;

static page_table user_pd, user_pt;
/* The frames behind the user pages, reached by the kernel at these addresses. */
uint8_t user_frames[USER_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
bool smap_on;

/* The physical address of a kernel address. */
static uint64_t pa_of(const void *p)
{
	return (uintptr_t)p - KERNEL_OFFSET;
}

/* CPUID leaf/sub into eax, ebx, ecx, edx. */
static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

/* Map the user region in place of the identity map; SMEP and SMAP on when present. */
void mmu_init(void)
{
	uint64_t cr3, cr4;
	uint32_t id[4];

	boot_pml4[0] = pa_of(boot_pdpt_low) | PTE_P | PTE_W | PTE_U;
	boot_pdpt_low[INDEX(USER_BASE, 2)] = pa_of(user_pd) | PTE_P | PTE_W | PTE_U;
	user_pd[INDEX(USER_BASE, 1)] = pa_of(user_pt) | PTE_P | PTE_W | PTE_U;
	for (size_t i = 0; i < USER_PAGES; i++) {
		if (i == USER_HOLE || i == USER_PAGES - 1)
			continue;
		user_pt[INDEX(USER_BASE, 0) + i] =
			pa_of(user_frames[i]) | PTE_P | PTE_U | (i == USER_RO ? 0 : PTE_W);
	}
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");

	cpuid(7, 0, id);
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	if (id[1] & (1u << 7))
		cr4 |= CR4_SMEP;
	if (id[1] & (1u << 20)) {
		cr4 |= CR4_SMAP;
		smap_on = true;
	}
	__asm__ volatile("mov %0, %%cr4" ::"r"(cr4) : "memory");
}
