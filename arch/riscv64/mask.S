/*
 * uintptr_t vmio_arch_mask_user_ptr(uintptr_t p, uintptr_t start, uintptr_t last)
 *
 * p when start <= p <= last, else 0, with no conditional branch: a
 * mispredicted range check cannot steer a speculative access (Spectre v1).
 * a0 p, a1 start, a2 last; a0 result, a3 the mask.
 */
#include "asm.h"

	.text
FUNC(vmio_arch_mask_user_ptr)
	sub	a3, a0, a1	/* p - start: huge when p < start */
	sub	a2, a2, a1	/* last - start */
	sltu	a3, a2, a3	/* 1 when outside */
	addi	a3, a3, -1	/* all ones when inside, else 0 */
	and	a0, a0, a3
	ret
ENDFUNC(vmio_arch_mask_user_ptr)
