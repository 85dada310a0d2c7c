/* Once-accesses at a reader's or writer's cursor: one instruction each. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/panic.h"

/* Checks shared by loads and stores: VMIO_EINVAL, or 0 to go ahead. */
/*@ requires \valid_read(x) && vm_inv(x);
    assigns \nothing;
    ensures \result == 0 || \result == VMIO_EINVAL;
    ensures \result == 0 <==> (vm_once_size(size) && size <= vm_left(x) && x->cursor % size == 0); */
static int once_check(const struct vm_range *x, size_t size, int fallible)
{
	if (!VMIO_IS_POD_ONCE_SIZE(size) || range_left(x) < size)
		return VMIO_EINVAL;
	if (x->cursor % size) {
		if (!fallible)
			vmio_panic("vmio: once-access at a misaligned kernel address");
		return VMIO_EINVAL;
	}
	return 0;
}

int vmio_range_load_once(struct vm_range *x, void *val, size_t size, int fallible)
{
	const void *p = (const void *)x->cursor;
	uint64_t v = 0;
	int err = once_check(x, size, fallible);

	if (err)
		return err;
	if (fallible) {
		uint8_t b;
		uint16_t h;
		uint32_t w;

		switch (size) {
		case 1: err = vmio_arch_load_u8_fallible(p, &b); v = b; break;
		case 2: err = vmio_arch_load_u16_fallible(p, &h); v = h; break;
		case 4: err = vmio_arch_load_u32_fallible(p, &w); v = w; break;
		default: err = vmio_arch_load_u64_fallible(p, &v); break;
		}
		if (err)
			return err;
	} else {
		switch (size) {
		case 1: v = vmio_arch_load_u8(p); break;
		case 2: v = vmio_arch_load_u16(p); break;
		case 4: v = vmio_arch_load_u32(p); break;
		default: v = vmio_arch_load_u64(p); break;
		}
	}
	vmio_pod_once_store(val, size, v);
	x->cursor += size;
	return 0;
}

int vmio_range_store_once(struct vm_range *x, const void *val, size_t size, int fallible)
{
	void *p = (void *)x->cursor;
	uint64_t v;
	int err = once_check(x, size, fallible);

	if (err)
		return err;
	v = vmio_pod_once_load(val, size);
	if (fallible) {
		switch (size) {
		case 1: err = vmio_arch_store_u8_fallible(p, (uint8_t)v); break;
		case 2: err = vmio_arch_store_u16_fallible(p, (uint16_t)v); break;
		case 4: err = vmio_arch_store_u32_fallible(p, (uint32_t)v); break;
		default: err = vmio_arch_store_u64_fallible(p, v); break;
		}
		if (err)
			return err;
	} else {
		switch (size) {
		case 1: vmio_arch_store_u8(p, (uint8_t)v); break;
		case 2: vmio_arch_store_u16(p, (uint16_t)v); break;
		case 4: vmio_arch_store_u32(p, (uint32_t)v); break;
		default: vmio_arch_store_u64(p, v); break;
		}
	}
	x->cursor += size;
	return 0;
}

int (vm_reader_read_once_n)(struct vm_reader *r, void *val, size_t size)
{
	return vmio_range_load_once(&r->r, val, size, 0);
}

int (vm_writer_write_once_n)(struct vm_writer *w, const void *val, size_t size)
{
	return vmio_range_store_once(&w->r, val, size, 0);
}

int (vm_freader_read_once_n)(struct vm_freader *r, void *val, size_t size)
{
	return vmio_range_load_once(&r->r, val, size, 1);
}

int (vm_fwriter_write_once_n)(struct vm_fwriter *w, const void *val, size_t size)
{
	return vmio_range_store_once(&w->r, val, size, 1);
}
