/*
 * The user address range: a fallible reader or writer is made only for a
 * range of addresses inside it (vm_freader_from_user_space).  It starts as
 * [VMIO_USER_START, VMIO_USER_END) of vmio/arch.h; a kernel whose user
 * space lies elsewhere sets its own at boot, before any user access.
 *
 * On several CPUs: vmio_user_range_set may run while other CPUs make user
 * readers and writers, and each of them sees the old range or the new one,
 * never a mix.  The range is a seqlock (Linux's seqcount): set makes its
 * sequence count odd, stores start and end, and makes it even again (two
 * sets at once take turns); a reader reads start and end between two equal
 * even values of the count and retries otherwise, so without a change
 * under way it costs two more loads and no store.  A reader or writer
 * already made keeps the range it was made in.
 *
 * On bare metal the range must not contain vmio itself: a kernel pointer
 * inside it would pass for a user pointer.  vmio_user_range_set refuses
 * such a range (VMIO_EINVAL), and while the range is the default and does
 * contain any byte vmio places (its text, rodata, data, bss or exception
 * table, whatever the link order: see docs/library_usage.md section 2),
 * user access fails closed: every vm_f*_from_user_space call returns
 * VMIO_EFAULT, whatever the pointer, until the kernel sets a range that
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
 * end) holds a byte vmio places (its text, rodata, data, bss or exception
 * table).
 */
/*@ requires vm_closed_ok;
    assigns vmio_user_range;
    ensures vm_closed_ok;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL;
    ensures \result == 0 ==> vmio_user_range.start == start && vmio_user_range.end == end;
    ensures \result != 0 ==> vmio_user_range.start == \old(vmio_user_range.start) &&
      vmio_user_range.end == \old(vmio_user_range.end);
    ensures start >= end ==> \result == VMIO_EINVAL;
    ensures vm_holds_vmio(start, end) ==> \result == VMIO_EINVAL;
    ensures start < end && !vm_holds_vmio(start, end) ==> \result == 0;
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
