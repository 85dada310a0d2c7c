/* Must NOT compile: VmIo reads into a fallible writer only. */
#include "vmio/io.h"

int read_object(const struct vmio *io, struct vm_writer *kernel)
{
	return vmio_read(io, 0, kernel);
}
