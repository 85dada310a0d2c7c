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
 * cursor and *len stay and buf holds no partial string, by the rule of
 * every read into a caller's buffer (VMIO_READ_BOUNCE): a buf of up to
 * that many bytes is filled through a stack buffer and is unchanged; a
 * larger one is filled in place and zeroed whole.
 */
int (vm_freader_read_cstring)(struct vm_freader *r, char *buf, size_t cap, size_t *len)
{
	char bounce[VMIO_BOUNCE_ROOM];
	char *to = cap > VMIO_READ_BOUNCE ? buf : bounce;
	size_t n;
	int err = __strncpy_fallible(to, (const char *)r->r.cursor,
				     min_size(cap, range_left(&r->r)), &n);

	if (err) {
		if (to == buf) {
			size_t left = __memset_fallible(buf, 0, cap); /* kernel memory: never faults */
			//@ assert left == 0;
			(void)left;
		}
		return err;
	}
	if (to == bounce)
		__memcpy_fallible(buf, bounce, n + 1);
	r->r.cursor += n + 1;
	*len = n;
	return 0;
}
