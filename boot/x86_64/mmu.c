/*
 * Page tables beyond entry.S's identity map: page 0 and the boot stack's
 * guard page unmapped (null pointers and stack overflows fault), and the
 * user test region of plat.h in 4 KiB user pages.
 */
#include "boot.h"
#include "plat.h"
#include "x86.h"

/*
 * 64 GiB: in the low canonical half, shares PML4 slot 0 with the identity
 * map but none of its page directories.
 */
#define USER_BASE 0x1000000000ULL

_Static_assert((USER_BASE >> 30) >= 4, "user region is above the identity map");
_Static_assert(USER_BASE + (uint64_t)UREG_PAGES * PAGE_SIZE <= (1ULL << 39),
	       "user region stays in PML4 slot 0");

extern char boot_stack_guard[]; /* entry.S: the page below the boot stack */

/* A zeroed frame for a page table. */
static uint64_t *new_table(void)
{
	uint64_t *t = plat_frames_alloc(1);

	if (!t)
		boot_panic("out of memory for page tables");
	return t;
}

/*
 * Map the user page at va to frame pa, making its page directory and page
 * table as needed, with the U bit on every level (the CPU ANDs them).
 */
static void map_user_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *pdpte = &boot_pdpt[(va >> 30) & 511], *pde, *pd, *pt;

	if (!(*pdpte & PTE_P))
		*pdpte = (uintptr_t)new_table() | PTE_P | PTE_W | PTE_U;
	pd = (uint64_t *)(uintptr_t)(*pdpte & PTE_ADDR);
	pde = &pd[(va >> 21) & 511];
	if (!(*pde & PTE_P))
		*pde = (uintptr_t)new_table() | PTE_P | PTE_W | PTE_U;
	pt = (uint64_t *)(uintptr_t)(*pde & PTE_ADDR);
	pt[(va >> 12) & 511] = pa | flags | PTE_P | PTE_U;
}

/* Where the user test region starts (a fixed user address). */
uintptr_t plat_user_base(void)
{
	return (uintptr_t)USER_BASE;
}

/*
 * Build the mappings and reload CR3.  The read-only page is filled through
 * its identity address before it is mapped read-only; with CR0.WP even the
 * kernel cannot write it through the user mapping.
 */
void mmu_init(void)
{
	uint64_t *pt0 = new_table();

	/* The first 2 MiB in 4 KiB pages, all but page 0 and the stack guard. */
	for (uint64_t i = 1; i < 512; i++)
		if (i != (uintptr_t)boot_stack_guard / PAGE_SIZE)
			pt0[i] = i * PAGE_SIZE | PTE_P | PTE_W;
	boot_pd[0][0] = (uintptr_t)pt0 | PTE_P | PTE_W;

	/* PML4 slot 0 lets user pages through; the identity map's PDPT entries keep U clear. */
	boot_pml4[0] |= PTE_U;
	for (unsigned i = 0; i < UREG_PAGES; i++) {
		uint8_t *frame = plat_user_frame(i);

		if (!frame)
			continue;
		map_user_page(USER_BASE + i * PAGE_SIZE, (uintptr_t)frame,
			      ureg_page_writable(i) ? PTE_W : 0);
	}
	write_cr3(read_cr3());
}

/*
 * plat.h: the top page, 0xfffffffffffff000 (canonical with 4-level
 * paging), a 4 KiB supervisor page under PML4, PDPT and PD entries 511,
 * made as needed; 0 if a 1 GiB or 2 MiB page is already in the way.
 */
uintptr_t plat_map_top_page(void)
{
	static uintptr_t top;
	const uint64_t va = -(uint64_t)PAGE_SIZE;
	uint64_t *t = boot_pml4;
	void *frame;

	if (top)
		return top;
	for (int shift = 39; shift > 12; shift -= 9) {
		uint64_t *e = &t[(va >> shift) & 511];

		if (!(*e & PTE_P))
			*e = (uintptr_t)new_table() | PTE_P | PTE_W;
		else if (shift < 39 && (*e & PTE_PS))
			return 0;
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	frame = plat_frames_alloc(1);
	if (!frame)
		return 0;
	t[(va >> 12) & 511] = (uintptr_t)frame | PTE_P | PTE_W;
	__asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
	top = va;
	return top;
}
