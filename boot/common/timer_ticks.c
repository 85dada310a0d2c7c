/*
 * The timer tick count of every boot target, and of those the ticks that
 * interrupted a watched range of code: each target's tick handler calls
 * plat_timer_tick_at(pc) with the interrupted PC.
 */
#include "plat.h"

static volatile uint64_t ticks, watched;
static volatile uintptr_t watch_lo, watch_len;

/* Count one tick that interrupted the code at pc. */
void plat_timer_tick_at(uintptr_t pc)
{
	ticks++;
	if (pc - watch_lo < watch_len)
		watched++;
}

uint64_t plat_timer_ticks(void)
{
	return ticks;
}

void plat_timer_watch(uintptr_t lo, uintptr_t hi)
{
	watch_len = 0;
	watched = 0;
	watch_lo = lo;
	watch_len = hi - lo;
}

uint64_t plat_timer_ticks_watched(void)
{
	return watched;
}
