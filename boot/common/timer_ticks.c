/*
 * The timer tick and IPI counts of every boot target, and of those the
 * ones that interrupted a watched range of code: each target's tick
 * handler calls plat_timer_tick_at(pc) with the interrupted PC, its IPI
 * handler plat_ipi_at(pc).  Counted per CPU (plat_cpu_id()); each CPU
 * writes only its own counters, so no lock is needed.
 */
#include "plat.h"

struct counts {
	volatile uint64_t ticks, ticks_watched, ipis, ipis_watched;
} __attribute__((aligned(64)));

static struct counts counts[PLAT_MAX_CPUS];
static volatile uintptr_t watch_lo, watch_len;

/* Targets without SMP: one CPU, number 0. */
__attribute__((weak)) unsigned plat_cpu_id(void)
{
	return 0;
}

/* The calling CPU's counters. */
static struct counts *mine(void)
{
	unsigned cpu = plat_cpu_id();

	return &counts[cpu < PLAT_MAX_CPUS ? cpu : 0];
}

static int watched(uintptr_t pc)
{
	return pc - watch_lo < watch_len;
}

/* Count one tick that interrupted the code at pc. */
void plat_timer_tick_at(uintptr_t pc)
{
	struct counts *c = mine();

	c->ticks++;
	if (watched(pc))
		c->ticks_watched++;
}

/* Count one IPI that interrupted the code at pc. */
void plat_ipi_at(uintptr_t pc)
{
	struct counts *c = mine();

	c->ipis++;
	if (watched(pc))
		c->ipis_watched++;
}

/* Ticks of every CPU since boot. */
uint64_t plat_timer_ticks(void)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++)
		n += counts[i].ticks;
	return n;
}

/* Watch [lo, hi) from now on; every CPU's watched counts start again at 0. */
void plat_timer_watch(uintptr_t lo, uintptr_t hi)
{
	watch_len = 0;
	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++)
		counts[i].ticks_watched = counts[i].ipis_watched = 0;
	watch_lo = lo;
	watch_len = hi - lo;
}

/* Ticks of every CPU inside the watched range since plat_timer_watch. */
uint64_t plat_timer_ticks_watched(void)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++)
		n += counts[i].ticks_watched;
	return n;
}

/* The per-CPU counts (plat.h); 0 for a CPU that does not exist. */
uint64_t plat_cpu_ticks(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? counts[cpu].ticks : 0;
}

uint64_t plat_cpu_ticks_watched(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? counts[cpu].ticks_watched : 0;
}

uint64_t plat_cpu_ipis(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? counts[cpu].ipis : 0;
}

uint64_t plat_cpu_ipis_watched(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? counts[cpu].ipis_watched : 0;
}
