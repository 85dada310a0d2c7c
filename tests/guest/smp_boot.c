/*
 * The boot targets' SMP (plat.h), booted with VMIO_QEMU_SMP=4: every CPU
 * comes online with its own number, takes timer ticks and IPIs on its own,
 * sees a page another CPU unmaps disappear (TLB shootdown), and 4 CPUs
 * adding to one user word through vmio's fallible fetch-add lose nothing.
 * Checks run on CPU 0; the other CPUs only record what they saw.
 */
#include <stdio.h>

#include "plat.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define SMP_CPUS 4
#define ADDS 50000     /* fetch-adds per CPU */
#define SHOOTS 10      /* shootdowns each CPU sends in ipis_every_cpu */

static unsigned ncpu;

static uint32_t *user_word(unsigned page, size_t off)
{
	return (uint32_t *)(plat_user_base() + page * plat_info()->page_size + off);
}

VT_CASE(cpus_boot)
{
	ncpu = plat_smp_start();
	VT_EQ(ncpu, SMP_CPUS);
	VT_EQ(plat_smp_start(), ncpu); /* idempotent */
	VT_EQ(plat_cpu_count(), ncpu);
	VT_EQ(plat_cpu_id(), 0);
}

static unsigned seen_id[PLAT_MAX_CPUS];

static void record_id(unsigned cpu, void *arg)
{
	(void)arg;
	seen_id[cpu] = plat_cpu_id() + 100;
}

VT_CASE(each_cpu_knows_its_number)
{
	plat_smp_run_all(record_id, NULL);
	for (unsigned c = 0; c < ncpu; c++)
		VT_EQ(seen_id[c], c + 100);
}

static uint64_t ticks_seen[PLAT_MAX_CPUS];

/* Arm this CPU's timer (1 ms) and wait for 5 of its ticks, or half a second. */
static void take_ticks(unsigned cpu, void *arg)
{
	uint64_t start = plat_cpu_ticks(cpu);

	(void)arg;
	plat_timer_start(1000);
	for (unsigned long i = 0; i < 200000000ul && plat_cpu_ticks(cpu) - start < 5; i++)
		__asm__ volatile("" ::: "memory");
	plat_timer_stop();
	ticks_seen[cpu] = plat_cpu_ticks(cpu) - start;
}

VT_CASE(each_cpu_takes_its_timer)
{
	plat_smp_run_all(take_ticks, NULL);
	for (unsigned c = 0; c < ncpu; c++) {
		printf("  CPU %u: %llu ticks\n", c, (unsigned long long)ticks_seen[c]);
		VT_CHECK(ticks_seen[c] >= 5);
	}
}

/* ipis_every_cpu: CPU `sender` shoots SHOOTS times while the others spin, interrupts on. */
static unsigned sender;
static int sender_done;

static void shoot_or_spin(unsigned cpu, void *arg)
{
	(void)arg;
	if (cpu == sender) {
		for (unsigned i = 0; i < SHOOTS; i++)
			plat_user_page_set(UREG_RW2, 1);
		__atomic_store_n(&sender_done, 1, __ATOMIC_RELEASE);
	} else {
		while (!__atomic_load_n(&sender_done, __ATOMIC_ACQUIRE))
			;
	}
}

VT_CASE(ipis_every_cpu)
{
	uint64_t before[PLAT_MAX_CPUS];

	for (unsigned c = 0; c < ncpu; c++)
		before[c] = plat_cpu_ipis(c);
	for (sender = 0; sender < ncpu; sender++) {
		sender_done = 0;
		plat_smp_run_all(shoot_or_spin, NULL);
	}
	for (unsigned c = 0; c < ncpu; c++) {
		uint64_t got = plat_cpu_ipis(c) - before[c];

		printf("  CPU %u: %llu IPIs taken\n", c, (unsigned long long)got);
		VT_CHECK(got >= SHOOTS * (ncpu - 1));
	}
}

/*
 * CPU 2 loads (or stores and loads) a user word, so its TLB maps the page;
 * CPU 1 unmaps the page; CPU 2's next access must fault.  CPU 1 maps it
 * back; CPU 2 reaches the word again.  steps[] records each stage's
 * result on CPU 2.
 */
static int stage;
static int steps[3];
static uint32_t step_val[3];

static int load_rw2(uint32_t *val)
{
	struct vm_freader r;
	int err = vm_freader_from_user_space(&r, user_word(UREG_RW2, 64), 4);

	return err ? err : vm_freader_atomic_load_u32(&r, val);
}

static void wait_stage(int s)
{
	while (__atomic_load_n(&stage, __ATOMIC_ACQUIRE) != s)
		;
}

/* Store v to the word through vmio (a store fills the TLB with a writable entry). */
static int store_rw2(uint32_t v)
{
	struct vm_fwriter w;
	uint32_t old;
	int err = vm_fwriter_from_user_space(&w, user_word(UREG_RW2, 64), 4);

	return err ? err : vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_SET, v, &old);
}

static int use_stores;

/* Load the word on CPU 2, or (use_stores) store 0x5a5a1234 there and load it back. */
static int touch_rw2(uint32_t *val)
{
	int err = use_stores ? store_rw2(0x5a5a1234) : 0;

	return err ? err : load_rw2(val);
}

static void unmap_seen(unsigned cpu, void *arg)
{
	(void)arg;
	if (cpu == 1) {
		wait_stage(1);
		plat_user_page_set(UREG_RW2, 0);
		__atomic_store_n(&stage, 2, __ATOMIC_RELEASE);
		wait_stage(3);
		plat_user_page_set(UREG_RW2, 1);
		__atomic_store_n(&stage, 4, __ATOMIC_RELEASE);
	} else if (cpu == 2) {
		steps[0] = touch_rw2(&step_val[0]);
		__atomic_store_n(&stage, 1, __ATOMIC_RELEASE);
		wait_stage(2);
		steps[1] = touch_rw2(&step_val[1]);
		__atomic_store_n(&stage, 3, __ATOMIC_RELEASE);
		wait_stage(4);
		steps[2] = touch_rw2(&step_val[2]);
	}
}

static void unmap_case(int stores)
{
	use_stores = stores;
	*user_word(UREG_RW2, 64) = stores ? 0 : 0x5a5a1234; /* no SMAP-like switch on loongarch64 */
	stage = 0;
	steps[1] = 99;
	plat_smp_run_all(unmap_seen, NULL);
	VT_EQ(steps[0], 0);
	VT_EQ(step_val[0], 0x5a5a1234);
	VT_EQ(steps[1], VMIO_EFAULT);
	VT_EQ(steps[2], 0);
	VT_EQ(step_val[2], 0x5a5a1234);
}

VT_CASE(unmap_on_one_cpu_faults_loads_on_another)
{
	unmap_case(0);
}

VT_CASE(unmap_on_one_cpu_faults_stores_on_another)
{
	unmap_case(1);
}

static int add_errors[PLAT_MAX_CPUS];
static volatile uint32_t plain_counter;
static unsigned add_arrived;

/* ADDS fallible fetch-adds of 1 to the user word, and as many plain increments. */
static void add_many(unsigned cpu, void *arg)
{
	struct vm_fwriter w;

	(void)arg;
	__atomic_fetch_add(&add_arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&add_arrived, __ATOMIC_ACQUIRE) < ncpu)
		; /* all start together */
	for (unsigned i = 0; i < ADDS; i++) {
		uint32_t old;

		if (vm_fwriter_from_user_space(&w, user_word(UREG_RW, 128), 4) ||
		    vm_fwriter_atomic_fetch_op_u32(&w, VMIO_ATOMIC_ADD, 1, &old))
			add_errors[cpu]++;
	}
	for (unsigned i = 0; i < 40 * ADDS; i++)
		plain_counter = plain_counter + 1;
}

VT_CASE(fetch_add_from_every_cpu)
{
	*user_word(UREG_RW, 128) = 0;
	plain_counter = 0;
	plat_smp_run_all(add_many, NULL);
	for (unsigned c = 0; c < ncpu; c++)
		VT_EQ(add_errors[c], 0);
	VT_EQ(*user_word(UREG_RW, 128), (uint32_t)(ncpu * ADDS));
	printf("  fetch-add total %u of %u; plain increments kept %u of %u (lost %u)\n",
	       *user_word(UREG_RW, 128), ncpu * ADDS, plain_counter, 40 * ncpu * ADDS,
	       40 * ncpu * ADDS - plain_counter);
}

int guest_main(void)
{
	uintptr_t base = plat_user_base();

	if (vmio_user_range_set(base, base + UREG_PAGES * plat_info()->page_size))
		return 2;
	return vt_run() ? 1 : 0;
}
