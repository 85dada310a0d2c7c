/*
 * Paging: three-level tables of 16 KiB pages (2048 entries a level, 47-bit
 * virtual addresses) that map only the user test region (lower half, PGDL)
 * and the kernel stacks, one a CPU (upper half, PGDH); every CPU uses
 * these same tables (smp.c); the kernel, RAM and devices are
 * reached through the direct-mapped windows set in start.S, which take
 * precedence over the TLB for VSEG 8 and 9.
 *
 * The hardware walker (lddir/ldpte in trap.S) has no notion of an empty
 * directory entry: it would follow 0 to physical address 0.  So every
 * directory entry points somewhere: unused ones to a chain of "invalid"
 * tables that ends in a table of zero (invalid) PTEs.
 */
#include <stdio.h>

#include "boot.h"
#include "csr.h"
#include "plat.h"
#include "trap.h"
#include "usermode.h"
#include "usermode_priv.h"

#define PT_ENTRIES (LA_PAGE_SIZE / 8)
#define PT_INDEX(va, shift) (((va) >> (shift)) & (PT_ENTRIES - 1))
#define DIR3_SHIFT 36 /* VA[46:36]: top level (PWCH Dir3) */
#define DIR1_SHIFT 25 /* VA[35:25]: middle level (PWCL Dir1) */
#define PTE_SHIFT LA_PAGE_SHIFT /* VA[24:14] */
#define PT_WIDTH 11

/* PTE bits as TLBELO holds them. */
#define PTE_V 0x1          /* valid */
#define PTE_D 0x2          /* dirty: stores allowed, else PME */
#define PTE_PLV3 (3 << 2)  /* user pages; PLV0 may still reach them */
#define PTE_MAT_CC (1 << 4) /* coherent cached */

typedef uint64_t page_table[PT_ENTRIES] __attribute__((aligned(LA_PAGE_SIZE)));

static page_table pgd, pmd_user, pte_user;
static page_table pgd_kernel, pmd_kernel, pte_kernel;
static page_table pmd_none, pte_none;

struct la_mmu_csrs la_mmu_csrs;

/* Physical address of a table, as the walker wants it. */
static uint64_t pa_of(const void *table)
{
	return cached_to_phys((uintptr_t)table);
}

static void fill(page_table t, uint64_t v)
{
	for (size_t i = 0; i < PT_ENTRIES; i++)
		t[i] = v;
}

/* Allocate and map each page of the user test region that plat.h says is mapped. */
static void map_user_region(void)
{
	uintptr_t base = LA_USER_BASE;

	pgd[PT_INDEX(base, DIR3_SHIFT)] = pa_of(pmd_user);
	pmd_user[PT_INDEX(base, DIR1_SHIFT)] = pa_of(pte_user);
	for (unsigned i = 0; i < UREG_PAGES; i++) {
		uintptr_t va = base + i * LA_PAGE_SIZE;
		uint8_t *frame = plat_user_frame(i);
		uint64_t pte;

		if (!frame)
			continue;
		pte = pa_of(frame) | PTE_V | PTE_PLV3 | PTE_MAT_CC;
		if (ureg_page_writable(i))
			pte |= PTE_D;
		pte_user[PT_INDEX(va, PTE_SHIFT)] = pte;
	}
}

/* Map CPU c's kernel stack pages, PLV0 only; its guard page stays invalid. */
int mmu_map_kernel_stack(unsigned c)
{
	uintptr_t guard = LA_KSTACK_GUARD + (uintptr_t)c * LA_KSTACK_SLOT;

	pgd_kernel[PT_INDEX(guard, DIR3_SHIFT)] = pa_of(pmd_kernel);
	pmd_kernel[PT_INDEX(guard, DIR1_SHIFT)] = pa_of(pte_kernel);
	for (unsigned i = 1; i <= LA_KSTACK_PAGES; i++) {
		void *frame = plat_frames_alloc(1);

		if (!frame)
			return 0;
		pte_kernel[PT_INDEX(guard + i * LA_PAGE_SIZE, PTE_SHIFT)] =
			pa_of(frame) | PTE_V | PTE_D | PTE_MAT_CC;
	}
	__asm__ volatile("dbar 0" ::: "memory");
	return 1;
}

uintptr_t plat_user_base(void)
{
	return LA_USER_BASE;
}

/* Build the tables, program the walker and the refill entry, turn paging on. */
void mmu_init(void)
{
	_Static_assert(PT_INDEX(LA_USER_BASE, PTE_SHIFT) + UREG_PAGES <= PT_ENTRIES,
		       "the user test region must fit in one PTE table");
	_Static_assert(PT_INDEX(LA_KSTACK_GUARD, PTE_SHIFT) +
				       LA_MAX_CPUS * (LA_KSTACK_SLOT / LA_PAGE_SIZE) <= PT_ENTRIES,
		       "the kernel stacks must fit in one PTE table");
	_Static_assert(LA_MAX_CPUS == PLAT_MAX_CPUS, "boot.h follows plat.h");

	fill(pte_none, 0);
	fill(pmd_none, pa_of(pte_none));
	fill(pte_user, 0);
	fill(pmd_user, pa_of(pte_none));
	fill(pgd, pa_of(pmd_none));
	fill(pte_kernel, 0);
	fill(pmd_kernel, pa_of(pte_none));
	fill(pgd_kernel, pa_of(pmd_none));
	map_user_region();
	if (!mmu_map_kernel_stack(0))
		plat_exit(2);

	la_mmu_csrs.pwcl = PTE_SHIFT | PT_WIDTH << 5 | DIR1_SHIFT << 10 | PT_WIDTH << 15;
	la_mmu_csrs.pwch = DIR3_SHIFT | PT_WIDTH << 6;
	la_mmu_csrs.stlbps = LA_PAGE_SHIFT;
	la_mmu_csrs.tlbrehi = LA_PAGE_SHIFT;
	la_mmu_csrs.tlbidx = (uint64_t)LA_PAGE_SHIFT << 24;
	la_mmu_csrs.pgdl = pa_of(pgd);
	la_mmu_csrs.pgdh = pa_of(pgd_kernel);
	la_mmu_csrs.tlbrentry = cached_to_phys((uintptr_t)tlb_refill);
	la_mmu_csrs.eentry = (uintptr_t)trap_entry;
	csr_write(CSR_PWCL, la_mmu_csrs.pwcl);
	csr_write(CSR_PWCH, la_mmu_csrs.pwch);
	csr_write(CSR_STLBPS, la_mmu_csrs.stlbps);
	csr_write(CSR_TLBREHI, la_mmu_csrs.tlbrehi);
	csr_write(CSR_TLBIDX, la_mmu_csrs.tlbidx);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_PGDL, la_mmu_csrs.pgdl);
	csr_write(CSR_PGDH, la_mmu_csrs.pgdh);
	csr_write(CSR_TLBRENTRY, la_mmu_csrs.tlbrentry);
	__asm__ volatile("invtlb 0, $zero, $zero" ::: "memory");
	csr_write(CSR_CRMD, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC); /* PLV0, IE = 0 */
}

/*
 * A page of a user program (usermode.h): PLV3, writable (D) or not.  User
 * programs live in the 32 MiB that the test region's page table covers.
 */
void plat_user_map(uintptr_t va, void *frame, int writable)
{
	if (va >> (DIR1_SHIFT) != LA_USER_BASE >> DIR1_SHIFT) {
		printf("boot: user page 0x%lx outside the user page table\n", (unsigned long)va);
		plat_exit(2);
	}
	__atomic_store_n(&pte_user[PT_INDEX(va, PTE_SHIFT)],
			 pa_of(frame) | PTE_V | PTE_PLV3 | PTE_MAT_CC | (writable ? PTE_D : 0),
			 __ATOMIC_RELEASE);
	smp_tlb_shootdown(va);
}

/*
 * plat.h: the top page, 0xffffffffffffc000.  It is in no direct-mapped
 * window (those are VSEG 8 and 9) and it is canonical (bits 63..47 all
 * set), so the TLB maps it through PGDH, with a directory and a PTE table
 * of its own (Dir3 entry 2047; the kernel stack is under another).  A
 * PLV0 page, as the stack's.
 */
uintptr_t plat_map_top_page(void)
{
	static uintptr_t top;
	const uintptr_t va = -(uintptr_t)LA_PAGE_SIZE;
	uint64_t *pmd, *pte;
	void *frame;

	_Static_assert(PT_INDEX(-(uintptr_t)LA_PAGE_SIZE, DIR3_SHIFT) !=
			       PT_INDEX(LA_KSTACK_GUARD, DIR3_SHIFT),
		       "the top page has a directory of its own");
	if (top)
		return top;
	pmd = plat_frames_alloc(1);
	pte = plat_frames_alloc(1);
	frame = plat_frames_alloc(1);
	if (!pmd || !pte || !frame)
		return 0;
	fill(pmd, pa_of(pte_none));
	pmd[PT_INDEX(va, DIR1_SHIFT)] = pa_of(pte);
	pte[PT_INDEX(va, PTE_SHIFT)] = pa_of(frame) | PTE_V | PTE_D | PTE_MAT_CC;
	pgd_kernel[PT_INDEX(va, DIR3_SHIFT)] = pa_of(pmd);
	__asm__ volatile("dbar 0\n\tinvtlb 0, $zero, $zero" ::: "memory");
	top = va;
	return top;
}

/*
 * plat.h: page i of the user test region valid again (its frame, PLV3,
 * read-only or writable as mapped at boot) or invalid; then the local TLB
 * (invalid entries stay cached too) and, through smp_tlb_shootdown, every
 * other CPU's.
 */
void plat_user_page_set(unsigned i, int present)
{
	uintptr_t va = LA_USER_BASE + (uintptr_t)i * LA_PAGE_SIZE;
	void *frame = ureg_frame(i);
	uint64_t pte = 0;

	if (!frame)
		return;
	if (present)
		pte = pa_of(frame) | PTE_V | PTE_PLV3 | PTE_MAT_CC |
		      (ureg_page_writable(i) ? PTE_D : 0);
	__atomic_store_n(&pte_user[PT_INDEX(va, PTE_SHIFT)], pte, __ATOMIC_SEQ_CST);
	__asm__ volatile("invtlb 0, $zero, $zero" ::: "memory");
	smp_tlb_shootdown(va);
}
