/*
 * guest_main of the smp-* images: the user range as in main.c, then every
 * CPU QEMU gave us (-smp N, VMIO_QEMU_SMP), then the cases.  The first case
 * fails on one CPU: these tests mean nothing there.
 */
#include <stdio.h>

#include "smp.h"
#include "vmio/vmio.h"
#include "vtest.h"

unsigned smp_ncpu;

/* Wait until n CPUs have called it (for this round). */
void smp_barrier(struct smp_barrier *b, unsigned n)
{
	unsigned gen = smp_load(&b->gen);

	if (smp_add(&b->count, 1) == n) {
		smp_store(&b->count, 0);
		smp_store(&b->gen, gen + 1);
	} else {
		while (smp_load(&b->gen) == gen)
			;
	}
}

/* Spin n turns. */
void smp_delay(unsigned n)
{
	for (volatile unsigned i = 0; i < n; i++)
		;
}

static unsigned seen_id[PLAT_MAX_CPUS];

/* Each CPU records the number it has for itself. */
static void say_id(unsigned cpu, void *arg)
{
	(void)arg;
	smp_store(&seen_id[cpu], plat_cpu_id() + 1);
}

VT_CASE(smp_cpus_online)
{
	printf("    %u CPUs online\n", smp_ncpu);
	VT_CHECK(smp_ncpu >= 2);
	VT_CHECK(smp_ncpu <= PLAT_MAX_CPUS);
	VT_EQ(plat_cpu_count(), smp_ncpu);
	VT_EQ(plat_smp_start(), smp_ncpu); /* idempotent */
	VT_EQ(plat_cpu_id(), 0);
	if (smp_ncpu < 2 || smp_ncpu > PLAT_MAX_CPUS)
		return;
	plat_smp_run_all(say_id, NULL);
	for (unsigned c = 0; c < smp_ncpu; c++)
		VT_EQ(smp_load(&seen_id[c]), c + 1);
}

/* The user range, every CPU, then the cases. */
int guest_main(void)
{
	/* As main.c: the user test region alone where the default range holds our kernel. */
	if (vmio_user_range_set(VMIO_USER_START, VMIO_USER_END)) {
		uintptr_t base = plat_user_base();

		if (vmio_user_range_set(base, base + UREG_PAGES * plat_info()->page_size))
			return 2;
	}
	smp_ncpu = plat_smp_start();
	return vt_run() ? 1 : 0;
}
