/*
 * Sv39 page tables: three levels of 512 entries, 4 KiB pages, 2 MiB and
 * 1 GiB leaves.  Tables come from a static pool.  A and D are set in every
 * leaf so no access depends on how the hart updates them.  Tables are
 * reached at their kernel address; entries and satp hold physical ones.
 */
#include <string.h>

#include "plat.h"
#include "riscv.h"
#include "usermode.h"
#include "usermode_priv.h"

#define PTE_V (1UL << 0)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_PPN_SHIFT 10
#define SATP_SV39 (8UL << 60)
#define TABLE_POOL 32

typedef uint64_t pte_t;

static pte_t pool[TABLE_POOL][512] __attribute__((aligned(4096)));
static unsigned pool_used;
static pte_t *root;

/* A zeroed table from the pool. */
static pte_t *table_alloc(void)
{
	if (pool_used == TABLE_POOL)
		riscv_panic("page-table pool exhausted");
	return pool[pool_used++];
}

/* The table entry e points to, made if e is empty. */
static pte_t *table_next(pte_t *e)
{
	if (!(*e & PTE_V)) {
		pte_t *t = table_alloc();

		*e = (virt_to_phys(t) >> 12) << PTE_PPN_SHIFT | PTE_V;
	} else if (*e & (PTE_R | PTE_W | PTE_X)) {
		riscv_panic("mapping over a large page");
	}
	return phys_to_virt((*e >> PTE_PPN_SHIFT) << 12);
}

/* Map one leaf of 4 KiB << (9 * level) at va. */
static void map_leaf(uintptr_t va, uintptr_t pa, int level, uint64_t prot)
{
	pte_t *t = root;

	for (int l = 2; l > level; l--)
		t = table_next(&t[(va >> (12 + 9 * l)) & 511]);
	t[(va >> (12 + 9 * level)) & 511] = (pa >> 12) << PTE_PPN_SHIFT | prot |
		PTE_V | PTE_A | PTE_D | (prot & PTE_U ? 0 : PTE_G);
}

/*
 * Map [va, va + len) to pa with prot (PTE_R/W/X/U), len rounded up to
 * pages, with the largest leaves that alignment allows.
 */
void mmu_map(uintptr_t va, uintptr_t pa, size_t len, uint64_t prot)
{
	uintptr_t end = (va + len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	if (!root)
		root = table_alloc();
	while (va < end) {
		int level = 2;

		for (; level > 0; level--) {
			uintptr_t size = PAGE_SIZE << (9 * level);

			if (((va | pa) & (size - 1)) == 0 && end - va >= size)
				break;
		}
		map_leaf(va, pa, level, prot);
		va += PAGE_SIZE << (9 * level);
		pa += PAGE_SIZE << (9 * level);
	}
}

/* Switch to the tables built so far (from entry.S's boot page table). */
void mmu_enable(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
	csr_write(satp, SATP_SV39 | virt_to_phys(root) >> 12);
	__asm__ volatile("sfence.vma" ::: "memory");
}

/* A page of a user program (usermode.h): user, readable, executable, writable or not. */
void plat_user_map(uintptr_t va, void *frame, int writable)
{
	map_leaf(va, virt_to_phys(frame), 0, PTE_R | PTE_X | PTE_U | (writable ? PTE_W : 0));
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
}

/*
 * plat.h: the top page, 0xfffffffffffff000 (Sv39's upper half sign-extends
 * bit 38), a 4 KiB kernel leaf under root entry 511.  map_leaf, not
 * mmu_map: that one rounds va + len, which is 0 here.
 */
uintptr_t plat_map_top_page(void)
{
	static uintptr_t top;
	void *frame;

	if (top)
		return top;
	frame = plat_frames_alloc(1);
	if (!frame)
		return 0;
	map_leaf(-(uintptr_t)PAGE_SIZE, virt_to_phys(frame), 0, PTE_R | PTE_W);
	__asm__ volatile("sfence.vma" ::: "memory");
	top = -(uintptr_t)PAGE_SIZE;
	return top;
}

/*
 * plat.h: page i of the user test region present again (its frame, user,
 * read-only or read-write as mapped at boot) or not present; then the
 * local TLB and, through smp_tlb_shootdown, every other CPU's.
 */
void plat_user_page_set(unsigned i, int present)
{
	uintptr_t va = plat_user_base() + (uintptr_t)i * PAGE_SIZE;
	void *frame = ureg_frame(i);
	pte_t *t = root, pte = 0;

	if (!frame)
		return;
	for (int l = 2; l > 0; l--)
		t = table_next(&t[(va >> (12 + 9 * l)) & 511]);
	if (present)
		pte = (virt_to_phys(frame) >> 12) << PTE_PPN_SHIFT | PTE_U | PTE_R |
		      (ureg_page_writable(i) ? PTE_W : 0) | PTE_V | PTE_A | PTE_D;
	__atomic_store_n(&t[(va >> 12) & 511], pte, __ATOMIC_SEQ_CST);
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
	smp_tlb_shootdown(va);
}
