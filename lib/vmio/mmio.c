/* MMIO windows: VmIoOnce with single accesses, VmIo with aligned chunks. */
#include "vmio/arch.h"
#include "vmio/mmio.h"

/*@ requires \valid_read(m);
    assigns \nothing;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
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
	switch (size) {
	case 1: return vmio_arch_load_u8((const volatile void *)p);
	case 2: return vmio_arch_load_u16((const volatile void *)p);
	case 4: return vmio_arch_load_u32((const volatile void *)p);
	default: return vmio_arch_load_u64((const volatile void *)p);
	}
}

/*@ assigns *(uint8_t *)p, *(uint16_t *)p, *(uint32_t *)p, *(uint64_t *)p; */
static void mmio_store(uintptr_t p, size_t size, uint64_t v)
{
	switch (size) {
	case 1: vmio_arch_store_u8((volatile void *)p, (uint8_t)v); break;
	case 2: vmio_arch_store_u16((volatile void *)p, (uint16_t)v); break;
	case 4: vmio_arch_store_u32((volatile void *)p, (uint32_t)v); break;
	default: vmio_arch_store_u64((volatile void *)p, v); break;
	}
}

static int mmio_read_once(const struct vmio_once *io, size_t offset, void *val, size_t size)
{
	const struct vmio_mmio *m = vmio_container_of(io, const struct vmio_mmio, once);
	int err = mmio_check(m, offset, size);

	if (err)
		return err;
	if (!VMIO_IS_POD_ONCE_SIZE(size) || (m->base + offset) % size)
		return VMIO_EINVAL;
	vmio_pod_once_store(val, size, mmio_load(m->base + offset, size));
	return 0;
}

static int mmio_write_once(const struct vmio_once *io, size_t offset, const void *val, size_t size)
{
	const struct vmio_mmio *m = vmio_container_of(io, const struct vmio_mmio, once);
	int err = mmio_check(m, offset, size);

	if (err)
		return err;
	if (!VMIO_IS_POD_ONCE_SIZE(size) || (m->base + offset) % size)
		return VMIO_EINVAL;
	mmio_store(m->base + offset, size, vmio_pod_once_load(val, size));
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

static int mmio_read(const struct vmio *io, size_t offset, struct vm_fwriter *w)
{
	const struct vmio_mmio *m = vmio_container_of(io, const struct vmio_mmio, io);
	size_t len = vm_fwriter_avail(w);
	int err = mmio_check(m, offset, len);

	for (uintptr_t p = m->base + offset; !err && len;) {
		size_t size = vmio_mmio_chunk(p, len), n;
		uint8_t bytes[8];
		struct vm_reader r = vm_reader_from_bytes(bytes, size);

		vmio_pod_once_store(bytes, size, mmio_load(p, size));
		err = vm_reader_read_fallible(&r, w, &n);
		p += size;
		len -= size;
	}
	return err;
}

static int mmio_write(const struct vmio *io, size_t offset, struct vm_freader *r)
{
	const struct vmio_mmio *m = vmio_container_of(io, const struct vmio_mmio, io);
	size_t len = vm_freader_remain(r);
	int err = mmio_check(m, offset, len);

	for (uintptr_t p = m->base + offset; !err && len;) {
		size_t size = vmio_mmio_chunk(p, len), n;
		uint8_t bytes[8];
		struct vm_writer w = vm_writer_from_bytes(bytes, size);

		/* Store only a chunk that was read whole from the reader. */
		err = vm_writer_write_fallible(&w, r, &n);
		if (!err)
			mmio_store(p, size, vmio_pod_once_load(bytes, size));
		p += size;
		len -= size;
	}
	return err;
}

/* Zero stores in the same chunks, after the whole range is checked. */
static int mmio_fill_zeros(const struct vmio *io, size_t offset, size_t len)
{
	const struct vmio_mmio *m = vmio_container_of(io, const struct vmio_mmio, io);
	int err = mmio_check(m, offset, len);

	for (uintptr_t p = m->base + offset; !err && len;) {
		size_t size = vmio_mmio_chunk(p, len);

		mmio_store(p, size, 0);
		p += size;
		len -= size;
	}
	return err;
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
