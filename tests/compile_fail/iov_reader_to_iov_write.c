/* Must NOT compile: an iovec reader where the iovec writer takes a reader or writer of the ordinary kinds. */
#include "vmio/iovec.h"

int gather(struct vm_fwriter_iov *out, struct vm_freader_iov *in, size_t *n)
{
	return vm_fwriter_iov_write(out, in, n);
}
