/*
 * The checks this example kernel runs once it is up: the common ones
 * (common/checks.c: kernel addresses refused, the user range a runtime
 * setting, exact partial counts at a hole and a read-only page).
 * Ends with "N passed, N failed", the only verdict: QEMU's loongarch virt
 * machine powers off with exit status 0 whatever the result.
 */
#include "checks.h"
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

/* The common checks' hook: PLV0 reaches PLV3 pages directly, so there is
 * no user-access switch to check. */
void check_access_closed(const char *after)
{
	(void)after;
}

void kmain(void);

/* Set up traps and paging, run the checks, exit with the verdict. */
void kmain(void)
{
	trap_init();
	mmu_init();
	vmio_extable_init();
	kprintf("vmio loongarch64 example: kernel at %p (DMW1), 16 KiB pages, vmio from sources\n",
		(void *)kmain);
	run_common_checks();
	platform_exit(checks_summary() ? 1 : 0);
}
