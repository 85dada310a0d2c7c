/* The generic VmIo helpers: everything funnels into the object's read/write. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/io.h"

/*
 * The object reads into a stack buffer first when len fits VMIO_READ_BOUNCE,
 * so a failed read leaves buf unchanged; a larger buf is read in place and
 * zeroed whole after a fault.  Either way buf never holds part of a read.
 */
int vmio_read_bytes(const struct vmio *io, size_t offset, void *buf, size_t len)
{
	char bounce[VMIO_BOUNCE_ROOM];
	void *to = len > VMIO_READ_BOUNCE ? buf : bounce;
	struct vm_fwriter w = vm_writer_to_fallible(vm_writer_from_bytes(to, len));
	int err = vmio_read(io, offset, &w);

	if (err == VMIO_EFAULT && to == buf)
		__memset_fallible(buf, 0, len);
	else if (!err && to == bounce && len)
		__memcpy_fallible(buf, bounce, len);
	return err;
}

int vmio_write_bytes(const struct vmio *io, size_t offset, const void *buf, size_t len)
{
	struct vm_freader r = vm_reader_to_fallible(vm_reader_from_bytes(buf, len));

	return vmio_write(io, offset, &r);
}

int vmio_read_val(const struct vmio *io, size_t offset, void *val, size_t size)
{
	return vmio_read_bytes(io, offset, val, size);
}

int vmio_write_val(const struct vmio *io, size_t offset, const void *val, size_t size)
{
	return vmio_write_bytes(io, offset, val, size);
}

int vmio_read_slice(const struct vmio *io, size_t offset, void *vals, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return VMIO_EOVERFLOW;
	/*@ assert size != 0 ==> count * size <= (SIZE_MAX / size) * size <= SIZE_MAX; */
	return vmio_read_bytes(io, offset, vals, count * size);
}

int vmio_write_slice(const struct vmio *io, size_t offset, const void *vals, size_t count,
		     size_t size)
{
	if (size && count > SIZE_MAX / size)
		return VMIO_EOVERFLOW;
	/*@ assert size != 0 ==> count * size <= (SIZE_MAX / size) * size <= SIZE_MAX; */
	return vmio_write_bytes(io, offset, vals, count * size);
}

/* x rounded up to align (a power of two); 0 in *out is impossible, so 0 flags overflow. */
/*@ requires \valid(out) && align >= 1;
    assigns *out;
    ensures \result == 0 || \result == VMIO_EOVERFLOW;
    ensures \result == VMIO_EOVERFLOW <==> x + align - 1 > SIZE_MAX; */
static int align_up(size_t x, size_t align, size_t *out)
{
	if (x > SIZE_MAX - (align - 1))
		return VMIO_EOVERFLOW;
	*out = (x + (align - 1)) & ~(align - 1);
	return 0;
}

int vmio_write_vals(const struct vmio *io, size_t offset, const void *vals, size_t count,
		    size_t size, size_t align, size_t *written)
{
	const char *item = vals;
	size_t slot = size;
	int err = 0;

	*written = 0;
	if (align > 1) {
		if (align & (align - 1))
			return VMIO_EINVAL;
		if ((err = align_up(offset, align, &offset)) || (err = align_up(size, align, &slot)))
			return err;
	}
	/*@ loop invariant 0 <= i <= count && *written == i && err == 0;
	    loop assigns i, item, offset, err, *written, vmio_acsl_objects;
	    loop variant count - i; */
	for (size_t i = 0; i < count; i++, item += size) {
		/* Stop before a write after which the offset could not advance. */
		if (slot && offset > SIZE_MAX - slot)
			break;
		err = vmio_write_bytes(io, offset, item, size);
		if (err)
			break;
		offset += slot;
		(*written)++;
	}
	return *written ? 0 : err;
}

int vmio_fill_zeros(const struct vmio *io, size_t offset, size_t len)
{
	static const unsigned char zeros[256];

	if (offset > SIZE_MAX - len)
		return VMIO_EOVERFLOW;
	if (io->ops->fill_zeros)
		/*@ calls vmio_acsl_fill_zeros; */
		return io->ops->fill_zeros(io, offset, len);
	/* Bounds first, so that a range partly past the end writes nothing. */
	int err = vmio_write_bytes(io, offset + len, zeros, 0);

	if (err)
		return err;
	/*@ loop invariant offset + len <= SIZE_MAX;
	    loop assigns offset, len, err, vmio_acsl_objects;
	    loop variant len; */
	while (len) {
		size_t n = len < sizeof(zeros) ? len : sizeof(zeros);

		err = vmio_write_bytes(io, offset, zeros, n);
		if (err)
			return err;
		offset += n;
		len -= n;
	}
	return 0;
}
