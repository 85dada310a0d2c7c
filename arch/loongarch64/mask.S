/*
 * uintptr_t vmio_arch_mask_user_ptr(uintptr_t p, uintptr_t start, uintptr_t last)
 *
 * p when start <= p <= last, else 0, with no conditional branch: a
 * mispredicted range check cannot steer a speculative access (Spectre v1).
 * a0 p, a1 start, a2 last; a0 result, t0 the condition.
 */
#include "asm.h"

	.text
FUNC(vmio_arch_mask_user_ptr)
	sub.d	$t0, $a0, $a1	/* p - start: huge when p < start */
	sub.d	$a2, $a2, $a1	/* last - start */
	sltu	$t0, $a2, $t0	/* 1 when outside */
	masknez	$a0, $a0, $t0	/* p when inside, else 0 */
	jr	$ra
ENDFUNC(vmio_arch_mask_user_ptr)
