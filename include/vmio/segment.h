/*
 * A frame segment: physically contiguous frames mapped at a kernel address,
 * as a VmIo object.  The frames come from the embedder (our boot code has
 * a small frame allocator); the segment only describes them.
 */
#ifndef VMIO_SEGMENT_H
#define VMIO_SEGMENT_H

#include "vmio/io.h"

struct vmio_segment {
	struct vmio io;
	uint8_t *base;  /* kernel address of the first frame */
	size_t nframes;
	size_t frame_size;
};

/*@ // Its frames are valid kernel memory and no part of them wraps (for the proof).
    predicate vm_segment_ok(struct vmio_segment *seg) =
      \valid_read(seg) && seg->nframes * seg->frame_size <= SIZE_MAX &&
      \valid(seg->base + (0 .. seg->nframes * seg->frame_size - 1)) &&
      vm_fits((uintptr_t)seg->base, seg->nframes * seg->frame_size) &&
      \forall integer o; 0 <= o <= seg->nframes * seg->frame_size ==>
        vm_fits((uintptr_t)(seg->base + o), seg->nframes * seg->frame_size - o); */

/* Describe nframes frames of frame_size bytes at kernel address base. */
/*@ requires \valid(seg);
    assigns *seg;
    ensures seg->base == (uint8_t *)base && seg->nframes == nframes;
    ensures seg->frame_size == frame_size && \valid_read(seg->io.ops); */
void vmio_segment_init(struct vmio_segment *seg, void *base, size_t nframes, size_t frame_size);

/* Its size in bytes. */
/*@ requires \valid_read(seg) && seg->nframes * seg->frame_size <= SIZE_MAX;
    assigns \nothing;
    ensures \result == seg->nframes * seg->frame_size; */
static inline size_t vmio_segment_size(const struct vmio_segment *seg)
{
	return seg->nframes * seg->frame_size;
}

/* An infallible reader (writer) over the whole segment. */
/*@ requires vm_segment_ok(seg);
    assigns \nothing;
    ensures \result.r.cursor == (uintptr_t)seg->base;
    ensures \result.r.end - \result.r.cursor == seg->nframes * seg->frame_size; */
struct vm_reader vmio_segment_reader(const struct vmio_segment *seg);
/*@ requires vm_segment_ok(seg);
    assigns \nothing;
    ensures \result.r.cursor == (uintptr_t)seg->base;
    ensures \result.r.end - \result.r.cursor == seg->nframes * seg->frame_size; */
struct vm_writer vmio_segment_writer(const struct vmio_segment *seg);

#endif
