/*
 * Internal to lib/vmio: the runtime user range (vmio/user_range.h).  It is
 * a global, not a static, so that the contracts can name it: vmio/acsl.h's
 * vm_user reads it (docs/VERIFICATION.md).
 *
 * Other CPUs read it while one CPU may change it, so every access is an
 * atomic one, ordered by seq, a sequence count (Linux's seqcount): even
 * when no change is under way, odd while vmio_user_range_set writes start,
 * end and closed.  A reader takes start, end and closed between two equal
 * even values of seq, else retries: it sees the old range or the new one,
 * never a mix.
 */
#ifndef VMIO_LIB_USER_BOUNDS_H
#define VMIO_LIB_USER_BOUNDS_H

#include <stdint.h>

struct vmio_user_bounds {
	uintptr_t start, end; /* [start, end) */
	/* Bare metal: does [start, end) hold vmio?  0 not yet known (only the
	 * default range can hold it), 1 yes (user access fails closed), -1 no. */
	int closed;
	unsigned long seq; /* even: stable; odd: a change under way */
};

extern struct vmio_user_bounds vmio_user_range;

#endif
