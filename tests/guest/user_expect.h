/*
 * What the fault programs of tests/user/programs.c must end with, for the
 * user-faults image and the demo: the address each one touches, and the
 * line that reports how it ended.
 */
#ifndef USER_EXPECT_H
#define USER_EXPECT_H

#include <stdio.h>

#include "plat.h"
#include "usermode.h"
#include "usermode_priv.h"

/* What fault program prog does. */
static inline const char *user_fault_label(unsigned prog)
{
	switch (prog) {
	case UPROG_LOAD_KERNEL: return "load of kernel data";
	case UPROG_STORE_RO: return "store to the read-only page";
	case UPROG_NULL: return "load from NULL";
	case UPROG_EXEC_KERNEL: return "jump into kernel text";
	default: return "store into a hole";
	}
}

/* The address it touches (after user_run: the kernel addresses it published). */
static inline uintptr_t user_fault_addr(unsigned prog)
{
	size_t ps = plat_info()->page_size;

	switch (prog) {
	case UPROG_LOAD_KERNEL: return (uintptr_t)user_sys.info.kernel_data;
	case UPROG_STORE_RO: return plat_user_base() + UREG_RO * ps;
	case UPROG_NULL: return 0;
	case UPROG_EXEC_KERNEL: return (uintptr_t)user_sys.info.kernel_text;
	default: return plat_user_base() + (UREG_RW2 + 1) * ps;
	}
}

/* One row: the program, how it ended, where. */
static inline void user_fault_row(unsigned prog, const struct user_result *res)
{
	printf("  %-30s address 0x%-18lx -> %s at pc 0x%lx, address 0x%lx; "
	       "kernel checks failed: %u\n", user_fault_label(prog),
	       (unsigned long)user_fault_addr(prog),
	       res->faulted ? res->cause : "NO FAULT", (unsigned long)res->pc,
	       (unsigned long)res->addr, res->kernel_failed);
}

#endif
