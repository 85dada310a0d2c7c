/* Must NOT compile: an infallible reader where a fallible one is required
 * (the other direction of fallible_as_infallible.c; use vm_reader_to_fallible). */
#include "vmio/reader.h"

int read_kernel_as_user(struct vm_reader *kernel, uint32_t *v)
{
	return vm_freader_read_val(kernel, v, sizeof(*v));
}
