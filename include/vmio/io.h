/*
 * VmIo and VmIoOnce: interfaces of VM objects (frame segments, MMIO
 * windows, ...) as tables of function pointers, with the seed's generic
 * helpers on top.  An object embeds struct vmio (and/or struct vmio_once)
 * and its ops recover the object with container_of-style arithmetic.
 *
 * There are no short transfers: an access that cannot be done whole is an
 * error.  Errors: VMIO_EINVAL (out of bounds, bad alignment), VMIO_EOVERFLOW
 * (offset + length overflows), VMIO_EFAULT (a fault on the other side).
 */
#ifndef VMIO_IO_H
#define VMIO_IO_H

#include <stddef.h>

#include "vmio/pod.h"
#include "vmio/reader.h"

struct vmio;

struct vmio_ops {
	/* Read w's whole avail from offset on; w's cursor advances by what was copied. */
	int (*read)(const struct vmio *io, size_t offset, struct vm_fwriter *w);
	/* Write r's whole remain at offset; r's cursor advances by what was copied.
	 * With nothing to write it must still refuse an offset past the end:
	 * vmio_fill_zeros checks its bounds that way. */
	int (*write)(const struct vmio *io, size_t offset, struct vm_freader *r);
	/* Optional: write len zero bytes at offset, all or nothing. */
	int (*fill_zeros)(const struct vmio *io, size_t offset, size_t len);
};

struct vmio {
	const struct vmio_ops *ops;
};

#ifdef __FRAMAC__
/*
 * The contract every object's read and write keep (the seed's
 * obeys_vmio_read_spec / obeys_vmio_write_spec): no short transfers.  The
 * proofs of the helpers below hold for an object whose ops are these
 * (vm_obeys_vmio); vmio_acsl_objects stands for the objects' contents.
 */
/*@ ghost int vmio_acsl_objects; */
/*@ requires \valid_read(io) && \valid(w) && vm_inv(&w->r);
    assigns w->r.cursor, vmio_acsl_objects, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    ensures vm_inv(&w->r) && \old(w->r.cursor) <= w->r.cursor;
    ensures \result == 0 ==> w->r.cursor == w->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
int vmio_acsl_read(const struct vmio *io, size_t offset, struct vm_fwriter *w);
/*@ requires \valid_read(io) && \valid(r) && vm_inv(&r->r);
    assigns r->r.cursor, vmio_acsl_objects;
    ensures vm_inv(&r->r) && \old(r->r.cursor) <= r->r.cursor;
    ensures \result == 0 ==> r->r.cursor == r->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
int vmio_acsl_write(const struct vmio *io, size_t offset, struct vm_freader *r);
/*@ requires \valid_read(io);
    assigns vmio_acsl_objects;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
int vmio_acsl_fill_zeros(const struct vmio *io, size_t offset, size_t len);
/*@ predicate vm_obeys_vmio(struct vmio *io) =
      \valid_read(io) && \valid_read(io->ops) &&
      io->ops->read == &vmio_acsl_read && io->ops->write == &vmio_acsl_write &&
      (io->ops->fill_zeros == \null || io->ops->fill_zeros == &vmio_acsl_fill_zeros); */
#endif

/*@ requires vm_obeys_vmio(io) && \valid(w) && vm_inv(&w->r);
    assigns w->r.cursor, vmio_acsl_objects, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    ensures vm_inv(&w->r) && \old(w->r.cursor) <= w->r.cursor;
    ensures \result == 0 ==> w->r.cursor == w->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
static inline int vmio_read(const struct vmio *io, size_t offset, struct vm_fwriter *w)
{
	/*@ calls vmio_acsl_read; */
	return io->ops->read(io, offset, w);
}

/*@ requires vm_obeys_vmio(io) && \valid(r) && vm_inv(&r->r);
    assigns r->r.cursor, vmio_acsl_objects;
    ensures vm_inv(&r->r) && \old(r->r.cursor) <= r->r.cursor;
    ensures \result == 0 ==> r->r.cursor == r->r.end;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
static inline int vmio_write(const struct vmio *io, size_t offset, struct vm_freader *r)
{
	/*@ calls vmio_acsl_write; */
	return io->ops->write(io, offset, r);
}
#define vmio_read(io, offset, w) vmio_read((io), (offset), VMIO_ONLY(vm_fwriter, w))
#define vmio_write(io, offset, r) vmio_write((io), (offset), VMIO_ONLY(vm_freader, r))

/* len bytes between the object at offset and the kernel buffer buf. */
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects, ((char *)buf)[0 .. len - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures kept: \result != 0 && len <= VMIO_READ_BOUNCE ==> vm_kept{Old, Here}((char *)buf, len);
    ensures zeroed: \result == VMIO_EFAULT && len > VMIO_READ_BOUNCE &&
      \at(\valid((char *)buf + (0 .. len - 1)), Pre) ==> vm_zero((char *)buf, len); */
int vmio_read_bytes(const struct vmio *io, size_t offset, void *buf, size_t len);
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
int vmio_write_bytes(const struct vmio *io, size_t offset, const void *buf, size_t len);

/* One Pod value of size bytes. */
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects, ((char *)val)[0 .. size - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures kept: \result != 0 && size <= VMIO_READ_BOUNCE ==> vm_kept{Old, Here}((char *)val, size);
    ensures zeroed: \result == VMIO_EFAULT && size > VMIO_READ_BOUNCE &&
      \at(\valid((char *)val + (0 .. size - 1)), Pre) ==> vm_zero((char *)val, size); */
int vmio_read_val(const struct vmio *io, size_t offset, void *val, size_t size);
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT; */
int vmio_write_val(const struct vmio *io, size_t offset, const void *val, size_t size);

/* count Pod values of size bytes each; VMIO_EOVERFLOW if count * size overflows. */
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects, ((char *)vals)[0 .. count * size - 1];
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures count * size > SIZE_MAX ==> \result == VMIO_EOVERFLOW;
    ensures kept: \result != 0 && count * size <= VMIO_READ_BOUNCE ==>
      vm_kept{Old, Here}((char *)vals, count * size);
    ensures zeroed: \result == VMIO_EFAULT && count * size > VMIO_READ_BOUNCE &&
      \at(\valid((char *)vals + (0 .. count * size - 1)), Pre) ==>
      vm_zero((char *)vals, count * size); */
int vmio_read_slice(const struct vmio *io, size_t offset, void *vals, size_t count, size_t size);
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures count * size > SIZE_MAX ==> \result == VMIO_EOVERFLOW; */
int vmio_write_slice(const struct vmio *io, size_t offset, const void *vals, size_t count,
		     size_t size);

/*
 * Write count values of size bytes, one after another from offset.  With
 * align > 1 (a power of two, else VMIO_EINVAL) offset and each item's slot
 * are rounded up to it.  Stops at the first failed write: *written gets the
 * number written, and the result is 0 if any was written, else that error.
 */
/*@ requires vm_obeys_vmio(io) && \valid(written);
    assigns vmio_acsl_objects, *written;
    ensures *written <= count;
    ensures *written > 0 ==> \result == 0;
    ensures \result != 0 ==> *written == 0;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures align > 1 && !vm_pow2(align) ==> \result == VMIO_EINVAL; */
int vmio_write_vals(const struct vmio *io, size_t offset, const void *vals, size_t count,
		    size_t size, size_t align, size_t *written);

/* Write len zero bytes at offset, all or nothing: the object's own
 * fill_zeros if it has one, else a zero-length write at offset + len to
 * check the bounds and then writes of a zero buffer. */
/*@ requires vm_obeys_vmio(io);
    assigns vmio_acsl_objects;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EOVERFLOW || \result == VMIO_EFAULT;
    ensures offset + len > SIZE_MAX ==> \result == VMIO_EOVERFLOW; */
int vmio_fill_zeros(const struct vmio *io, size_t offset, size_t len);

struct vmio_once;

struct vmio_once_ops {
	/* One load (store) of a size-byte PodOnce at offset, size 1, 2, 4 or 8. */
	int (*read_once)(const struct vmio_once *io, size_t offset, void *val, size_t size);
	int (*write_once)(const struct vmio_once *io, size_t offset, const void *val, size_t size);
};

struct vmio_once {
	const struct vmio_once_ops *ops;
};

/* *val is the PodOnce value read or written (1, 2, 4 or 8 bytes, else a compile error). */
#define vmio_read_once(io, offset, val) \
	((io)->ops->read_once((io), (offset), (val), VMIO_POD_ONCE_SIZE(*(val))))
#define vmio_write_once(io, offset, val) \
	((io)->ops->write_once((io), (offset), (val), VMIO_POD_ONCE_SIZE(*(val))))

/* The object that contains member `member` at address ptr. */
#define vmio_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif
