/*
 * Bare metal: the system calls from a user program (tests/user/programs.c,
 * UPROG_SYSCALLS), with a table row per call.  The program's verdicts must
 * all hold, and so must the kernel's own checks: its secret, a buffer on
 * its stack, its text and the read-only user page unchanged, no user page
 * holding the secret, and kernel access to user pages (SMAP's RFLAGS.AC,
 * riscv64's sstatus.SUM) closed on every entry and exit of a call.
 */
#include <stdio.h>

#include "usermode.h"
#include "vtest.h"

/* The verdicts the program gives, one per case (tests/user/programs.c). */
#define VERDICTS 95

VT_CASE(user_syscalls_every_case_as_expected)
{
	struct user_result res;

	user_run(UPROG_SYSCALLS, 1, &res);
	VT_EQ(res.faulted, 0);
	VT_EQ(res.code, 0);
	VT_EQ(res.expects, VERDICTS);
	VT_EQ(res.expects_failed, 0);
	VT_EQ(res.kernel_failed, 0);
	VT_EQ(res.access_open, 0);
}

VT_CASE(user_syscalls_again_same_result)
{
	struct user_result res;

	user_run(UPROG_SYSCALLS, 0, &res);
	VT_EQ(res.faulted, 0);
	VT_EQ(res.code, 0);
	VT_EQ(res.expects, VERDICTS);
	VT_EQ(res.expects_failed, 0);
	VT_EQ(res.kernel_failed, 0);
	VT_EQ(res.access_open, 0);
}
