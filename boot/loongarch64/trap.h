/* The register frame that trap.S saves for plat_trap(). */
#ifndef LA_TRAP_H
#define LA_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t r[32]; /* r[0] reads 0; r[3] is the interrupted sp */
	uint64_t era;   /* where ertn resumes */
	uint64_t prmd;
	uint64_t estat;
	uint64_t badv;
};

/* Called by trap.S for every exception and interrupt but TLB refill. */
void plat_trap(struct trap_frame *f);

/* Trap vectors and the plain-load probe, in trap.S. */
extern char trap_entry[], tlb_refill[];
extern char plat_probe_load[], plat_probe_resume[];

/* Take the timer interrupt at era (timer.c): acknowledge and count it. */
void timer_tick(uintptr_t era);

#endif
