/*
 * An MMIO window: device registers mapped uncached at a kernel address.
 * As VmIoOnce it does exactly one load or store per call, naturally
 * aligned.  As VmIo it moves bytes in naturally aligned chunks of 8, 4, 2
 * or 1 bytes, never touching a byte outside the range asked for.
 */
#ifndef VMIO_MMIO_H
#define VMIO_MMIO_H

#include "vmio/io.h"

struct vmio_mmio {
	struct vmio io;
	struct vmio_once once;
	uintptr_t base; /* kernel address of the window */
	size_t size;
};

/*@ requires \valid(m);
    assigns *m;
    ensures m->base == base && m->size == size;
    ensures \valid_read(m->io.ops) && \valid_read(m->once.ops); */
void vmio_mmio_init(struct vmio_mmio *m, uintptr_t base, size_t size);

/* The width of the access the window makes at address p with len bytes
 * to go: the widest naturally aligned one of 8, 4, 2, 1 that fits in len
 * (1 when len is 0).  Public so that tests can check the chunks. */
/*@ assigns \nothing;
    ensures vm_once_size(\result) && p % \result == 0;
    ensures \result == 1 || \result <= len; */
size_t vmio_mmio_chunk(uintptr_t p, size_t len);

#endif
