/* Frame segments as VmIo objects: bounds-checked copies to and from their frames. */
#include "vmio/segment.h"

/*@ requires \valid_read((struct vmio_segment *)io);
    assigns \nothing;
    ensures \result == (struct vmio_segment *)io; */
static const struct vmio_segment *seg_of(const struct vmio *io)
{
	return vmio_container_of(io, const struct vmio_segment, io);
}

/* 0 if [offset, offset+len) lies within the segment, else the error. */
/*@ requires \valid_read(seg) && seg->nframes * seg->frame_size <= SIZE_MAX;
    assigns \nothing;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW;
    ensures \result == 0 <==> offset + len <= seg->nframes * seg->frame_size; */
static int seg_check(const struct vmio_segment *seg, size_t offset, size_t len)
{
	if (offset > SIZE_MAX - len)
		return VMIO_EOVERFLOW;
	return offset + len <= vmio_segment_size(seg) ? 0 : VMIO_EINVAL;
}

/* Its contract is vmio_acsl_read's, with the frames as the object's contents. */
/*@ requires vm_segment_ok((struct vmio_segment *)io);
    requires \valid(w) && vm_inv(&w->r);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    ensures vm_inv(&w->r) && \old(w->r.cursor) <= w->r.cursor;
    ensures \result == 0 ==> w->r.cursor == w->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
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

/* Its contract is vmio_acsl_write's, with the frames as the object's contents. */
/*@ requires vm_segment_ok((struct vmio_segment *)io);
    requires \valid(r) && vm_inv(&r->r);
    assigns r->r.cursor,
            ((char *)((struct vmio_segment *)io)->base)[offset .. offset + vm_left(&r->r) - 1];
    ensures vm_inv(&r->r) && \old(r->r.cursor) <= r->r.cursor;
    ensures \result == 0 ==> r->r.cursor == r->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
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

/*@ requires vm_segment_ok((struct vmio_segment *)io);
    assigns ((char *)((struct vmio_segment *)io)->base)[offset .. offset + len - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
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
