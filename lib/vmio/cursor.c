/* Constructing readers and writers, and moving their cursors. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/panic.h"

struct vm_range vmio_range_kernel(uintptr_t ptr, size_t len)
{
	struct vm_range x = { ptr, ptr + len };

	if (x.end < ptr) {
		vmio_panic("vmio: kernel range wraps around the address space");
		x.end = ptr;
	}
	return x;
}

struct vm_reader vm_reader_from_kernel_space(const void *ptr, size_t len)
{
	return (struct vm_reader){ vmio_range_kernel((uintptr_t)ptr, len) };
}

struct vm_writer vm_writer_from_kernel_space(void *ptr, size_t len)
{
	return (struct vm_writer){ vmio_range_kernel((uintptr_t)ptr, len) };
}

struct vm_reader vm_reader_from_bytes(const void *buf, size_t len)
{
	return vm_reader_from_kernel_space(buf, len);
}

struct vm_writer vm_writer_from_bytes(void *buf, size_t len)
{
	return vm_writer_from_kernel_space(buf, len);
}

int (vm_freader_from_user_space)(struct vm_freader *out, const void *ptr, size_t len)
{
	return vmio_range_user(&out->r, (uintptr_t)ptr, len);
}

int (vm_fwriter_from_user_space)(struct vm_fwriter *out, void *ptr, size_t len)
{
	return vmio_range_user(&out->r, (uintptr_t)ptr, len);
}

struct vm_freader vm_reader_to_fallible(struct vm_reader r)
{
	return (struct vm_freader){ r.r };
}

struct vm_fwriter vm_writer_to_fallible(struct vm_writer w)
{
	return (struct vm_fwriter){ w.r };
}

static void range_skip(struct vm_range *x, size_t n)
{
	if (n > range_left(x)) {
		vmio_panic("vmio: skip past the end");
		return;
	}
	x->cursor += n;
}

#define VMIO_SKIP(type)                                  \
	struct type *(type##_skip)(struct type *x, size_t n) \
	{                                                  \
		range_skip(&x->r, n);                      \
		return x;                                  \
	}

VMIO_SKIP(vm_reader)
VMIO_SKIP(vm_freader)
VMIO_SKIP(vm_writer)
VMIO_SKIP(vm_fwriter)
