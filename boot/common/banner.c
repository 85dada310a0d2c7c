/* The banner every image prints before its tests: who we are and what we found. */
#include <stdio.h>

#include "plat.h"
#include "vmio/extable.h"

void plat_print_banner(void)
{
	const struct plat_info *pi = plat_info();

	printf("vmio on %s, booted by %s\n", pi->isa, pi->boot);
	printf("  memory %llu MiB, page size %zu, exception table %zu entries\n",
	       (unsigned long long)(pi->mem_bytes >> 20), pi->page_size,
	       vmio_extable_size());
	printf("  user test region at %p, %d pages; kernel text at %p\n",
	       (void *)plat_user_base(), (int)UREG_PAGES,
	       (void *)(uintptr_t)&plat_print_banner);
}
