/* The user address range and its safety check (see vmio/user_range.h). */
#include "extable_bounds.h"
#include "range.h"

#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vmio/panic.h"
#include "vmio/user_range.h"

static struct {
	uintptr_t start, end;
} user_range = { VMIO_USER_START, VMIO_USER_END };

#ifdef VMIO_HOST
/* A host process is its own user space: vmio lies in it by design. */
static int holds_vmio(uintptr_t start, uintptr_t end)
{
	(void)start;
	(void)end;
	return 0;
}
#else
static int holds(uintptr_t start, uintptr_t end, uintptr_t p)
{
	return start <= p && p < end;
}

static int holds_vmio(uintptr_t start, uintptr_t end)
{
	uintptr_t tab = (uintptr_t)__start_vmio_extable;
	uintptr_t tab_end = (uintptr_t)__stop_vmio_extable;

	return holds(start, end, (uintptr_t)&__memcpy_fallible) ||
	       holds(start, end, (uintptr_t)&vmio_user_range_set) ||
	       holds(start, end, (uintptr_t)&user_range) ||
	       (tab < tab_end && start < tab_end && tab < end);
}
#endif

int vmio_user_range_set(uintptr_t start, uintptr_t end)
{
	if (start >= end || holds_vmio(start, end))
		return VMIO_EINVAL;
	user_range.start = start;
	user_range.end = end;
	return 0;
}

void vmio_user_range_get(uintptr_t *start, uintptr_t *end)
{
	*start = user_range.start;
	*end = user_range.end;
}

int vmio_range_user(struct vm_range *out, uintptr_t ptr, size_t len)
{
	uintptr_t start = user_range.start, end = user_range.end;

	if (holds_vmio(start, end)) {
		/* Only the default range can get here: set refuses such ranges. */
		vmio_panic("vmio: the user range holds vmio itself: call vmio_user_range_set");
		return VMIO_EINVAL;
	}
	if (ptr < start || ptr > end || len > end - ptr)
		return VMIO_EINVAL;
	out->cursor = ptr;
	out->end = ptr + len;
	return 0;
}
