/*
 * smp-futex-lock: faults under a lock (boot/include/fault_lock.h).  Two
 * user programs on two CPUs take turns on one futex word through system
 * calls that access it under a spinlock with page faults disabled
 * (tests/user/programs.c UPROG_FUTEX_A on CPU 0, UPROG_FUTEX_B on CPU 1);
 * the word's page starts not present and CPU 2 keeps paging it out.  Each
 * locked access that faults returns VMIO_EFAULT (the trap handler refuses
 * to page in under the lock), the call drops the lock, faults the page in
 * with page faults enabled (demand paging in the trap handler) and
 * retries.  Both programs must get exactly the values their turns say and
 * the word must end at 2 * FUTEX_ROUNDS; faults under the lock, refused
 * page-ins and page-ins must all have happened.
 */
#include <stdio.h>

#include "fault_lock.h"
#include "smp.h"
#include "usermode.h"
#include "vmio/vmio.h"
#include "vtest.h"

static struct user_result res_b;
static volatile int programs_done;
static uint64_t page_outs, fault_elsewhere;

static void run_b(unsigned cpu, void *arg)
{
	(void)cpu, (void)arg;
	user_run_secondary(UPROG_FUTEX_B, &res_b);
	smp_add(&programs_done, 1);
}

/*
 * CPU 2: page the word out, wait until a fault has paged it in again,
 * and again, until both programs are done.
 */
static void pager(unsigned cpu, void *arg)
{
	(void)cpu, (void)arg;
	while (smp_load(&programs_done) < 2) {
		uint64_t in = smp_load(&futex_lock_stats.paged_in);

		demand_page_out(FUTEX_LOCK_PAGE);
		page_outs++;
		while (smp_load(&futex_lock_stats.paged_in) == in && smp_load(&programs_done) < 2)
			;
		smp_delay(2000);
	}
}

/* Every fault fixed up by vmio's table must be at the futex word. */
static void on_fault(uintptr_t addr, void *arg)
{
	(void)arg;
	if (addr != futex_lock_word())
		__atomic_fetch_add(&fault_elsewhere, 1, __ATOMIC_RELAXED);
}

VT_CASE(futex_faults_under_a_lock)
{
	struct user_result res_a;
	struct futex_lock_stats *s = &futex_lock_stats;
	struct vm_freader r;
	uint32_t end = 0;

	VT_CHECK(smp_ncpu >= 3);
	if (smp_ncpu < 3)
		return;
	demand_page_out(FUTEX_LOCK_PAGE); /* not yet present */
	plat_fault_hook(on_fault, NULL);
	plat_smp_run(1, run_b, NULL);
	plat_smp_run(2, pager, NULL);
	user_run(UPROG_FUTEX_A, 0, &res_a);
	smp_add(&programs_done, 1);
	plat_smp_wait(1);
	plat_smp_wait(2);
	plat_fault_hook(NULL, NULL);
	VT_EQ(vm_freader_from_user_space(&r, (void *)futex_lock_word(), 4), 0);
	VT_EQ(vm_freader_atomic_load_u32(&r, &end), 0); /* pages it in if need be */
	printf("    %u rounds a program on CPUs 0 and 1, %llu page-outs by CPU 2: %llu calls, "
	       "%llu faults under the lock (%llu page-ins refused), %llu fault-ins, "
	       "%llu retries, %llu page-ins by the trap handler, %llu waits (at most %llu in one "
	       "call, of %u allowed); word %u\n",
	       FUTEX_ROUNDS, (unsigned long long)page_outs, (unsigned long long)s->calls,
	       (unsigned long long)s->faults_locked, (unsigned long long)s->refused,
	       (unsigned long long)s->fault_ins, (unsigned long long)s->retries,
	       (unsigned long long)s->paged_in, (unsigned long long)s->sleeps,
	       (unsigned long long)s->longest_wait, FUTEX_WAIT_SPINS, end);
	printf("    program A: %s %ld; program B: %s %ld\n",
	       res_a.faulted ? res_a.cause : "exit", res_a.code,
	       res_b.faulted ? res_b.cause : "exit", res_b.code);
	VT_EQ(res_a.faulted, 0);
	VT_EQ(res_a.code, 0);
	VT_EQ(res_b.faulted, 0);
	VT_EQ(res_b.code, 0);
	VT_EQ(res_a.kernel_failed, 0);
	VT_EQ(end, 2 * FUTEX_ROUNDS);
	VT_CHECK(s->faults_locked > 0);
	VT_CHECK(s->refused >= s->faults_locked); /* each was a page-in refused under the lock */
	VT_CHECK(s->paged_in > 0);
	VT_EQ(s->faults_locked, s->retries);
	VT_EQ(s->access_open, 0);
	VT_EQ(fault_elsewhere, 0);
}
