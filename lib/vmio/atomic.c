/* Atomic accesses at the cursor of a fallible reader or writer (vmio/atomic.h). */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/atomic.h"

/* 0 when a naturally aligned word of size bytes lies at x's cursor, else VMIO_EINVAL. */
/*@ requires \valid_read(x) && vm_inv(x) && size > 0;
    assigns \nothing;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL;
    ensures \result == 0 <==> (size <= vm_left(x) && x->cursor % size == 0); */
static int atomic_check(const struct vm_range *x, size_t size)
{
	if (range_left(x) < size || x->cursor % size)
		return VMIO_EINVAL;
	return 0;
}

int (vm_freader_atomic_load_u32)(struct vm_freader *r, uint32_t *val)
{
	int err = atomic_check(&r->r, sizeof(*val));

	return err ? err : vmio_arch_load_u32_fallible((const void *)r->r.cursor, val);
}

int (vm_freader_atomic_load_u64)(struct vm_freader *r, uint64_t *val)
{
	int err = atomic_check(&r->r, sizeof(*val));

	return err ? err : vmio_arch_load_u64_fallible((const void *)r->r.cursor, val);
}

int (vm_fwriter_atomic_cmpxchg_u32)(struct vm_fwriter *w, uint32_t expected,
				    uint32_t desired, uint32_t *old)
{
	int err = atomic_check(&w->r, sizeof(*old));

	return err ? err
		   : vmio_arch_cmpxchg_u32_fallible((uint32_t *)w->r.cursor, expected, desired, old);
}

int (vm_fwriter_atomic_cmpxchg_u64)(struct vm_fwriter *w, uint64_t expected,
				    uint64_t desired, uint64_t *old)
{
	int err = atomic_check(&w->r, sizeof(*old));

	return err ? err
		   : vmio_arch_cmpxchg_u64_fallible((uint64_t *)w->r.cursor, expected, desired, old);
}

int (vm_fwriter_atomic_fetch_op_u32)(struct vm_fwriter *w, int op, uint32_t arg, uint32_t *old)
{
	uint32_t *p = (uint32_t *)w->r.cursor;
	int err = atomic_check(&w->r, sizeof(*old));

	if (err)
		return err;
	switch (op) {
	case VMIO_ATOMIC_SET: return vmio_arch_fetch_set_u32_fallible(p, arg, old);
	case VMIO_ATOMIC_ADD: return vmio_arch_fetch_add_u32_fallible(p, arg, old);
	case VMIO_ATOMIC_OR: return vmio_arch_fetch_or_u32_fallible(p, arg, old);
	case VMIO_ATOMIC_ANDN: return vmio_arch_fetch_andn_u32_fallible(p, arg, old);
	case VMIO_ATOMIC_XOR: return vmio_arch_fetch_xor_u32_fallible(p, arg, old);
	default: return VMIO_EINVAL;
	}
}
