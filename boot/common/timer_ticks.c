/*
 * The timer tick and IPI counts of every boot target, per CPU, and of
 * those the ones that interrupted a watched range of code: each target's
 * handlers call plat_timer_tick_at(pc) / plat_ipi_at(pc) with the
 * interrupted PC.  Only CPU c writes its own counters (relaxed atomic
 * stores); any CPU may read them.  plat_timer_watch() does not reset the
 * counters of other CPUs (they may be counting at that moment): it
 * records where each stood, and the _watched calls subtract that.
 */
#include "plat.h"

struct cpu_counts {
	uint64_t ticks, ticks_watched, ipis, ipis_watched;
	/* Where ticks_watched and ipis_watched stood at plat_timer_watch(). */
	uint64_t ticks_base, ipis_base;
};

static struct cpu_counts counts[PLAT_MAX_CPUS];
static uintptr_t watch_lo, watch_len;

/* A target without SMP runs on CPU 0 alone. */
__attribute__((weak)) unsigned plat_cpu_id(void)
{
	return 0;
}

/* This CPU's counters. */
static struct cpu_counts *mine(void)
{
	unsigned c = plat_cpu_id();

	return &counts[c < PLAT_MAX_CPUS ? c : 0];
}

/* Add one to a counter only this CPU writes. */
static void bump(uint64_t *n)
{
	__atomic_store_n(n, __atomic_load_n(n, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

/* Whether pc lies in the watched range. */
static int watched(uintptr_t pc)
{
	uintptr_t lo = __atomic_load_n(&watch_lo, __ATOMIC_RELAXED);

	return pc - lo < __atomic_load_n(&watch_len, __ATOMIC_RELAXED);
}

/* Count one tick that interrupted the code at pc. */
void plat_timer_tick_at(uintptr_t pc)
{
	struct cpu_counts *c = mine();

	bump(&c->ticks);
	if (watched(pc))
		bump(&c->ticks_watched);
}

/* Count one IPI that interrupted the code at pc. */
void plat_ipi_at(uintptr_t pc)
{
	struct cpu_counts *c = mine();

	bump(&c->ipis);
	if (watched(pc))
		bump(&c->ipis_watched);
}

static uint64_t load(const uint64_t *n)
{
	return __atomic_load_n(n, __ATOMIC_RELAXED);
}

uint64_t plat_timer_ticks(void)
{
	uint64_t sum = 0;

	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		sum += load(&counts[c].ticks);
	return sum;
}

void plat_timer_watch(uintptr_t lo, uintptr_t hi)
{
	__atomic_store_n(&watch_len, 0, __ATOMIC_RELAXED);
	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++) {
		__atomic_store_n(&counts[c].ticks_base, load(&counts[c].ticks_watched),
				 __ATOMIC_RELAXED);
		__atomic_store_n(&counts[c].ipis_base, load(&counts[c].ipis_watched),
				 __ATOMIC_RELAXED);
	}
	__atomic_store_n(&watch_lo, lo, __ATOMIC_RELAXED);
	__atomic_store_n(&watch_len, hi - lo, __ATOMIC_RELEASE);
}

uint64_t plat_cpu_ticks(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? load(&counts[cpu].ticks) : 0;
}

uint64_t plat_cpu_ipis(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? load(&counts[cpu].ipis) : 0;
}

uint64_t plat_cpu_ticks_watched(unsigned cpu)
{
	if (cpu >= PLAT_MAX_CPUS)
		return 0;
	return load(&counts[cpu].ticks_watched) - load(&counts[cpu].ticks_base);
}

uint64_t plat_cpu_ipis_watched(unsigned cpu)
{
	if (cpu >= PLAT_MAX_CPUS)
		return 0;
	return load(&counts[cpu].ipis_watched) - load(&counts[cpu].ipis_base);
}

uint64_t plat_timer_ticks_watched(void)
{
	uint64_t sum = 0;

	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		sum += plat_cpu_ticks_watched(c);
	return sum;
}
