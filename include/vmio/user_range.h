/*
 * The user address range: a fallible reader or writer is made only for a
 * range of addresses inside it (vm_freader_from_user_space).  It starts as
 * [VMIO_USER_START, VMIO_USER_END) of vmio/arch.h; a kernel whose user
 * space lies elsewhere sets its own once at boot, before any user access
 * (the calls take no lock: do not change the range while another CPU may
 * be making a user reader or writer).
 *
 * On bare metal the range must not contain vmio itself: a kernel pointer
 * inside it would pass for a user pointer.  vmio_user_range_set refuses
 * such a range, and while the range is the default and does contain vmio,
 * user access fails closed: every vm_f*_from_user_space call returns
 * VMIO_EINVAL, whatever the pointer, until the kernel sets a range that
 * leaves it out.  On the host target (VMIO_HOST) the process is its own
 * user space and this check is off.
 */
#ifndef VMIO_USER_RANGE_H
#define VMIO_USER_RANGE_H

#include <stdint.h>

#ifdef __FRAMAC__
#include "vmio/errno.h"
#include "vmio/acsl.h" /* vmio_user_range, the range the contracts name */
#endif

/*
 * Make [start, end) the user range.  Returns 0, or VMIO_EINVAL and leaves
 * the range as it was when start >= end or, on bare metal, when [start,
 * end) holds vmio's own code, data or exception table.
 */
/*@ assigns vmio_user_range;
    ensures \result == 0 || \result == VMIO_EINVAL;
    ensures \result == 0 ==> vmio_user_range.start == start && vmio_user_range.end == end;
    ensures \result != 0 ==> vmio_user_range.start == \old(vmio_user_range.start) &&
      vmio_user_range.end == \old(vmio_user_range.end);
    ensures start >= end ==> \result == VMIO_EINVAL;
    behavior host: // VMIO_HOST: no range holds vmio
      assumes start < end && vm_host;
      ensures \result == 0; */
int vmio_user_range_set(uintptr_t start, uintptr_t end);

/* Store the current user range [*start, *end). */
/*@ requires \valid(start) && \valid(end) && \separated(start, end, &vmio_user_range);
    assigns *start, *end;
    ensures *start == vmio_user_range.start && *end == vmio_user_range.end; */
void vmio_user_range_get(uintptr_t *start, uintptr_t *end);

#endif
