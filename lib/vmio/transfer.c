/* Copies between readers and writers, whole values, fills and collect. */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/panic.h"

int vmio_range_copy(struct vm_range *dst, struct vm_range *src, size_t *n)
{
	size_t len = min_size(range_left(dst), range_left(src));
	size_t done = len;

	if (len)
		done = len - __memcpy_fallible((void *)dst->cursor,
					       (const void *)src->cursor, len);
	dst->cursor += done;
	src->cursor += done;
	*n = done;
	return done == len ? 0 : VMIO_EFAULT;
}

/* Kernel memory does not fault: the count is always min(remain, avail). */
size_t (vm_reader_read)(struct vm_reader *r, struct vm_writer *w)
{
	size_t n;

	vmio_range_copy(&w->r, &r->r, &n);
	return n;
}

size_t (vm_writer_write)(struct vm_writer *w, struct vm_reader *r)
{
	return vm_reader_read(r, w);
}

int (vm_freader_read_fallible_to)(struct vm_freader *r, struct vm_writer *w, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

int (vm_freader_read_fallible_to_f)(struct vm_freader *r, struct vm_fwriter *w, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

int (vm_reader_read_fallible)(struct vm_reader *r, struct vm_fwriter *w, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

int (vm_fwriter_write_fallible_from)(struct vm_fwriter *w, struct vm_reader *r, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

int (vm_fwriter_write_fallible_from_f)(struct vm_fwriter *w, struct vm_freader *r, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

int (vm_writer_write_fallible)(struct vm_writer *w, struct vm_freader *r, size_t *n)
{
	return vmio_range_copy(&w->r, &r->r, n);
}

/*
 * Move size bytes between x's cursor and the kernel buffer val (to_x: into
 * x).  VMIO_EINVAL if fewer are left; on a fault the cursor rolls back.
 */
/*@ requires \valid(x) && vm_inv(x) && vm_buf_read((char *)val, size);
    requires to_x == 0 ==> \valid((char *)val + (0 .. size - 1));
    assigns x->cursor, ((char *)(to_x ? x->cursor : (uintptr_t)val))[0 .. size - 1];
    exits \false;
    ensures vm_inv(x);
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result == 0 ==> x->cursor == \old(x->cursor) + size;
    ensures \result != 0 ==> x->cursor == \old(x->cursor);
    ensures \result == VMIO_EINVAL <==> \old(vm_left(x)) < size;
    behavior readable:
      assumes to_x == 0 && size <= vm_left(x);
      assumes \valid_read((char *)x->cursor + (0 .. size - 1));
      ensures \result == 0;
    behavior writable:
      assumes to_x != 0 && size <= vm_left(x);
      assumes \valid((char *)x->cursor + (0 .. size - 1));
      ensures \result == 0; */
static int range_val(struct vm_range *x, void *val, size_t size, int to_x)
{
	struct vm_range kernel = { (uintptr_t)val, (uintptr_t)val + size };
	uintptr_t start = x->cursor;
	size_t n;
	int err;

	if (range_left(x) < size)
		return VMIO_EINVAL;
	err = to_x ? vmio_range_copy(x, &kernel, &n) : vmio_range_copy(&kernel, x, &n);
	if (err)
		x->cursor = start;
	return err;
}

/* vmio_range_read_whole for size <= VMIO_READ_BOUNCE: val changes only on success. */
/*@ requires \valid(x) && vm_inv(x) && vm_buf((char *)val, size);
    requires size <= VMIO_READ_BOUNCE;
    assigns x->cursor, ((char *)val)[0 .. size - 1];
    exits \false;
    ensures vm_inv(x);
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result == 0 ==> x->cursor == \old(x->cursor) + size;
    ensures \result != 0 ==> x->cursor == \old(x->cursor);
    ensures \result == VMIO_EINVAL <==> \old(vm_left(x)) < size;
    ensures kept: \result != 0 ==> vm_kept{Old, Here}((char *)val, size); */
static int read_bounced(struct vm_range *x, void *val, size_t size)
{
	char bounce[VMIO_BOUNCE_ROOM];
	int err;

	/* A C object never reaches the top of the address space. */
	//@ admit vm_fits((uintptr_t)(char *)bounce, VMIO_READ_BOUNCE);
	err = range_val(x, bounce, size, 0);
	if (!err && size)
		__memcpy_fallible(val, bounce, size);
	return err;
}

/*
 * Read size bytes at x's cursor into the caller's buffer val, all or
 * nothing: on any error the cursor is where it was and val holds no byte
 * of the source.  Up to VMIO_READ_BOUNCE bytes go through a stack buffer,
 * so val is unchanged; a larger val is zeroed whole (there is no room to
 * keep its old bytes).
 */
int vmio_range_read_whole(struct vm_range *x, void *val, size_t size)
{
	int err;

	if (size <= VMIO_READ_BOUNCE)
		return read_bounced(x, val, size);
	if (range_left(x) < size)
		return VMIO_EINVAL; /* before val is touched */
	err = range_val(x, val, size, 0);
	if (err == VMIO_EFAULT) {
		size_t left = __memset_fallible(val, 0, size); /* kernel memory: never faults */
		//@ assert left == 0;
		(void)left;
	}
	return err;
}

int (vm_reader_read_val)(struct vm_reader *r, void *val, size_t size)
{
	return range_val(&r->r, val, size, 0);
}

int (vm_writer_write_val)(struct vm_writer *w, const void *val, size_t size)
{
	return range_val(&w->r, (void *)val, size, 1);
}

int (vm_freader_read_val)(struct vm_freader *r, void *val, size_t size)
{
	return vmio_range_read_whole(&r->r, val, size);
}

int (vm_fwriter_write_val)(struct vm_fwriter *w, const void *val, size_t size)
{
	return range_val(&w->r, (void *)val, size, 1);
}

/* The seed's fill_panic_condition, plus the C-only checks of size and align. */
size_t (vm_writer_fill)(struct vm_writer *w, const void *val, size_t size, size_t align)
{
	size_t avail = range_left(&w->r);
	char *start = (char *)w->r.cursor;

	if (!size || !align || (align & (align - 1)) || size % align || w->r.cursor % align ||
	    avail % size) {
		vmio_panic("vmio: fill with a misaligned cursor or a partial value");
		return 0;
	}
	/*@ loop invariant 0 <= done <= avail && done % size == 0;
	    loop assigns done, ((char *)\at(w->r.cursor, Pre))[0 .. avail - 1];
	    loop variant avail - done; */
	for (size_t done = 0; done < avail; done += size)
		__memcpy_fallible(start + done, val, size);
	w->r.cursor = w->r.end;
	return avail / size;
}

/*@ requires \valid(x) && \valid(n) && \separated(x, n) && vm_inv(x);
    assigns x->cursor, *n, ((char *)x->cursor)[0 .. vm_min(len, vm_left(x)) - 1];
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(len, \old(vm_left(x)));
    ensures \result == 0 <==> *n == vm_min(len, \old(vm_left(x)));
    ensures x->cursor == \old(x->cursor) + *n && vm_inv(x);
    behavior writable:
      assumes \valid((char *)x->cursor + (0 .. vm_min(len, vm_left(x)) - 1));
      ensures \result == 0; */
static int range_zero(struct vm_range *x, size_t len, size_t *n)
{
	size_t todo = min_size(len, range_left(x));
	size_t done = todo ? todo - __memset_fallible((void *)x->cursor, 0, todo) : 0;

	x->cursor += done;
	*n = done;
	return done == todo ? 0 : VMIO_EFAULT;
}

size_t (vm_writer_fill_zeros)(struct vm_writer *w, size_t len)
{
	size_t n;

	range_zero(&w->r, len, &n);
	return n;
}

int (vm_fwriter_fill_zeros)(struct vm_fwriter *w, size_t len, size_t *n)
{
	return range_zero(&w->r, len, n);
}

int (vm_freader_collect)(struct vm_freader *r, void *buf, size_t cap, size_t *n)
{
	size_t len = range_left(&r->r);

	int err;

	if (cap < len)
		return VMIO_EINVAL;
	err = vmio_range_read_whole(&r->r, buf, len);
	if (!err)
		*n = len;
	return err;
}

int (vm_freader_collect_alloc)(struct vm_freader *r, const struct vmio_allocator *a,
			     void **out, size_t *n)
{
	size_t len = range_left(&r->r);
	void *buf;
	int err;

	if (!len) { /* the seed's empty Vec: no allocation, malloc(0) may be NULL */
		*out = NULL;
		*n = 0;
		return 0;
	}
	/*@ calls vmio_acsl_alloc; */
	buf = a->alloc(a->ctx, len);
	if (!buf)
		return VMIO_ENOMEM;
	err = range_val(&r->r, buf, len, 0);
	if (err) {
		/*@ calls vmio_acsl_free; */
		a->free(a->ctx, buf, len);
		return err;
	}
	*out = buf;
	*n = len;
	return 0;
}
