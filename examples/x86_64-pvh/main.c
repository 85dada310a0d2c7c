/*
 * The checks this example kernel runs once it is up: the common ones
 * (common/checks.c: kernel addresses refused, the user range a runtime
 * setting, exact partial counts at a hole and a read-only page), then
 * x86_64's own: SMAP is on, and RFLAGS.AC is clear after every call
 * whatever it was before.
 * Ends with "N passed, N failed"; QEMU's exit status is 1 on a pass
 * (isa-debug-exit: (0 << 1) | 1), 3 on a failed check.
 */
#include "checks.h"
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

/* The common checks' hook: RFLAGS.AC is clear after a faulting copy. */
void check_access_closed(const char *after)
{
	char what[96];

	ksnprintf(what, sizeof what, "RFLAGS.AC clear after %s", after);
	check(user_access_closed(), what);
}

/* Closed after every call, whatever it was before. */
static void check_ac_found_set(void)
{
	const size_t hole = USER_HOLE * PAGE_SIZE;
	struct vm_freader r;
	struct vm_writer w;
	size_t n = 0;

	open_user_access();
	check(!user_access_closed(), "RFLAGS.AC set by the kernel itself is seen as set");
	w = vm_writer_from_kernel_space(kbuf, 64);
	check(vm_freader_from_user_space(&r, user(0), 64) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == 0 && n == 64 && user_access_closed(),
	      "RFLAGS.AC found set: clear after a read that succeeded");
	open_user_access();
	w = vm_writer_from_kernel_space(kbuf, 64);
	check(vm_freader_from_user_space(&r, user(hole - 8), 64) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == VMIO_EFAULT && n == 8 &&
		      user_access_closed(),
	      "RFLAGS.AC found set: clear after a read that faulted");
}

void kmain(void);

/* Set up traps and paging, run the checks, exit with the verdict. */
void kmain(void)
{
	trap_init();
	mmu_init();
	vmio_extable_init();
	kprintf("vmio x86_64 example: PVH boot, kernel at %p (top 2 GiB), SMAP %s\n",
		(void *)kmain, smap_on ? "on" : "off");
	check(smap_on, "SMAP on: the library opens user access itself (stac/clac)");
	run_common_checks();
	fill_user();
	check_ac_found_set();
	platform_exit(checks_summary() ? 1 : 0);
}
