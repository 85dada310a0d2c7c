/*
 * The timer tick count of every boot target, and of those the ticks that
 * interrupted a watched range of code: each target's tick handler calls
 * plat_timer_tick_at(pc) with the interrupted PC, its IPI handler
 * plat_ipi_at(pc).  The totals are added to atomically (every CPU ticks);
 * each per-CPU count is written by its own CPU only.
 */
#include "plat.h"

static volatile uint64_t ticks, watched;
static volatile uintptr_t watch_lo, watch_len;
static volatile uint64_t cpu_ticks[PLAT_MAX_CPUS], cpu_ticks_watched[PLAT_MAX_CPUS];
static volatile uint64_t cpu_ipis[PLAT_MAX_CPUS], cpu_ipis_watched[PLAT_MAX_CPUS];

/* A target without SMP runs on CPU 0 only. */
__attribute__((weak)) unsigned plat_cpu_id(void)
{
	return 0;
}

/* Whether pc lies in the watched range. */
static int is_watched(uintptr_t pc)
{
	return pc - watch_lo < watch_len;
}

/* Count one tick that interrupted the code at pc. */
void plat_timer_tick_at(uintptr_t pc)
{
	unsigned cpu = plat_cpu_id();

	__atomic_fetch_add(&ticks, 1, __ATOMIC_RELAXED);
	cpu_ticks[cpu]++;
	if (is_watched(pc)) {
		__atomic_fetch_add(&watched, 1, __ATOMIC_RELAXED);
		cpu_ticks_watched[cpu]++;
	}
}

/* Count one interprocessor interrupt that interrupted the code at pc. */
void plat_ipi_at(uintptr_t pc)
{
	unsigned cpu = plat_cpu_id();

	cpu_ipis[cpu]++;
	if (is_watched(pc))
		cpu_ipis_watched[cpu]++;
}

uint64_t plat_timer_ticks(void)
{
	return ticks;
}

/* Watch [lo, hi) from now on; the watched counts start again from zero. */
void plat_timer_watch(uintptr_t lo, uintptr_t hi)
{
	watch_len = 0;
	watched = 0;
	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++) {
		cpu_ticks_watched[i] = 0;
		cpu_ipis_watched[i] = 0;
	}
	watch_lo = lo;
	watch_len = hi - lo;
}

uint64_t plat_timer_ticks_watched(void)
{
	return watched;
}

uint64_t plat_cpu_ticks(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? cpu_ticks[cpu] : 0;
}

uint64_t plat_cpu_ticks_watched(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? cpu_ticks_watched[cpu] : 0;
}

uint64_t plat_cpu_ipis(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? cpu_ipis[cpu] : 0;
}

uint64_t plat_cpu_ipis_watched(unsigned cpu)
{
	return cpu < PLAT_MAX_CPUS ? cpu_ipis_watched[cpu] : 0;
}
