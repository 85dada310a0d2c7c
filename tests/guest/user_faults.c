/*
 * Bare metal: user programs that do what the hardware must stop (a load of
 * kernel data, a store to the read-only page or into a hole, a load from
 * NULL, a jump into kernel text).  Each ends with a fault report naming the
 * address; the kernel's memory is unchanged and it goes on to run the next.
 */
#include "user_expect.h"
#include "vtest.h"

/* Run prog; check it faulted at its address (and, if pc_too, with the pc there). */
static void faults_at(unsigned prog, int pc_too)
{
	struct user_result res;
	uintptr_t want;

	user_run(prog, 0, &res);
	want = user_fault_addr(prog);
	user_fault_row(prog, &res);
	VT_EQ(res.faulted, 1);
	VT_EQ(res.addr, want);
	if (pc_too)
		VT_EQ(res.pc, want);
	VT_EQ(res.syscalls, 1); /* get_info, then the fault */
	VT_EQ(res.kernel_failed, 0);
}

VT_CASE(user_load_of_kernel_data_faults)
{
	faults_at(UPROG_LOAD_KERNEL, 0);
}

VT_CASE(user_store_to_read_only_page_faults)
{
	faults_at(UPROG_STORE_RO, 0);
}

VT_CASE(user_load_from_null_faults)
{
	faults_at(UPROG_NULL, 0);
}

VT_CASE(user_jump_into_kernel_text_faults)
{
	faults_at(UPROG_EXEC_KERNEL, 1);
}

VT_CASE(user_store_into_hole_faults)
{
	faults_at(UPROG_STORE_HOLE, 0);
}

/* After all of them, a program still runs to its end. */
VT_CASE(user_kernel_still_runs_programs)
{
	struct user_result res;

	user_run(UPROG_SYSCALLS, 0, &res);
	VT_EQ(res.faulted, 0);
	VT_EQ(res.code, 0);
	VT_EQ(res.expects_failed, 0);
	VT_EQ(res.kernel_failed, 0);
}
