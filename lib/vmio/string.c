/* NUL-terminated strings from memory that may fault: strnlen and read_cstring. */
#include "range.h"
#include "vmio/arch.h"

/*
 * The length of the string at the cursor, looking at no more than
 * min(max, remain) bytes.  0 with *len set; VMIO_ENAMETOOLONG when no NUL
 * lies there, VMIO_EFAULT on a fault, both with *len untouched.  The
 * cursor never moves.
 */
int (vm_freader_strnlen)(struct vm_freader *r, size_t max, size_t *len)
{
	size_t n;
	int err = __strnlen_fallible((const char *)r->r.cursor,
				     min_size(max, range_left(&r->r)), &n);

	if (!err)
		*len = n;
	return err;
}

/*
 * Copy the string at the cursor and its NUL into buf; *len its length and
 * the cursor moves past the NUL.  VMIO_ENAMETOOLONG when no NUL lies within
 * min(cap, remain) bytes, VMIO_EFAULT on a fault.  On either error the
 * cursor and *len stay, and the bytes of buf the copy wrote (exactly those
 * it reports) are zeroed again: buf holds zeros where it held the string's
 * first bytes, and is unchanged past them.
 */
int (vm_freader_read_cstring)(struct vm_freader *r, char *buf, size_t cap, size_t *len)
{
	size_t n;
	int err = __strncpy_fallible(buf, (const char *)r->r.cursor,
				     min_size(cap, range_left(&r->r)), &n);

	if (err) {
		if (n)
			__memset_fallible(buf, 0, n); /* kernel memory: never faults */
		return err;
	}
	r->r.cursor += n + 1;
	*len = n;
	return 0;
}
