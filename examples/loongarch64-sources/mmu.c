/*
 * Paging: three-level tables of 16 KiB pages (2048 entries a level) that
 * map only the user region, through PGDL; the kernel, RAM and devices are
 * reached through the direct-mapped windows, which take precedence over
 * the TLB for their segments.
 *
 * The hardware walker has no notion of an empty directory entry (it would
 * follow 0 to physical address 0), so every unused directory entry points
 * to a table of invalid entries instead.
 */
#include "checks.h"
#include "platform.h"

#define ENTRIES (PAGE_SIZE / 8)
#define INDEX(va, shift) (((va) >> (shift)) & (ENTRIES - 1))
#define DIR3_SHIFT 36 /* VA[46:36] */
#define DIR1_SHIFT 25 /* VA[35:25] */
#define WIDTH 11

#define PTE_V 0x1         /* valid */
#define PTE_D 0x2         /* dirty: stores allowed, else a PME fault */
#define PTE_PLV3 (3 << 2) /* user pages: PLV0 reaches them too */
#define PTE_MAT_CC (1 << 4)

typedef uint64_t page_table[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static page_table pgd, pmd, pte, pgd_high, pmd_none, pte_none;
/* The frames behind the user pages, reached by the kernel at these addresses. */
uint8_t user_frames[USER_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

extern char tlb_refill[];

/* Set every entry of t to v. */
static void fill(page_table t, uint64_t v)
{
	for (size_t i = 0; i < ENTRIES; i++)
		t[i] = v;
}

/* Build the tables, program the walker and the refill entry, turn paging on. */
void mmu_init(void)
{
	fill(pte_none, 0);
	fill(pmd_none, pa_of(pte_none));
	fill(pgd, pa_of(pmd_none));
	fill(pgd_high, pa_of(pmd_none));
	fill(pmd, pa_of(pte_none));
	fill(pte, 0);
	pgd[INDEX(USER_BASE, DIR3_SHIFT)] = pa_of(pmd);
	pmd[INDEX(USER_BASE, DIR1_SHIFT)] = pa_of(pte);
	for (size_t i = 0; i < USER_PAGES; i++) {
		if (i == USER_HOLE || i == USER_PAGES - 1)
			continue;
		pte[INDEX(USER_BASE, PAGE_SHIFT) + i] = pa_of(user_frames[i]) | PTE_V | PTE_PLV3 |
							 PTE_MAT_CC | (i == USER_RO ? 0 : PTE_D);
	}

	csr_write(CSR_PWCL, PAGE_SHIFT | WIDTH << 5 | DIR1_SHIFT << 10 | WIDTH << 15);
	csr_write(CSR_PWCH, DIR3_SHIFT | WIDTH << 6);
	csr_write(CSR_STLBPS, PAGE_SHIFT);
	csr_write(CSR_TLBREHI, PAGE_SHIFT);
	csr_write(CSR_TLBIDX, (uint64_t)PAGE_SHIFT << 24);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_PGDL, pa_of(pgd));
	csr_write(CSR_PGDH, pa_of(pgd_high)); /* upper half: nothing beyond the windows */
	csr_write(CSR_TLBRENTRY, pa_of(tlb_refill));
	__asm__ volatile("invtlb 0, $zero, $zero" ::: "memory");
	csr_write(CSR_CRMD, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC); /* PLV0, IE = 0 */
}
