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

/* Describe nframes frames of frame_size bytes at kernel address base. */
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
struct vm_reader vmio_segment_reader(const struct vmio_segment *seg);
struct vm_writer vmio_segment_writer(const struct vmio_segment *seg);

#endif
