/*
 * Internal to lib/vmio: the runtime user range (vmio/user_range.h).  It is
 * a global, not a static, so that the contracts can name it: vmio/acsl.h's
 * vm_user reads it (docs/VERIFICATION.md).
 */
#ifndef VMIO_LIB_USER_BOUNDS_H
#define VMIO_LIB_USER_BOUNDS_H

#include <stdint.h>

struct vmio_user_bounds {
	uintptr_t start, end; /* [start, end) */
};

extern struct vmio_user_bounds vmio_user_range;

#endif
