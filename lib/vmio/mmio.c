/* MMIO windows: VmIoOnce with single accesses, VmIo with aligned chunks. */
#include "vmio/arch.h"
#include "vmio/mmio.h"

/*@ // A window as the ops see it: readable, and not wrapping around.
    predicate vm_mmio_ok(struct vmio_mmio *m) =
      \valid_read(m) && vm_fits(m->base, m->size);
    // vmio_container_of(io, struct vmio_mmio, once): once follows io.
    logic struct vmio_mmio *vm_mmio_once(struct vmio_once *io) =
      (struct vmio_mmio *)((char *)io - sizeof(struct vmio)); */

/*@ requires \valid_read((struct vmio_mmio *)io);
    assigns \nothing;
    ensures \result == (struct vmio_mmio *)io; */
static const struct vmio_mmio *mmio_of(const struct vmio *io)
{
	return vmio_container_of(io, const struct vmio_mmio, io);
}

/*@ requires \valid_read(vm_mmio_once(io));
    assigns \nothing;
    ensures \result == vm_mmio_once(io); */
static const struct vmio_mmio *mmio_of_once(const struct vmio_once *io)
{
	return vmio_container_of(io, const struct vmio_mmio, once);
}

/*@ requires \valid_read(m);
    assigns \nothing;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> offset + len > SIZE_MAX;
    ensures \result == 0 <==> offset + len <= m->size; */
static int mmio_check(const struct vmio_mmio *m, size_t offset, size_t len)
{
	if (offset > SIZE_MAX - len)
		return VMIO_EOVERFLOW;
	return offset + len <= m->size ? 0 : VMIO_EINVAL;
}

/* One load of size bytes from the window; size is 1, 2, 4 or 8. */
/*@ assigns \nothing; */
static uint64_t mmio_load(uintptr_t p, size_t size)
{
	uint64_t v;

	switch (size) {
	case 1: v = vmio_arch_load_u8((const volatile void *)p); break;
	case 2: v = vmio_arch_load_u16((const volatile void *)p); break;
	case 4: v = vmio_arch_load_u32((const volatile void *)p); break;
	default: v = vmio_arch_load_u64((const volatile void *)p); break;
	}
	return v;
}

/* One store of size bytes to the window; size is 1, 2, 4 or 8. */
/*@ requires vm_once_size(size);
    assigns p[0 .. size - 1]; */
static void mmio_store(uint8_t *p, size_t size, uint64_t v)
{
	switch (size) {
	case 1: vmio_arch_store_u8((volatile void *)p, (uint8_t)v); break;
	case 2: vmio_arch_store_u16((volatile void *)p, (uint16_t)v); break;
	case 4: vmio_arch_store_u32((volatile void *)p, (uint32_t)v); break;
	default: vmio_arch_store_u64((volatile void *)p, v); break;
	}
}

/* The window's checks of a once-access: bounds, then size and alignment. */
/*@ requires vm_mmio_ok(m);
    assigns \nothing;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> offset + size > SIZE_MAX;
    ensures \result == 0 <==> offset + size <= m->size && vm_once_size(size) &&
                              (m->base + offset) % size == 0; */
static int mmio_once_check(const struct vmio_mmio *m, size_t offset, size_t size)
{
	int err = mmio_check(m, offset, size);

	if (err)
		return err;
	if (!VMIO_IS_POD_ONCE_SIZE(size) || (m->base + offset) % size)
		return VMIO_EINVAL;
	return 0;
}

/* Its contract is the VmIoOnce one, with the window as the object. */
/*@ requires vm_mmio_ok(vm_mmio_once(io));
    requires \valid((uint8_t *)val + (0 .. size - 1));
    assigns ((uint8_t *)val)[0 .. size - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> offset + size > SIZE_MAX;
    ensures \result == 0 <==>
      offset + size <= vm_mmio_once(io)->size && vm_once_size(size) &&
      (vm_mmio_once(io)->base + offset) % size == 0;
    ensures \result != 0 ==> \forall integer i; 0 <= i < size ==>
      ((uint8_t *)val)[i] == \old(((uint8_t *)val)[i]); */
static int mmio_read_once(const struct vmio_once *io, size_t offset, void *val, size_t size)
{
	const struct vmio_mmio *m = mmio_of_once(io);
	int err = mmio_once_check(m, offset, size);

	if (err)
		return err;
	vmio_pod_once_store(val, size, mmio_load(m->base + offset, size));
	return 0;
}

/*@ requires vm_mmio_ok(vm_mmio_once(io));
    requires \valid_read((uint8_t *)val + (0 .. size - 1));
    assigns ((uint8_t *)vm_mmio_once(io)->base)[offset .. offset + size - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> offset + size > SIZE_MAX;
    ensures \result == 0 <==>
      offset + size <= vm_mmio_once(io)->size && vm_once_size(size) &&
      (vm_mmio_once(io)->base + offset) % size == 0; */
static int mmio_write_once(const struct vmio_once *io, size_t offset, const void *val, size_t size)
{
	const struct vmio_mmio *m = mmio_of_once(io);
	int err = mmio_once_check(m, offset, size);

	if (err)
		return err;
	mmio_store((uint8_t *)m->base + offset, size, vmio_pod_once_load(val, size));
	return 0;
}

/* The widest naturally aligned access at address p that fits in len bytes. */
size_t vmio_mmio_chunk(uintptr_t p, size_t len)
{
	size_t size = 8;

	/*@ loop invariant vm_once_size(size);
	    loop assigns size;
	    loop variant size; */
	while (size > 1 && (p % size || size > len))
		size /= 2;
	return size;
}

/* Its contract is vmio_acsl_read's, with the window as the object. */
/*@ requires vm_mmio_ok((struct vmio_mmio *)io);
    requires \valid(w) && vm_inv(&w->r);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    ensures vm_inv(&w->r) && \old(w->r.cursor) <= w->r.cursor;
    ensures \result == 0 ==> w->r.cursor == w->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures \result == VMIO_EOVERFLOW <==> offset + \old(vm_left(&w->r)) > SIZE_MAX;
    ensures \result == VMIO_EINVAL <==> offset + \old(vm_left(&w->r)) <= SIZE_MAX &&
      offset + \old(vm_left(&w->r)) > \old(((struct vmio_mmio *)io)->size);
    ensures \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW ==> w->r.cursor == \old(w->r.cursor); */
static int mmio_read(const struct vmio *io, size_t offset, struct vm_fwriter *w)
{
	const struct vmio_mmio *m = mmio_of(io);
	uintptr_t base;
	size_t len = vm_fwriter_avail(w), end, i, size, n;
	uint64_t v;
	uint8_t bytes[8];
	struct vm_reader r;
	int err = mmio_check(m, offset, len);

	if (err)
		return err;
	//@ admit vm_fits((uintptr_t)(uint8_t *)bytes, 8);
	base = m->base;
	end = offset + len;
	/*@ loop invariant offset <= i <= end;
	    loop invariant w->r.end == \at(w->r.end, Pre) && vm_inv(&w->r);
	    loop invariant w->r.cursor + (end - i) == w->r.end;
	    loop assigns i, size, n, v, err, r, bytes[0 .. 7], w->r.cursor,
	                 ((char *)\at(w->r.cursor, Pre))[0 .. len - 1];
	    loop variant end - i; */
	for (i = offset; i < end; i += size) {
		size = vmio_mmio_chunk(base + i, end - i);
		r = vm_reader_from_bytes(bytes, size);
		v = mmio_load(base + i, size);
		vmio_pod_once_store(bytes, size, v);
		/* The address space is flat: WP's model leaves (char *)(c + k)
		 * unrelated to (char *)c + k (docs/VERIFICATION.md). */
		//@ admit (char *)w->r.cursor == (char *)\at(w->r.cursor, Pre) + (w->r.cursor - \at(w->r.cursor, Pre));
		err = vm_reader_read_fallible(&r, w, &n);
		if (err)
			return err;
	}
	return 0;
}

/* Its contract is vmio_acsl_write's, with the window as the object. */
/*@ requires vm_mmio_ok((struct vmio_mmio *)io);
    requires \valid(r) && vm_inv(&r->r);
    assigns r->r.cursor,
            ((uint8_t *)((struct vmio_mmio *)io)->base)[offset .. offset + vm_left(&r->r) - 1];
    ensures vm_inv(&r->r) && \old(r->r.cursor) <= r->r.cursor;
    ensures \result == 0 ==> r->r.cursor == r->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures \result == VMIO_EOVERFLOW <==> offset + \old(vm_left(&r->r)) > SIZE_MAX;
    ensures \result == VMIO_EINVAL <==> offset + \old(vm_left(&r->r)) <= SIZE_MAX &&
      offset + \old(vm_left(&r->r)) > \old(((struct vmio_mmio *)io)->size);
    ensures \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW ==> r->r.cursor == \old(r->r.cursor); */
static int mmio_write(const struct vmio *io, size_t offset, struct vm_freader *r)
{
	const struct vmio_mmio *m = mmio_of(io);
	uintptr_t base;
	size_t len = vm_freader_remain(r), end, i, size, n;
	uint64_t v;
	uint8_t bytes[8];
	struct vm_writer w;
	int err = mmio_check(m, offset, len);

	if (err)
		return err;
	//@ admit vm_fits((uintptr_t)(uint8_t *)bytes, 8);
	base = m->base;
	end = offset + len;
	/*@ loop invariant offset <= i <= end;
	    loop invariant r->r.end == \at(r->r.end, Pre) && vm_inv(&r->r);
	    loop invariant r->r.cursor + (end - i) == r->r.end;
	    loop assigns i, size, n, v, err, w, bytes[0 .. 7], r->r.cursor,
	                 ((uint8_t *)base)[offset .. end - 1];
	    loop variant end - i; */
	for (i = offset; i < end; i += size) {
		size = vmio_mmio_chunk(base + i, end - i);
		w = vm_writer_from_bytes(bytes, size);
		/* Store only a chunk that was read whole from the reader. */
		err = vm_writer_write_fallible(&w, r, &n);
		if (err)
			return err;
		v = vmio_pod_once_load(bytes, size);
		mmio_store((uint8_t *)base + i, size, v);
	}
	return 0;
}

/* Zero stores in the same chunks, after the whole range is checked. */
/*@ requires vm_mmio_ok((struct vmio_mmio *)io);
    assigns ((uint8_t *)((struct vmio_mmio *)io)->base)[offset .. offset + len - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> offset + len > SIZE_MAX;
    ensures \result == 0 <==> offset + len <= ((struct vmio_mmio *)io)->size; */
static int mmio_fill_zeros(const struct vmio *io, size_t offset, size_t len)
{
	const struct vmio_mmio *m = mmio_of(io);
	uintptr_t base;
	size_t end, i, size;
	int err = mmio_check(m, offset, len);

	if (err)
		return err;
	base = m->base;
	end = offset + len;
	/*@ loop invariant offset <= i <= end;
	    loop assigns i, size, ((uint8_t *)base)[offset .. end - 1];
	    loop variant end - i; */
	for (i = offset; i < end; i += size) {
		size = vmio_mmio_chunk(base + i, end - i);
		mmio_store((uint8_t *)base + i, size, 0);
	}
	return 0;
}

static const struct vmio_ops mmio_ops = {
	.read = mmio_read,
	.write = mmio_write,
	.fill_zeros = mmio_fill_zeros,
};
static const struct vmio_once_ops mmio_once_ops = {
	.read_once = mmio_read_once,
	.write_once = mmio_write_once,
};

void vmio_mmio_init(struct vmio_mmio *m, uintptr_t base, size_t size)
{
	m->io.ops = &mmio_ops;
	m->once.ops = &mmio_once_ops;
	m->base = base;
	m->size = size;
}
