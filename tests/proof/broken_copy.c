/*
 * A deliberately broken copy of vmio_range_copy (lib/vmio/transfer.c): the
 * cursors advance by the length asked instead of the length done.  Proven
 * against the same contract (lib/vmio/range.h), its postconditions fail;
 * the meson test wp-broken-copy expects that (should_fail).
 */
#include "range.h"
#include "vmio/arch.h"

int vmio_range_copy(struct vm_range *dst, struct vm_range *src, size_t *n)
{
	size_t len = min_size(range_left(dst), range_left(src));
	size_t done = len;

	if (len)
		done = len - __memcpy_fallible((void *)dst->cursor,
					       (const void *)src->cursor, len);
	dst->cursor += len; /* the bug: len, not done */
	src->cursor += len;
	*n = done;
	return done == len ? 0 : VMIO_EFAULT;
}
