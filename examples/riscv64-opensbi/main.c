/*
 * The checks this example kernel runs once it is up: the common ones
 * (common/checks.c: kernel addresses refused, the user range a runtime
 * setting, exact partial counts at a hole and a read-only page), then
 * riscv64's own: sstatus.SUM is clear after every call whatever it was
 * before, and a kernel with demand paging lets the faulting copy complete.
 * Ends with "N passed, N failed"; QEMU's exit status is 0 on a pass.
 */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "platform.h"
#include "vmio/vmio.h"

/* The common checks' hook: sstatus.SUM is closed after a faulting copy. */
void check_access_closed(const char *after)
{
	char what[96];

	snprintf(what, sizeof what, "sstatus.SUM closed after %s", after);
	check(user_access_closed(), what);
}

/* Closed after every call, whatever it was before. */
static void check_sum_found_set(void)
{
	const size_t hole = USER_HOLE * PAGE_SIZE;
	struct vm_freader r;
	struct vm_writer w;
	size_t n = 0;

	open_user_access();
	check(!user_access_closed(), "sstatus.SUM set by the kernel itself is seen as set");
	w = vm_writer_from_kernel_space(kbuf, 64);
	check(vm_freader_from_user_space(&r, user(0), 64) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == 0 && n == 64 && user_access_closed(),
	      "sstatus.SUM found set: clear after a read that succeeded");
	open_user_access();
	w = vm_writer_from_kernel_space(kbuf, 64);
	check(vm_freader_from_user_space(&r, user(hole - 8), 64) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == VMIO_EFAULT && n == 8 &&
		      user_access_closed(),
	      "sstatus.SUM found set: clear after a read that faulted");
}

/* A kernel with demand paging resolves the fault first: the copy completes. */
static void check_demand_paging(void)
{
	const size_t from = PAGE_SIZE + 100, hole = USER_HOLE * PAGE_SIZE;
	unsigned long fixed = faults_fixed, paged = faults_paged_in;
	struct vm_freader r;
	struct vm_writer w;
	size_t n = 0;

	memset(kbuf, 0xee, sizeof kbuf);
	w = vm_writer_from_kernel_space(kbuf, 3 * PAGE_SIZE);
	demand_page_hole = true;
	check(vm_freader_from_user_space(&r, user(from), 3 * PAGE_SIZE) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == 0 && n == 3 * PAGE_SIZE,
	      "demand paging: the hole paged in on its fault, all 3 pages read");
	demand_page_hole = false;
	check(faults_paged_in == paged + 1 && faults_fixed == fixed,
	      "one fault, resolved by the kernel, no fixup taken");
	bool same = true;
	for (size_t i = 0; i < n; i++)
		same &= kbuf[i] == pattern(from + i);
	check(same, "the bytes read include the paged-in page's");
	map_hole(false);
	w = vm_writer_from_kernel_space(kbuf, 8);
	check(vm_freader_from_user_space(&r, user(hole), 8) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == VMIO_EFAULT && n == 0,
	      "the hole unmapped again faults again");
}

void kmain(void);

/* Set up traps and paging, run the checks, exit with the verdict. */
void kmain(void)
{
	trap_init();
	mmu_init();
	vmio_extable_init();
	printf("vmio riscv64 example: S-mode under OpenSBI, kernel at %p, Sv39\n",
	       (void *)kmain);
	run_common_checks();
	fill_user();
	check_sum_found_set();
	fill_user();
	check_demand_paging();
	platform_exit(checks_summary() ? 1 : 0);
}
