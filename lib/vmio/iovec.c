/* Scatter/gather readers and writers over user segments (vmio/iovec.h). */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/iovec.h"

/* Check every segment and sum the lengths; 0 and *it set, or VMIO_EINVAL. */
/*@ requires \valid(it) && \valid_read(iov + (0 .. n - 1)) && \separated(it, iov + (0 .. n - 1));
    assigns *it;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL;
    ensures \result != 0 ==> *it == \old(*it);
    ensures \result == 0 ==> it->iov == iov && it->nr == n && it->off == 0;
    ensures \result == 0 ==> \forall integer i; 0 <= i < n ==>
      (iov[i].len == 0 || vm_user((uintptr_t)iov[i].base, iov[i].len));
    ensures (\exists integer i; 0 <= i < n && !(iov[i].len == 0 || vm_user((uintptr_t)iov[i].base, iov[i].len))) ==>
      \result == VMIO_EINVAL; */
static int iov_init(struct vm_iov_range *it, const struct vmio_iovec *iov, size_t n)
{
	struct vm_range seg;
	size_t total = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer j; 0 <= j < i ==> (iov[j].len == 0 || vm_user((uintptr_t)iov[j].base, iov[j].len));
	    loop assigns i, total, seg;
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++) {
		if (!iov[i].len) /* never accessed: { NULL, 0 } is fine, as in Linux readv */
			continue;
		if (vmio_range_user(&seg, (uintptr_t)iov[i].base, iov[i].len) ||
		    iov[i].len > SIZE_MAX - total)
			return VMIO_EINVAL;
		total += iov[i].len;
	}
	*it = (struct vm_iov_range){ iov, n, 0, total };
	return 0;
}

int (vm_freader_iov_init)(struct vm_freader_iov *it, const struct vmio_iovec *iov, size_t n)
{
	return iov_init(&it->r, iov, n);
}

int (vm_fwriter_iov_init)(struct vm_fwriter_iov *it, const struct vmio_iovec *iov, size_t n)
{
	return iov_init(&it->r, iov, n);
}

/*
 * Copy min(it->left, left of x) bytes between the segments and x (into the
 * segments when to_iov), segment by segment with the fallible copy; *n the
 * count, by which both advance.  0, or VMIO_EFAULT at the first short copy.
 */
static int iov_copy(struct vm_iov_range *it, struct vm_range *x, int to_iov, size_t *n)
{
	size_t done = 0;
	int err = 0;

	while (it->left && range_left(x)) {
		const struct vmio_iovec *seg = it->iov;
		struct vm_range u = { (uintptr_t)seg->base + it->off,
				      (uintptr_t)seg->base + seg->len };
		size_t k;

		if (it->off == seg->len) { /* done, or empty: the next one */
			it->iov++;
			it->nr--;
			it->off = 0;
			continue;
		}
		err = to_iov ? vmio_range_copy(&u, x, &k) : vmio_range_copy(x, &u, &k);
		it->off += k;
		it->left -= k;
		done += k;
		if (err)
			break;
	}
	*n = done;
	return err;
}

int (vm_freader_iov_read_to)(struct vm_freader_iov *it, struct vm_writer *w, size_t *n)
{
	return iov_copy(&it->r, &w->r, 0, n);
}

int (vm_freader_iov_read_to_f)(struct vm_freader_iov *it, struct vm_fwriter *w, size_t *n)
{
	return iov_copy(&it->r, &w->r, 0, n);
}

int (vm_fwriter_iov_write_from)(struct vm_fwriter_iov *it, struct vm_reader *r, size_t *n)
{
	return iov_copy(&it->r, &r->r, 1, n);
}

int (vm_fwriter_iov_write_from_f)(struct vm_fwriter_iov *it, struct vm_freader *r, size_t *n)
{
	return iov_copy(&it->r, &r->r, 1, n);
}

int (vm_freader_read_iovec)(struct vm_freader *r, struct vmio_iovec *iov, size_t n)
{
	size_t size;

	if (n > SIZE_MAX / sizeof(*iov))
		return VMIO_EINVAL;
	size = n * sizeof(*iov);
	if (range_left(&r->r) < size)
		return VMIO_EINVAL;
	if (size && __memcpy_fallible(iov, (const void *)r->r.cursor, size)) {
		__memset_fallible(iov, 0, size); /* no partial array */
		return VMIO_EFAULT;
	}
	r->r.cursor += size;
	return 0;
}
