/* Must NOT compile: an infallible writer to a user atomic, which takes a fallible one. */
#include "vmio/atomic.h"

int cas(struct vm_writer *kernel, uint32_t *old)
{
	return vm_fwriter_atomic_cmpxchg_u32(kernel, 0, 1, old);
}
