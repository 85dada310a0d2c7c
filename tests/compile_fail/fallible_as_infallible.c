/* Must NOT compile: a fallible reader where an infallible one is required. */
#include "vmio/reader.h"

size_t read_user(struct vm_freader *user, struct vm_writer *kernel)
{
	return vm_reader_read(user, kernel);
}
