/*
 * Sv39 page tables.  boot_root starts with the three gigapages start.S
 * needs (kernel at its physical address and in the upper half, devices in
 * the upper half); mmu_init() adds the user region in the lower half and
 * drops the identity gigapage, so that nothing of the kernel stays low.
 */
#include <stddef.h>
#include <stdint.h>

#include "checks.h"
#include "platform.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define ENTRIES 512
#define VPN(va, level) (((va) >> (12 + 9 * (level))) & (ENTRIES - 1))

typedef uint64_t page_table[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

/* A leaf or a pointer to the next table, for physical address pa. */
static uint64_t pte(uint64_t pa, uint64_t flags)
{
	return (pa >> 12) << 10 | flags;
}

#define KERNEL_GIGAPAGE 0x80000000UL
#define KERNEL_LEAF (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define DEVICE_LEAF (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

page_table boot_root = {
	[VPN(KERNEL_GIGAPAGE, 2)] = (KERNEL_GIGAPAGE >> 12) << 10 | KERNEL_LEAF,
	[VPN(KERNEL_GIGAPAGE + KERNEL_OFFSET, 2)] = (KERNEL_GIGAPAGE >> 12) << 10 | KERNEL_LEAF,
	[VPN(DEVICE_VMA, 2)] = 0 | DEVICE_LEAF,
};

static page_table user_l1, user_l0;
/* The frames behind the user pages, reached by the kernel at these addresses. */
uint8_t user_frames[USER_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* The physical address of a kernel address. */
static uint64_t pa_of(const void *p)
{
	return (uintptr_t)p - KERNEL_OFFSET;
}

/* Map the user region, drop the identity gigapage, flush the TLB. */
void mmu_init(void)
{
	boot_root[VPN(USER_BASE, 2)] = pte(pa_of(user_l1), PTE_V);
	user_l1[VPN(USER_BASE, 1)] = pte(pa_of(user_l0), PTE_V);
	for (size_t i = 0; i < USER_PAGES; i++) {
		uint64_t flags = PTE_V | PTE_R | PTE_U | PTE_A;

		if (i == USER_HOLE || i == USER_PAGES - 1)
			continue;
		if (i != USER_RO)
			flags |= PTE_W | PTE_D;
		user_l0[VPN(USER_BASE, 0) + i] = pte(pa_of(user_frames[i]), flags);
	}
	boot_root[VPN(KERNEL_GIGAPAGE, 2)] = 0;
	__asm__ volatile("sfence.vma" ::: "memory");
}

/* Map (or unmap again) the hole page, read-write, on its own frame. */
void map_hole(bool mapped)
{
	user_l0[VPN(USER_BASE, 0) + USER_HOLE] =
		mapped ? pte(pa_of(user_frames[USER_HOLE]),
			     PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
		       : 0;
	__asm__ volatile("sfence.vma" ::: "memory");
}
