/*
 * Faults under a lock (issue 18), the portable kernel side: Linux's
 * pagefault_disable() and fault_in_user_writeable() pattern with vmio.
 *
 * Some pages of the user test region may be demand-paged: made not
 * present by demand_page_out(), paged in again by the trap handler when a
 * kernel or user access faults on them (demand_fault), unless the CPU has
 * page faults disabled (it holds a spinlock): then the fault goes to
 * vmio's fixup and the access returns VMIO_EFAULT, and the caller drops
 * the lock, faults the page in with page faults enabled, and retries.
 *
 * Hooks each ISA provides (riscv64: boot/riscv64/trap.c, user_entry.S):
 *  - its trap handler calls demand_fault(addr) for every page fault, from
 *    kernel or user mode, before the exception table or the user fault
 *    report, and resumes at the faulting instruction when it returns 1;
 *  - system calls run with interrupts enabled once other CPUs are online
 *    (a CPU spinning on a lock in a system call must still take TLB
 *    shootdown IPIs);
 *  - user mode may run on several CPUs at once (user_enter keeps the
 *    kernel stack per CPU), for user_run_secondary() (usermode.h).
 */
#ifndef FAULT_LOCK_H
#define FAULT_LOCK_H

#include <stdint.h>

/* Per-CPU count: while non-zero, the trap handler pages nothing in. */
void pagefault_disable(void);
void pagefault_enable(void);
int pagefault_disabled(void);

/* For the trap handlers: 1 if addr lay in a demand-paged page, now paged in (retry). */
int demand_fault(uintptr_t addr);

/* Make page i of the user test region not present, to be paged in on demand. */
void demand_page_out(unsigned i);

/* The system calls of the demo (user_abi.h SYS_FUTEX_*): their result. */
long futex_lock_syscall(unsigned long nr, unsigned long a0, unsigned long a1);

/* The user word the futex programs use (page FUTEX_LOCK_PAGE of the test region). */
#define FUTEX_LOCK_PAGE 200
uintptr_t futex_lock_word(void);

/* futex_wait finds the word unchanged this many times, then gives up: -EAGAIN. */
#define FUTEX_WAIT_SPINS 5000000u

/* What happened, for the test. */
struct futex_lock_stats {
	uint64_t calls;          /* futex_wait and futex_add calls */
	uint64_t faults_locked;  /* accesses under the lock that returned VMIO_EFAULT */
	uint64_t refused;        /* demand faults refused: page faults disabled */
	uint64_t paged_in;       /* demand faults paged in by the trap handler */
	uint64_t fault_ins;      /* fault_in_user_writeable calls that succeeded */
	uint64_t retries;        /* locked accesses tried again after a fault-in */
	uint64_t sleeps;         /* futex_wait found the word equal and waited */
	uint64_t longest_wait;   /* most such waits in one futex_wait call */
	uint64_t access_open;    /* calls entered or left with user access open */
};
extern struct futex_lock_stats futex_lock_stats;

#endif
