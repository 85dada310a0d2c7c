/*
 * The timer tick count of every boot target, and the PCs its ticks
 * interrupted: each target's tick handler calls plat_timer_tick_at(pc),
 * and its plat_timer_start() calls plat_timer_log_reset().
 */
#include "plat.h"

#define PC_LOG 256 /* interrupted PCs kept after each plat_timer_start() */

static volatile uint64_t ticks;
static volatile unsigned npcs;
static volatile uintptr_t pcs[PC_LOG];

/* Count one tick that interrupted the code at pc. */
void plat_timer_tick_at(uintptr_t pc)
{
	ticks++;
	if (npcs < PC_LOG)
		pcs[npcs++] = pc;
}

/* Forget the PCs logged so far. */
void plat_timer_log_reset(void)
{
	npcs = 0;
}

uint64_t plat_timer_ticks(void)
{
	return ticks;
}

uint64_t plat_timer_ticks_in(uintptr_t lo, uintptr_t hi)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < npcs; i++)
		if (pcs[i] - lo < hi - lo)
			n++;
	return n;
}
