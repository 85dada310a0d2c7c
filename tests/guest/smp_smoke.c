/*
 * x86_64 SMP bring-up (boot/x86_64/smp.c), booted with VMIO_QEMU_SMP=4:
 * every CPU the machine has comes online, knows its number, takes its own
 * timer ticks and the shootdown IPIs of the others, an unmap by one CPU
 * is seen at once by another that had the page in its TLB, user programs
 * run on the secondaries (their own TSS.RSP0 and kernel stack), and a
 * counter incremented with lock xadd from all CPUs at once ends exact.
 */
#include <stdio.h>

#include "plat.h"
#include "usermode.h"
#include "vmio/arch.h"
#include "vtest.h"

#define ROUNDS 2000000u /* increments per CPU */
#define SHOOTS 200u    /* shootdowns sent by CPU 0 */
#define SHOOTS_ALL 25u /* by each CPU at once: every one waits for all four vCPU threads */
#define PAGE_SIZE_X86 4096u

static unsigned ncpu;
static volatile unsigned seen_id[PLAT_MAX_CPUS];
static volatile uint64_t counter;

static void whoami(unsigned cpu, void *arg)
{
	(void)arg;
	seen_id[cpu] = plat_cpu_id() + 1;
}

VT_CASE(every_cpu_online_and_numbered)
{
	ncpu = plat_smp_start();
	printf("smp-smoke: %u CPUs online\n", ncpu);
	VT_CHECK(ncpu >= 2);
	VT_EQ(plat_smp_start(), ncpu); /* idempotent */
	VT_EQ(plat_cpu_count(), ncpu);
	plat_smp_run_all(whoami, NULL);
	for (unsigned c = 0; c < ncpu; c++)
		VT_EQ(seen_id[c], c + 1);
}

/* Each CPU arms its own timer and waits for ten of its own ticks. */
static volatile uint64_t tick_gain[PLAT_MAX_CPUS];

static void own_ticks(unsigned cpu, void *arg)
{
	uint64_t t0 = plat_cpu_ticks(cpu);

	(void)arg;
	plat_timer_start(1000);
	for (unsigned long spin = 0; spin < 2000000000ul && plat_cpu_ticks(cpu) - t0 < 10; spin++)
		__asm__ volatile("pause");
	plat_timer_stop();
	tick_gain[cpu] = plat_cpu_ticks(cpu) - t0;
}

VT_CASE(every_cpu_takes_its_timer)
{
	uint64_t total0 = plat_timer_ticks();

	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	plat_smp_run_all(own_ticks, NULL);
	for (unsigned c = 0; c < ncpu; c++) {
		printf("smp-smoke: CPU %u took %llu ticks\n", c, (unsigned long long)tick_gain[c]);
		VT_CHECK(tick_gain[c] >= 10);
	}
	VT_CHECK(plat_timer_ticks() - total0 >= 10ull * ncpu);
}

/*
 * CPU 0 shoots down while the others sleep: each of them must take one IPI
 * per shootdown (the sender waits for every acknowledgement before the
 * next one, so none can merge).
 */
VT_CASE(every_cpu_takes_shootdown_ipis)
{
	uint64_t before[PLAT_MAX_CPUS];

	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	for (unsigned c = 0; c < ncpu; c++)
		before[c] = plat_cpu_ipis(c);
	for (unsigned i = 0; i < SHOOTS; i++)
		smp_tlb_shootdown(plat_user_base());
	for (unsigned c = 1; c < ncpu; c++) {
		uint64_t got = plat_cpu_ipis(c) - before[c];

		printf("smp-smoke: CPU %u took %llu IPIs from CPU 0\n", c, (unsigned long long)got);
		VT_CHECK(got >= SHOOTS);
	}
	VT_EQ(plat_cpu_ipis(0), before[0]); /* no IPI to itself */
}

/*
 * Every CPU shoots down at once: it must end (a CPU waiting for the
 * shootdown lock answers the one in progress itself, so IPIs may merge).
 */
static void shoot(unsigned cpu, void *arg)
{
	(void)cpu;
	for (unsigned i = 0; i < SHOOTS_ALL; i++)
		smp_tlb_shootdown((uintptr_t)arg);
}

VT_CASE(shootdowns_from_all_cpus_at_once_end)
{
	uint64_t before[PLAT_MAX_CPUS];

	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	for (unsigned c = 0; c < ncpu; c++)
		before[c] = plat_cpu_ipis(c);
	plat_smp_run_all(shoot, (void *)plat_user_base());
	for (unsigned c = 0; c < ncpu; c++) {
		printf("smp-smoke: CPU %u took %llu IPIs with all shooting\n", c,
		       (unsigned long long)(plat_cpu_ipis(c) - before[c]));
		VT_CHECK(plat_cpu_ipis(c) > before[c]);
	}
}

/*
 * CPU 1 reads a user page again and again through the fallible copy (so
 * its TLB holds the page); CPU 0 makes the page not present with
 * plat_user_page_set and then raises `unmapped`.  Every copy CPU 1 starts
 * after it saw `unmapped` must fault: a stale TLB entry would let it read.
 */
static volatile int unmapped, stop;
static volatile uint64_t reads_before, reads_stale, reads_faulted;

static void reader(unsigned cpu, void *arg)
{
	const void *src = arg;
	uint64_t val;

	(void)cpu;
	while (!stop) {
		int after = __atomic_load_n(&unmapped, __ATOMIC_ACQUIRE);
		size_t left = __memcpy_fallible(&val, src, sizeof(val));

		if (!after)
			reads_before++;
		else if (left == 0)
			reads_stale++;
		else
			reads_faulted++;
	}
}

VT_CASE(unmap_reaches_the_other_cpus_tlb)
{
	const void *page = (const void *)(plat_user_base() + UREG_RW2 * PAGE_SIZE_X86);

	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	unmapped = stop = 0;
	reads_before = reads_stale = reads_faulted = 0;
	plat_smp_run(1, reader, (void *)page);
	for (unsigned long spin = 0; spin < 2000000000ul && reads_before < 10000; spin++)
		__asm__ volatile("pause");
	plat_user_page_set(UREG_RW2, 0);
	__atomic_store_n(&unmapped, 1, __ATOMIC_RELEASE);
	for (unsigned long spin = 0; spin < 2000000000ul && reads_faulted + reads_stale < 10000;
	     spin++)
		__asm__ volatile("pause");
	stop = 1;
	plat_smp_wait(1);
	plat_user_page_set(UREG_RW2, 1);
	printf("smp-smoke: CPU 1 read the page %llu times mapped; after the unmap "
	       "%llu reads faulted, %llu read a stale TLB entry\n",
	       (unsigned long long)reads_before, (unsigned long long)reads_faulted,
	       (unsigned long long)reads_stale);
	VT_CHECK(reads_before >= 10000);
	VT_CHECK(reads_faulted > 0);
	VT_EQ(reads_stale, 0);
}

/* A user program on a secondary: its system calls and a fault end as on CPU 0. */
static struct user_result ures[PLAT_MAX_CPUS];

static void run_prog(unsigned cpu, void *arg)
{
	user_run((unsigned)(uintptr_t)arg, 0, &ures[cpu]);
}

VT_CASE(user_programs_run_on_secondaries)
{
	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	for (unsigned c = 1; c < ncpu; c++) {
		unsigned prog = c == 2 ? UPROG_STORE_RO : UPROG_SYSCALLS;
		struct user_result *r = &ures[c];

		plat_smp_run(c, run_prog, (void *)(uintptr_t)prog);
		plat_smp_wait(c);
		printf("smp-smoke: CPU %u ran user program %u: %s, %u calls, %u verdicts, "
		       "%u failed, kernel checks failed %u, access open %u\n", c, prog,
		       r->faulted ? r->cause : "exited", r->syscalls, r->expects,
		       r->expects_failed, r->kernel_failed, r->access_open);
		VT_EQ(r->faulted, prog == UPROG_STORE_RO);
		if (prog == UPROG_SYSCALLS) {
			VT_EQ(r->code, 0);
			VT_CHECK(r->expects > 50);
		}
		VT_EQ(r->expects_failed, 0);
		VT_EQ(r->kernel_failed, 0);
		VT_EQ(r->access_open, 0);
	}
}

static volatile unsigned arrived;

/* All CPUs start adding together (else each could finish before the next wakes). */
static void add_many(unsigned cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	__atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
	while (arrived < ncpu)
		__asm__ volatile("pause");
	for (unsigned i = 0; i < ROUNDS; i++)
		__atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
}

VT_CASE(atomic_counter_exact_from_all_cpus)
{
	ncpu = plat_smp_start();
	VT_CHECK(ncpu >= 2);
	if (ncpu < 2)
		return;
	counter = 0;
	arrived = 0;
	plat_smp_run_all(add_many, NULL);
	printf("smp-smoke: counter %llu of %llu\n", (unsigned long long)counter,
	       (unsigned long long)ROUNDS * ncpu);
	VT_EQ(counter, (uint64_t)ROUNDS * ncpu);
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
