/* MUST compile: the same includes and calls done right (proves the harness). */
#include "vmio/io.h"
#include "vmio/reader.h"

struct eight {
	uint64_t v;
};

int read_eight(struct vm_reader *r, struct eight *v, struct vm_writer *w)
{
	return vm_reader_read_once(r, v) + (int)vm_reader_read(r, w);
}

/* The checking macros leave the functions' names and addresses alone. */
size_t (*const read_fn)(struct vm_reader *, struct vm_writer *) = vm_reader_read;
int (*const read_val_fn)(struct vm_freader *, void *, size_t) = &vm_freader_read_val;

/* A pointer to const where the method takes one; the infallible-to-fallible
 * conversion; VmIo into a fallible writer. */
size_t left(const struct vm_reader *r, struct vm_fwriter *fw, const struct vmio *io)
{
	struct vm_freader fr = vm_reader_to_fallible(*r);
	size_t n = 0;

	(void)vm_freader_read_fallible(&fr, fw, &n);
	return vm_reader_remain(r) + n +
	       (size_t)vmio_read(io, 0, fw);
}
