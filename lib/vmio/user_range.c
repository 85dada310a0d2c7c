/* The user address range and its safety check (see vmio/user_range.h). */
#include "extable_bounds.h"
#include "range.h"
#include "user_bounds.h"

#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vmio/user_range.h"

struct vmio_user_bounds vmio_user_range = { VMIO_USER_START, VMIO_USER_END };

#ifdef VMIO_HOST
/* A host process is its own user space: vmio lies in it by design. */
/*@ assigns \nothing;
    exits \false;
    ensures \result == 0; */
static int holds_vmio(uintptr_t start, uintptr_t end)
{
	(void)start;
	(void)end;
	return 0;
}
#else
/* Whether the range in force holds vmio: 0 not yet known, 1 it does, -1 it does not. */
static int range_holds_vmio;

/*
 * Does [start, end) meet vmio's own span in memory: from the lowest to the
 * highest of its C code (this function), its assembly (the first and last
 * instructions of the exception table), its data (the range itself) and
 * its exception table?  Each address is taken PC-relative.
 */
static int holds_vmio(uintptr_t start, uintptr_t end)
{
	uintptr_t tab = (uintptr_t)__start_vmio_extable, tab_end = (uintptr_t)__stop_vmio_extable;
	const struct vmio_extable_entry *last =
		(const struct vmio_extable_entry *)(tab_end - sizeof(*last));
	int empty = tab_end <= tab;
	uintptr_t at[] = {
		(uintptr_t)&holds_vmio,
		(uintptr_t)&vmio_user_range,
		tab,
		empty ? tab : tab_end - 1, /* the table's last byte */
		empty ? tab : vmio_extable_insn(__start_vmio_extable),
		empty ? tab : vmio_extable_insn(last),
	};
	uintptr_t lo = at[0], hi = at[0];

	for (unsigned i = 1; i < sizeof(at) / sizeof(at[0]); i++) {
		lo = at[i] < lo ? at[i] : lo;
		hi = at[i] > hi ? at[i] : hi;
	}
	return start <= hi && lo < end;
}
#endif

int vmio_user_range_set(uintptr_t start, uintptr_t end)
{
	if (start >= end || holds_vmio(start, end))
		return VMIO_EINVAL;
	vmio_user_range.start = start;
	vmio_user_range.end = end;
#ifndef VMIO_HOST
	range_holds_vmio = -1;
#endif
	return 0;
}

void vmio_user_range_get(uintptr_t *start, uintptr_t *end)
{
	*start = vmio_user_range.start;
	*end = vmio_user_range.end;
}

int vmio_range_user(struct vm_range *out, uintptr_t ptr, size_t len)
{
	uintptr_t start = vmio_user_range.start, end = vmio_user_range.end;

#ifndef VMIO_HOST
	/*
	 * Only the default range can hold vmio (set refuses such ranges): then
	 * fail closed, refusing every range, until the kernel sets its own.
	 * Known once, so the check costs one load a call.  (A host process is
	 * its own user space: no check there.)
	 */
	if (!range_holds_vmio)
		range_holds_vmio = holds_vmio(start, end) ? 1 : -1;
	if (range_holds_vmio > 0)
		return VMIO_EINVAL;
#endif
	if (ptr < start || ptr > end || len > end - ptr)
		return VMIO_EINVAL;
	out->cursor = ptr;
	out->end = ptr + len;
	return 0;
}
