/*
 * plat_user_page_set() (plat.h): a page of the user test region made
 * present again or not present, on every CPU.  The PTE is stored first;
 * smp_tlb_shootdown() then drops the old entry from each CPU's TLB (an
 * invalid entry stays in the TLB too, so a page made present needs it
 * as much as one taken away).
 */
#include <stdio.h>

#include "boot.h"
#include "plat.h"

void plat_user_page_set(unsigned i, int present)
{
	uintptr_t va = LA_USER_BASE + (uintptr_t)i * LA_PAGE_SIZE;

	if (!mmu_ureg_pte(i)) {
		printf("plat_user_page_set: page %u is not a mapped page of the test region\n", i);
		plat_exit(2);
	}
	__atomic_store_n(mmu_user_pte(va), present ? mmu_ureg_pte(i) : 0, __ATOMIC_RELEASE);
	smp_tlb_shootdown(va);
}
