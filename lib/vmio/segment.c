/* Frame segments as VmIo objects: bounds-checked copies to and from their frames. */
#include "vmio/segment.h"

static const struct vmio_segment *seg_of(const struct vmio *io)
{
	return vmio_container_of(io, const struct vmio_segment, io);
}

/* 0 if [offset, offset+len) lies within the segment, else the error. */
static int seg_check(const struct vmio_segment *seg, size_t offset, size_t len)
{
	if (offset > SIZE_MAX - len)
		return VMIO_EOVERFLOW;
	return offset + len <= vmio_segment_size(seg) ? 0 : VMIO_EINVAL;
}

static int seg_read(const struct vmio *io, size_t offset, struct vm_fwriter *w)
{
	const struct vmio_segment *seg = seg_of(io);
	size_t len = vm_fwriter_avail(w), n;
	struct vm_reader r;
	int err = seg_check(seg, offset, len);

	if (err)
		return err;
	r = vm_reader_from_kernel_space(seg->base + offset, len);
	return vm_reader_read_fallible(&r, w, &n);
}

static int seg_write(const struct vmio *io, size_t offset, struct vm_freader *r)
{
	const struct vmio_segment *seg = seg_of(io);
	size_t len = vm_freader_remain(r), n;
	struct vm_writer w;
	int err = seg_check(seg, offset, len);

	if (err)
		return err;
	w = vm_writer_from_kernel_space(seg->base + offset, len);
	return vm_writer_write_fallible(&w, r, &n);
}

static int seg_fill_zeros(const struct vmio *io, size_t offset, size_t len)
{
	const struct vmio_segment *seg = seg_of(io);
	struct vm_writer w;
	int err = seg_check(seg, offset, len);

	if (err)
		return err;
	w = vm_writer_from_kernel_space(seg->base + offset, len);
	vm_writer_fill_zeros(&w, len);
	return 0;
}

static const struct vmio_ops segment_ops = {
	.read = seg_read,
	.write = seg_write,
	.fill_zeros = seg_fill_zeros,
};

void vmio_segment_init(struct vmio_segment *seg, void *base, size_t nframes, size_t frame_size)
{
	seg->io.ops = &segment_ops;
	seg->base = base;
	seg->nframes = nframes;
	seg->frame_size = frame_size;
}

struct vm_reader vmio_segment_reader(const struct vmio_segment *seg)
{
	return vm_reader_from_kernel_space(seg->base, vmio_segment_size(seg));
}

struct vm_writer vmio_segment_writer(const struct vmio_segment *seg)
{
	return vm_writer_from_kernel_space(seg->base, vmio_segment_size(seg));
}
