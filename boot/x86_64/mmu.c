/*
 * Page tables beyond entry.S's: the identity map of RAM dropped (RAM is
 * reached at KERNEL_BASE only; the device space from 2 GiB up stays
 * identity-mapped), the boot stack's guard page unmapped (stack overflows
 * fault), and the user test region of plat.h in 4 KiB user pages.
 */
#include "boot.h"
#include "plat.h"
#include "usermode.h"
#include "usermode_priv.h"
#include "x86.h"

#define LARGE_PAGE (2ULL << 20)

/*
 * 64 GiB: in the low canonical half, shares PML4 slot 0 with the identity
 * map of the devices but none of its page directories.
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

/* The table a present entry points to, at its kernel address. */
static uint64_t *table_at(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

/*
 * Map the user page at va to frame pa, making its page directory and page
 * table as needed, with the U bit on every level (the CPU ANDs them).
 */
static void map_user_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *pdpte = &boot_pdpt[(va >> 30) & 511], *pde, *pd, *pt;

	if (!(*pdpte & PTE_P))
		*pdpte = virt_to_phys(new_table()) | PTE_P | PTE_W | PTE_U;
	pd = table_at(*pdpte);
	pde = &pd[(va >> 21) & 511];
	if (!(*pde & PTE_P))
		*pde = virt_to_phys(new_table()) | PTE_P | PTE_W | PTE_U;
	pt = table_at(*pde);
	pt[(va >> 12) & 511] = pa | flags | PTE_P | PTE_U;
}

/*
 * Unmap the kernel page holding va: its 2 MiB page in entry.S's directories
 * becomes a table of 4 KiB pages with the same attributes, but for that one.
 */
static void unmap_kernel_page(const void *va)
{
	uint64_t pa = virt_to_phys(va), base = pa & ~(LARGE_PAGE - 1);
	uint64_t *pde = &boot_pd[pa >> 30][(pa >> 21) & 511], *pt;

	if ((*pde & (PTE_P | PTE_PS)) != (PTE_P | PTE_PS))
		boot_panic("kernel page not in a 2 MiB page");
	pt = new_table();
	for (uint64_t i = 0; i < LARGE_PAGE / PAGE_SIZE; i++)
		if (base + i * PAGE_SIZE != (pa & ~(PAGE_SIZE - 1)))
			pt[i] = (base + i * PAGE_SIZE) |
				(*pde & (PTE_W | PTE_PWT | PTE_PCD)) | PTE_P;
	*pde = virt_to_phys(pt) | PTE_P | PTE_W;
}

/* Where the user test region starts (a fixed user address). */
uintptr_t plat_user_base(void)
{
	return (uintptr_t)USER_BASE;
}

/*
 * Build the mappings and reload CR3.  The read-only page is filled through
 * its kernel address before it is mapped read-only; with CR0.WP even the
 * kernel cannot write it through the user mapping.
 */
void mmu_init(void)
{
	unmap_kernel_page(boot_stack_guard);

	/* No low alias of RAM: low kernel addresses (page 0 among them) fault. */
	boot_pdpt[0] = 0;
	boot_pdpt[1] = 0;

	/* PML4 slot 0 lets user pages through; the devices' PDPT entries keep U clear. */
	boot_pml4[0] |= PTE_U;
	for (unsigned i = 0; i < UREG_PAGES; i++) {
		uint8_t *frame = plat_user_frame(i);

		if (!frame)
			continue;
		map_user_page(USER_BASE + i * PAGE_SIZE, virt_to_phys(frame),
			      ureg_page_writable(i) ? PTE_W : 0);
	}
	write_cr3(read_cr3());
}

/* A page of a user program (usermode.h): present, user, writable or not. */
void plat_user_map(uintptr_t va, void *frame, int writable)
{
	map_user_page(va, virt_to_phys(frame), writable ? PTE_W : 0);
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/*
 * plat.h: the top page, 0xfffffffffffff000 (canonical with 4-level
 * paging).  It is the last page of the kernel's map of RAM (PML4, PDPT and
 * PD entries 511: a 2 MiB page of physical 2 GiB - 2 MiB, which mem.c
 * never hands out as frames).  That 2 MiB page becomes a table of 4 KiB
 * pages with the same mapping, but for the top one, which gets a frame.
 */
uintptr_t plat_map_top_page(void)
{
	static uintptr_t top;
	const uint64_t va = -(uint64_t)PAGE_SIZE;
	uint64_t *pde = &boot_pd[1][511], *pt;
	void *frame;

	_Static_assert(KERNEL_BASE + KERNEL_MAP_LIMIT == 0, "the kernel map ends at 2^64");
	if (top)
		return top;
	if ((*pde & (PTE_P | PTE_PS)) != (PTE_P | PTE_PS))
		boot_panic("top of the kernel map not a 2 MiB page");
	pt = new_table();
	frame = plat_frames_alloc(1);
	if (!frame)
		return 0;
	for (uint64_t i = 0; i < 511; i++)
		pt[i] = ((*pde & PTE_ADDR) + i * PAGE_SIZE) | (*pde & (PTE_W | PTE_PWT | PTE_PCD)) |
			PTE_P;
	pt[511] = virt_to_phys(frame) | PTE_P | PTE_W;
	*pde = virt_to_phys(pt) | PTE_P | PTE_W;
	__asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
	top = va;
	return top;
}

/*
 * plat.h: page i of the user test region present again (its frame, user,
 * read-only or read-write as mapped at boot) or not present; then the
 * local TLB and, through smp_tlb_shootdown, every other CPU's.
 */
void plat_user_page_set(unsigned i, int present)
{
	uintptr_t va = USER_BASE + (uintptr_t)i * PAGE_SIZE;
	void *frame = ureg_frame(i);
	uint64_t *pd, *pt, pte = 0;

	if (!frame)
		return;
	pd = table_at(boot_pdpt[(va >> 30) & 511]);
	pt = table_at(pd[(va >> 21) & 511]);
	if (present)
		pte = virt_to_phys(frame) | (ureg_page_writable(i) ? PTE_W : 0) | PTE_P | PTE_U;
	__atomic_store_n(&pt[(va >> 12) & 511], pte, __ATOMIC_SEQ_CST);
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	smp_tlb_shootdown(va);
}
