/* MUST compile: the atomics, structs and iovec readers called right. */
#include "vmio/vmio.h"

int toolkit(struct vm_freader *r, struct vm_fwriter *w, struct vm_freader_iov *it,
	    struct vm_writer *kw, struct vm_fwriter_iov *wt, struct vm_reader *kr)
{
	uint32_t v32 = 0;
	uint64_t v64 = 0;
	size_t n = 0;
	int zeroed = 0;
	char s[16];

	return vm_freader_atomic_load_u32(r, &v32) + vm_freader_atomic_load_u64(r, &v64) +
	       vm_fwriter_atomic_cmpxchg_u32(w, 1, 2, &v32) +
	       vm_fwriter_atomic_cmpxchg_u64(w, 1, 2, &v64) +
	       vm_fwriter_atomic_fetch_op_u32(w, VMIO_ATOMIC_ANDN, 1, &v32) +
	       vm_freader_read_struct(r, s, sizeof(s)) + vm_freader_check_zeroed(r, &zeroed) +
	       vm_fwriter_write_struct(w, s, sizeof(s)) + vm_freader_iov_read(it, kw, &n) +
	       vm_freader_iov_read(it, w, &n) + vm_fwriter_iov_write(wt, kr, &n) +
	       vm_fwriter_iov_write(wt, r, &n) + (int)vm_freader_iov_remain(it) +
	       (int)vm_fwriter_iov_avail(wt);
}

/* The functions keep their addresses. */
int (*const cas_fn)(struct vm_fwriter *, uint32_t, uint32_t, uint32_t *) =
	vm_fwriter_atomic_cmpxchg_u32;
