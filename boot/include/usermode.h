/*
 * User mode on the bare-metal targets: what the portable kernel side
 * (boot/common/usermode.c, syscall.c) and each ISA's boot code provide
 * to each other.  The tests see only user_run() and struct user_result.
 */
#ifndef USERMODE_H
#define USERMODE_H

#include <stddef.h>
#include <stdint.h>

/* How a user program ended. */
struct user_result {
	int faulted;        /* 0: it called exit(code); 1: a fault ended it */
	long code;          /* the exit code */
	const char *cause;  /* the fault's name */
	uintptr_t pc, addr; /* where it faulted, and the address it touched (0 if none) */
	unsigned syscalls;  /* calls made */
	unsigned expects, expects_failed; /* the program's own verdicts */
	unsigned kernel_failed; /* checks of the kernel side that failed */
	unsigned access_open;   /* calls entered or left with SMAP/SUM open */
};

/*
 * Load the user image into fresh user pages, run its program number prog
 * in user mode with a fresh user stack until it exits or faults, and
 * describe the end in *res.  With rows set, print a table row per call.
 */
void user_run(unsigned prog, int rows, struct user_result *res);

/*
 * Run program prog on this CPU (a secondary) while user_run() runs another
 * on CPU 0: the image user_run loaded, a stack of this CPU's own (user_run
 * maps one for each CPU online, so this CPU allocates and maps nothing), no
 * table, no kernel checks (user_run's do them).  Needs an ISA whose
 * user_enter keeps the kernel stack per CPU (fault_lock.h).
 */
void user_run_secondary(unsigned prog, struct user_result *res);

/* Rounds of each futex program (the word ends at 2 * FUTEX_ROUNDS). */
#define FUTEX_ROUNDS 300

/* User programs of tests/user/programs.c (the argument of its entry). */
enum {
	UPROG_SYSCALLS,    /* every call, good and bad arguments */
	UPROG_LOAD_KERNEL, /* faults: a plain load of kernel data */
	UPROG_STORE_RO,    /* a store to the read-only page */
	UPROG_NULL,        /* a load from address 0 */
	UPROG_EXEC_KERNEL, /* a jump into kernel text */
	UPROG_STORE_HOLE,  /* a store into the hole of the test region */
	UPROG_COUNT,       /* the programs above: the demo runs them all */
	UPROG_FUTEX_A = UPROG_COUNT, /* faults under a lock: add, then wait (fault_lock.h) */
	UPROG_FUTEX_B,     /* its partner on another CPU: wait, then add */
};

/* ---- called by each ISA's trap handler ---- */

/* Whether a user program is running (traps from user mode are expected). */
extern int user_active;

/* System call nr with its arguments; returns the value for the program. */
long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1,
		      unsigned long a2, unsigned long a3);

/* A fault in user mode: end the program with a report; never returns. */
_Noreturn void user_fault(const char *cause, uintptr_t pc, uintptr_t addr);

/* ---- provided by each ISA ---- */

/*
 * Map the user page at va to frame (a kernel address), user-accessible;
 * it may make page tables (plat_frames_alloc): one CPU at a time.
 */
void plat_user_map(uintptr_t va, void *frame, int writable);

/*
 * Enter user mode at entry with stack pointer sp and arg as the first
 * argument; traps from user mode use the kernel stack below this call.
 * Returns the code that user_leave() passes.
 */
long user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg);

/* Back from a trap handler into the user_enter() that is running; returns code there. */
_Noreturn void user_leave(long code);

#endif
