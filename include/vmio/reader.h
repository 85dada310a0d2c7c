/*
 * Readers and writers: cursors over a range of memory, the C counterpart of
 * the seed's VmReader<F> and VmWriter<F>.
 *
 * Fallibility is in the type.  struct vm_reader / vm_writer (the seed's
 * Infallible) cover kernel memory that cannot fault; struct vm_freader /
 * vm_fwriter (Fallible) cover memory that may fault, user memory above all,
 * and every access through them goes through the fallible primitives.
 * Passing one kind where the other is required does not compile, in
 * either direction and in every compiler mode (see VMIO_ONLY below).
 *
 * Counts are exact: after a fault a cursor stands just past the last byte
 * that was really copied.  A zero-length transfer succeeds and touches no
 * memory.  Functions that can fail return 0 or a negative VMIO_E* code.
 */
#ifndef VMIO_READER_H
#define VMIO_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmio/errno.h"
#include "vmio/pod.h"

/* The state all four share: [cursor, end).  Not for direct use. */
struct vm_range {
	uintptr_t cursor;
	uintptr_t end;
};

struct vm_reader { struct vm_range r; };  /* VmReader<Infallible> */
struct vm_writer { struct vm_range r; };  /* VmWriter<Infallible> */
struct vm_freader { struct vm_range r; }; /* VmReader<Fallible> */
struct vm_fwriter { struct vm_range r; }; /* VmWriter<Fallible> */

#ifdef __FRAMAC__
#include "vmio/acsl.h" /* the predicates of the contracts below */
#endif

/* Allocation callbacks for vm_freader_collect_alloc (no allocator inside). */
struct vmio_allocator {
	void *(*alloc)(void *ctx, size_t len);  /* NULL when out of memory */
	void (*free)(void *ctx, void *p, size_t len);
	void *ctx;
};

#ifdef __FRAMAC__
/*
 * The contract an allocator's callbacks keep in the proof: alloc returns
 * NULL or len valid bytes of vmio_acsl_heap, which stands for whatever
 * memory the embedder hands out.
 */
/*@ ghost char *vmio_acsl_heap; */
/*@ assigns \nothing;
    ensures \result == \null || (vm_buf((char *)\result, len) &&
      \exists integer k; 0 <= k && (char *)\result == vmio_acsl_heap + k); */
void *vmio_acsl_alloc(void *ctx, size_t len);
/*@ assigns \nothing; */
void vmio_acsl_free(void *ctx, void *p, size_t len);
/*@ predicate vm_obeys_allocator(struct vmio_allocator *a) =
      \valid_read(a) && a->alloc == &vmio_acsl_alloc && a->free == &vmio_acsl_free; */
#endif

/* ---- constructors ---- */

/* A reader or writer over kernel memory [ptr, ptr+len).  A range that
 * wraps around the address space panics; if the hook returns, the result
 * is empty, with cursor and end at ptr. */
/*@ assigns \nothing;
    exits \false;
    ensures \result.r.cursor == (uintptr_t)ptr;
    behavior fits:
      assumes vm_fits((uintptr_t)ptr, len);
      ensures \result.r.end == (uintptr_t)ptr + len;
    behavior wraps:
      assumes !vm_fits((uintptr_t)ptr, len);
      ensures \result.r.end == (uintptr_t)ptr;
    complete behaviors;
    disjoint behaviors; */
struct vm_reader vm_reader_from_kernel_space(const void *ptr, size_t len);
/*@ assigns \nothing;
    exits \false;
    ensures \result.r.cursor == (uintptr_t)ptr;
    behavior fits:
      assumes vm_fits((uintptr_t)ptr, len);
      ensures \result.r.end == (uintptr_t)ptr + len;
    behavior wraps:
      assumes !vm_fits((uintptr_t)ptr, len);
      ensures \result.r.end == (uintptr_t)ptr;
    complete behaviors;
    disjoint behaviors; */
struct vm_writer vm_writer_from_kernel_space(void *ptr, size_t len);
/* The same over a byte buffer (the seed's From<&[u8]>). */
/*@ assigns \nothing;
    ensures \result.r.cursor == (uintptr_t)buf;
    behavior fits:
      assumes vm_fits((uintptr_t)buf, len);
      ensures \result.r.end == (uintptr_t)buf + len;
    behavior wraps:
      assumes !vm_fits((uintptr_t)buf, len);
      ensures \result.r.end == (uintptr_t)buf;
    complete behaviors;
    disjoint behaviors; */
struct vm_reader vm_reader_from_bytes(const void *buf, size_t len);
/*@ assigns \nothing;
    ensures \result.r.cursor == (uintptr_t)buf;
    behavior fits:
      assumes vm_fits((uintptr_t)buf, len);
      ensures \result.r.end == (uintptr_t)buf + len;
    behavior wraps:
      assumes !vm_fits((uintptr_t)buf, len);
      ensures \result.r.end == (uintptr_t)buf;
    complete behaviors;
    disjoint behaviors; */
struct vm_writer vm_writer_from_bytes(void *buf, size_t len);

/*
 * A reader or writer over user memory [ptr, ptr+len).  Returns VMIO_EFAULT
 * (as Linux's access_ok and Asterinas's VmSpace::reader answer EFAULT) and
 * leaves *out unchanged unless start <= ptr and ptr + len <= end without
 * wrapping, where [start, end) is the current user range
 * (vmio/user_range.h; by default [VMIO_USER_START, VMIO_USER_END)).  An
 * empty range may stand at either boundary, end included, as an empty
 * slice may stand one past the end.  On bare metal, while the user range
 * is the default and holds vmio itself, it returns VMIO_EFAULT whatever
 * the pointer (fails closed): vm_user is false for every pointer while the
 * range holds vmio (vm_holds_vmio, vmio/acsl.h).
 */
/*@ requires \valid(out);
    assigns out->r;
    behavior user:
      assumes vm_user((uintptr_t)ptr, len);
      ensures \result == 0;
      ensures out->r.cursor == (uintptr_t)ptr && out->r.end == (uintptr_t)ptr + len;
    behavior refused:
      assumes !vm_user((uintptr_t)ptr, len);
      ensures out->r.cursor == \old(out->r.cursor) && out->r.end == \old(out->r.end);
      ensures \result == VMIO_EFAULT;
    complete behaviors;
    disjoint behaviors; */
int vm_freader_from_user_space(struct vm_freader *out, const void *ptr, size_t len);
/*@ requires \valid(out);
    assigns out->r;
    behavior user:
      assumes vm_user((uintptr_t)ptr, len);
      ensures \result == 0;
      ensures out->r.cursor == (uintptr_t)ptr && out->r.end == (uintptr_t)ptr + len;
    behavior refused:
      assumes !vm_user((uintptr_t)ptr, len);
      ensures out->r.cursor == \old(out->r.cursor) && out->r.end == \old(out->r.end);
      ensures \result == VMIO_EFAULT;
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_from_user_space(struct vm_fwriter *out, void *ptr, size_t len);

/* The same cursor and end, as the fallible kind. */
/*@ assigns \nothing;
    ensures \result.r.cursor == r.r.cursor && \result.r.end == r.r.end; */
struct vm_freader vm_reader_to_fallible(struct vm_reader r);
/*@ assigns \nothing;
    ensures \result.r.cursor == w.r.cursor && \result.r.end == w.r.end; */
struct vm_fwriter vm_writer_to_fallible(struct vm_writer w);

/* ---- cursor state (the same for both kinds) ---- */

#define VMIO_CURSOR_FUNCS(type, remain)                                         \
	/* Bytes left between the cursor and the end. */                       \
	/*@ requires \valid_read(x) && vm_inv(&x->r);                           \
	    assigns \nothing;                                                   \
	    ensures \result == vm_left(&x->r); */                               \
	static inline size_t type##_##remain(const struct type *x)             \
	{                                                                       \
		return x->r.end - x->r.cursor;                                  \
	}                                                                       \
	/*@ requires \valid_read(x) && vm_inv(&x->r);                           \
	    assigns \nothing;                                                   \
	    ensures \result != 0 <==> vm_left(&x->r) > 0; */                    \
	static inline bool type##_has_##remain(const struct type *x)           \
	{                                                                       \
		return x->r.end != x->r.cursor;                                 \
	}                                                                       \
	/* Address of the next byte. */                                         \
	/*@ requires \valid_read(x);                                           \
	    assigns \nothing;                                                   \
	    ensures (char *)\result == (char *)x->r.cursor; */                  \
	static inline void *type##_cursor(const struct type *x)                \
	{                                                                       \
		return (void *)x->r.cursor;                                     \
	}                                                                       \
	/* Shrink to at most max bytes left; never grows.  Returns x. */        \
	/*@ requires \valid(x) && vm_inv(&x->r);                                \
	    assigns x->r.end;                                                   \
	    ensures \result == x && vm_inv(&x->r);                              \
	    ensures x->r.cursor == \old(x->r.cursor);                           \
	    ensures vm_left(&x->r) <= max;                                      \
	    ensures vm_left(&x->r) <= \old(vm_left(&x->r));                     \
	    ensures vm_left(&x->r) == vm_min(max, \old(vm_left(&x->r))); */      \
	static inline struct type *type##_limit(struct type *x, size_t max)    \
	{                                                                       \
		if (max < type##_##remain(x))                                   \
			x->r.end = x->r.cursor + max;                           \
		return x;                                                       \
	}                                                                       \
	/* Advance the cursor by n; n past the end panics and changes nothing. */ \
	/*@ requires \valid(x) && vm_inv(&x->r);                                \
	    assigns x->r.cursor;                                                \
	    ensures \result == x && vm_inv(&x->r);                              \
	    behavior in_range:                                                  \
	      assumes n <= vm_left(&x->r);                                      \
	      ensures x->r.cursor == \old(x->r.cursor) + n;                     \
	      ensures vm_left(&x->r) == \old(vm_left(&x->r)) - n;               \
	    behavior panics:                                                    \
	      assumes n > vm_left(&x->r);                                       \
	      ensures x->r.cursor == \old(x->r.cursor);                         \
	    complete behaviors;                                                 \
	    disjoint behaviors; */                                              \
	struct type *type##_skip(struct type *x, size_t n);

VMIO_CURSOR_FUNCS(vm_reader, remain)
VMIO_CURSOR_FUNCS(vm_freader, remain)
VMIO_CURSOR_FUNCS(vm_writer, avail)
VMIO_CURSOR_FUNCS(vm_fwriter, avail)
#undef VMIO_CURSOR_FUNCS

/*
 * Fallibility checked in every compiler mode.  Each function below that
 * takes a reader or writer also has a macro of its own name that passes
 * the argument through VMIO_ONLY: a pointer of any other type (the other
 * fallibility above all, in either direction) has no _Generic association
 * and is a hard error, not the mere warning of an incompatible pointer.
 * A function-like macro does not expand itself, so the function keeps its
 * name and its address can still be taken (write it without parentheses
 * after it, or as (name)(...)).  VMIO_ONLY_C also takes a pointer to const.
 */
#ifndef __FRAMAC__
#define VMIO_ONLY(type, x) _Generic((x), struct type *: (x))
#define VMIO_ONLY_C(type, x) _Generic((x), struct type *: (x), const struct type *: (x))
#else /* Frama-C 25 has no _Generic; the compilers still check every call. */
#define VMIO_ONLY(type, x) (x)
#define VMIO_ONLY_C(type, x) (x)
#endif

#define vm_reader_remain(x) vm_reader_remain(VMIO_ONLY_C(vm_reader, x))
#define vm_reader_has_remain(x) vm_reader_has_remain(VMIO_ONLY_C(vm_reader, x))
#define vm_reader_cursor(x) vm_reader_cursor(VMIO_ONLY_C(vm_reader, x))
#define vm_reader_limit(x, max) vm_reader_limit(VMIO_ONLY(vm_reader, x), (max))
#define vm_reader_skip(x, n) vm_reader_skip(VMIO_ONLY(vm_reader, x), (n))
#define vm_freader_remain(x) vm_freader_remain(VMIO_ONLY_C(vm_freader, x))
#define vm_freader_has_remain(x) vm_freader_has_remain(VMIO_ONLY_C(vm_freader, x))
#define vm_freader_cursor(x) vm_freader_cursor(VMIO_ONLY_C(vm_freader, x))
#define vm_freader_limit(x, max) vm_freader_limit(VMIO_ONLY(vm_freader, x), (max))
#define vm_freader_skip(x, n) vm_freader_skip(VMIO_ONLY(vm_freader, x), (n))
#define vm_writer_avail(x) vm_writer_avail(VMIO_ONLY_C(vm_writer, x))
#define vm_writer_has_avail(x) vm_writer_has_avail(VMIO_ONLY_C(vm_writer, x))
#define vm_writer_cursor(x) vm_writer_cursor(VMIO_ONLY_C(vm_writer, x))
#define vm_writer_limit(x, max) vm_writer_limit(VMIO_ONLY(vm_writer, x), (max))
#define vm_writer_skip(x, n) vm_writer_skip(VMIO_ONLY(vm_writer, x), (n))
#define vm_fwriter_avail(x) vm_fwriter_avail(VMIO_ONLY_C(vm_fwriter, x))
#define vm_fwriter_has_avail(x) vm_fwriter_has_avail(VMIO_ONLY_C(vm_fwriter, x))
#define vm_fwriter_cursor(x) vm_fwriter_cursor(VMIO_ONLY_C(vm_fwriter, x))
#define vm_fwriter_limit(x, max) vm_fwriter_limit(VMIO_ONLY(vm_fwriter, x), (max))
#define vm_fwriter_skip(x, n) vm_fwriter_skip(VMIO_ONLY(vm_fwriter, x), (n))

#define vm_freader_from_user_space(out, ptr, len) \
	vm_freader_from_user_space(VMIO_ONLY(vm_freader, out), (ptr), (len))
#define vm_fwriter_from_user_space(out, ptr, len) \
	vm_fwriter_from_user_space(VMIO_ONLY(vm_fwriter, out), (ptr), (len))

/* ---- infallible transfers ---- */

/* Copy min(remain, avail) bytes; both cursors advance by it; returns it. */
/*@ requires \valid(r) && \valid(w) && \separated(r, w);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_readable(&r->r) && vm_writable(&w->r);
    assigns r->r.cursor, w->r.cursor,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + \result;
    ensures w->r.cursor == \old(w->r.cursor) + \result;
    ensures vm_inv(&r->r) && vm_inv(&w->r); */
size_t vm_reader_read(struct vm_reader *r, struct vm_writer *w);
/*@ requires \valid(r) && \valid(w) && \separated(r, w);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_readable(&r->r) && vm_writable(&w->r);
    assigns r->r.cursor, w->r.cursor,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + \result;
    ensures w->r.cursor == \old(w->r.cursor) + \result;
    ensures vm_inv(&r->r) && vm_inv(&w->r); */
size_t vm_writer_write(struct vm_writer *w, struct vm_reader *r);
#define vm_reader_read(r, w) vm_reader_read(VMIO_ONLY(vm_reader, r), VMIO_ONLY(vm_writer, w))
#define vm_writer_write(w, r) vm_writer_write(VMIO_ONLY(vm_writer, w), VMIO_ONLY(vm_reader, r))

/* Read (write) one Pod value of size bytes; VMIO_EINVAL, unchanged, if
 * fewer than size bytes are left. */
/*@ requires \valid(r) && vm_inv(&r->r);
    requires vm_readable(&r->r);
    requires vm_buf((char *)val, size);
    assigns r->r.cursor, ((char *)val)[0 .. size - 1];
    ensures vm_inv(&r->r);
    behavior short:
      assumes vm_left(&r->r) < size;
      ensures r->r.cursor == \old(r->r.cursor) && r->r.end == \old(r->r.end);
      ensures \result == VMIO_EINVAL;
    behavior whole:
      assumes vm_left(&r->r) >= size;
      ensures \result == 0;
      ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + size;
      ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_reader_read_val(struct vm_reader *r, void *val, size_t size);
/*@ requires \valid(w) && vm_inv(&w->r);
    requires vm_writable(&w->r);
    requires vm_buf_read((char *)val, size);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. size - 1];
    ensures vm_inv(&w->r);
    behavior short:
      assumes vm_left(&w->r) < size;
      ensures w->r.cursor == \old(w->r.cursor) && w->r.end == \old(w->r.end);
      ensures \result == VMIO_EINVAL;
    behavior whole:
      assumes vm_left(&w->r) >= size;
      ensures \result == 0;
      ensures \result == 0 ==> w->r.cursor == \old(w->r.cursor) + size;
      ensures \result != 0 ==> w->r.cursor == \old(w->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_writer_write_val(struct vm_writer *w, const void *val, size_t size);
#define vm_reader_read_val(r, val, size) vm_reader_read_val(VMIO_ONLY(vm_reader, r), (val), (size))
#define vm_writer_write_val(w, val, size) vm_writer_write_val(VMIO_ONLY(vm_writer, w), (val), (size))

/*
 * Fill the whole rest of the writer with copies of the size-byte value
 * whose type has alignment align (the seed's align_of::<T>(), e.g.
 * _Alignof(T)); returns how many were written.  It panics and writes
 * nothing unless size > 0, align is a power of two dividing size, the
 * cursor is a multiple of align and avail a multiple of size.
 */
/*@ requires \valid(w) && vm_inv(&w->r) && vm_writable(&w->r);
    requires \valid_read((char *)val + (0 .. size - 1));
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    ensures vm_inv(&w->r);
    behavior fills:
      assumes size > 0 && vm_pow2(align) && size % align == 0;
      assumes w->r.cursor % align == 0 && vm_left(&w->r) % size == 0;
      ensures w->r.cursor == \old(w->r.end);
      ensures \result * size == \old(vm_left(&w->r));
    behavior panics:
      assumes !(size > 0 && vm_pow2(align) && size % align == 0 &&
                w->r.cursor % align == 0 && vm_left(&w->r) % size == 0);
      ensures w->r.cursor == \old(w->r.cursor) && w->r.end == \old(w->r.end);
      ensures \result == 0;
    complete behaviors;
    disjoint behaviors; */
size_t vm_writer_fill(struct vm_writer *w, const void *val, size_t size, size_t align);
#define vm_writer_fill(w, val, size, align) \
	vm_writer_fill(VMIO_ONLY(vm_writer, w), (val), (size), (align))

/* Write min(len, avail) zero bytes; returns that count. */
/*@ requires \valid(w) && vm_inv(&w->r) && vm_writable(&w->r);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. vm_min(len, vm_left(&w->r)) - 1];
    ensures \result == vm_min(len, \old(vm_left(&w->r)));
    ensures w->r.cursor == \old(w->r.cursor) + \result;
    ensures vm_inv(&w->r);
    exits \false; */
size_t vm_writer_fill_zeros(struct vm_writer *w, size_t len);
#define vm_writer_fill_zeros(w, len) vm_writer_fill_zeros(VMIO_ONLY(vm_writer, w), (len))

/* ---- fallible transfers ---- */

/*
 * Copy min(remain, avail) bytes, between any pair in which at least one side
 * is fallible.  *n receives the bytes copied and both cursors advance by it;
 * returns 0 when all were copied, VMIO_EFAULT when a fault stopped it early.
 * vm_freader_read_fallible and vm_fwriter_write_fallible take either kind
 * of the other side.
 */
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_writable(&w->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_freader_read_fallible_to(struct vm_freader *r, struct vm_writer *w, size_t *n);
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_freader_read_fallible_to_f(struct vm_freader *r, struct vm_fwriter *w, size_t *n);
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_readable(&r->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_reader_read_fallible(struct vm_reader *r, struct vm_fwriter *w, size_t *n);
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_readable(&r->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_fwriter_write_fallible_from(struct vm_fwriter *w, struct vm_reader *r, size_t *n);
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_fwriter_write_fallible_from_f(struct vm_fwriter *w, struct vm_freader *r, size_t *n);
/*@ requires \valid(r) && \valid(w) && \valid(n) && \separated(r, w, n);
    requires vm_inv(&r->r) && vm_inv(&w->r);
    requires vm_writable(&w->r);
    assigns r->r.cursor, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(vm_left(&r->r), vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(vm_left(&r->r)), \old(vm_left(&w->r)));
    ensures r->r.cursor == \old(r->r.cursor) + *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&r->r) && vm_inv(&w->r);
    exits \false; */
int vm_writer_write_fallible(struct vm_writer *w, struct vm_freader *r, size_t *n);

#define vm_freader_read_fallible_to(r, w, n) \
	vm_freader_read_fallible_to(VMIO_ONLY(vm_freader, r), VMIO_ONLY(vm_writer, w), (n))
#define vm_freader_read_fallible_to_f(r, w, n) \
	vm_freader_read_fallible_to_f(VMIO_ONLY(vm_freader, r), VMIO_ONLY(vm_fwriter, w), (n))
#define vm_reader_read_fallible(r, w, n) \
	vm_reader_read_fallible(VMIO_ONLY(vm_reader, r), VMIO_ONLY(vm_fwriter, w), (n))
#define vm_fwriter_write_fallible_from(w, r, n) \
	vm_fwriter_write_fallible_from(VMIO_ONLY(vm_fwriter, w), VMIO_ONLY(vm_reader, r), (n))
#define vm_fwriter_write_fallible_from_f(w, r, n) \
	vm_fwriter_write_fallible_from_f(VMIO_ONLY(vm_fwriter, w), VMIO_ONLY(vm_freader, r), (n))
#define vm_writer_write_fallible(w, r, n) \
	vm_writer_write_fallible(VMIO_ONLY(vm_writer, w), VMIO_ONLY(vm_freader, r), (n))

/* The seed's trait methods: the other side's type picks the function. */
#define vm_freader_read_fallible(r, w, n)                                      \
	_Generic((w),                                                          \
		struct vm_writer *: vm_freader_read_fallible_to,               \
		struct vm_fwriter *: vm_freader_read_fallible_to_f)(           \
		VMIO_ONLY(vm_freader, r), (w), (n))
#define vm_fwriter_write_fallible(w, r, n)                                     \
	_Generic((r),                                                          \
		struct vm_reader *: vm_fwriter_write_fallible_from,            \
		struct vm_freader *: vm_fwriter_write_fallible_from_f)(        \
		VMIO_ONLY(vm_fwriter, w), (r), (n))

/*
 * Reads into a caller's buffer that fail leave no partial data there: a
 * buffer of up to VMIO_READ_BOUNCE bytes is read through a stack buffer of
 * that size and is unchanged on any error (the seed: no value at all); a
 * larger one is zeroed whole after a fault (Linux's copy_from_user tail).
 * vm_freader_read_val, vm_freader_collect, vm_freader_read_cstring,
 * vm_freader_read_struct (vmio/struct.h) and vmio_read_bytes, _val and
 * _slice follow this rule.  256 by default; the Meson option read_bounce
 * sets it for the library and its consumers alike (-DVMIO_READ_BOUNCE=N,
 * in vmio.pc and the Meson dependency), down to 0 for small kernel stacks:
 * then every failed read zeroes the bytes it was to fill.
 */
#ifndef VMIO_READ_BOUNCE
#define VMIO_READ_BOUNCE 256
#endif

/*
 * Read (write) one Pod value; VMIO_EINVAL if fewer than size bytes are
 * left, VMIO_EFAULT on a fault.  On any error the cursor is where it was,
 * and read_val leaves *val as VMIO_READ_BOUNCE says (unchanged up to that
 * many bytes); a failed write_val may have written bytes before the fault.
 */
/*@ requires \valid(r) && vm_inv(&r->r);
    requires vm_buf((char *)val, size);
    assigns r->r.cursor, ((char *)val)[0 .. size - 1];
    ensures vm_inv(&r->r);
    ensures kept: \result != 0 && (size <= VMIO_READ_BOUNCE || \result == VMIO_EINVAL) ==>
      vm_kept{Old, Here}((char *)val, size);
    ensures zeroed: \result == VMIO_EFAULT && size > VMIO_READ_BOUNCE ==>
      vm_zero((char *)val, size);
    behavior short:
      assumes vm_left(&r->r) < size;
      ensures r->r.cursor == \old(r->r.cursor) && r->r.end == \old(r->r.end);
      ensures \result == VMIO_EINVAL;
    behavior whole:
      assumes vm_left(&r->r) >= size;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + size;
      ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_freader_read_val(struct vm_freader *r, void *val, size_t size);
/*@ requires \valid(w) && vm_inv(&w->r);
    requires vm_buf_read((char *)val, size);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. size - 1];
    ensures vm_inv(&w->r);
    behavior short:
      assumes vm_left(&w->r) < size;
      ensures w->r.cursor == \old(w->r.cursor) && w->r.end == \old(w->r.end);
      ensures \result == VMIO_EINVAL;
    behavior whole:
      assumes vm_left(&w->r) >= size;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> w->r.cursor == \old(w->r.cursor) + size;
      ensures \result != 0 ==> w->r.cursor == \old(w->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_write_val(struct vm_fwriter *w, const void *val, size_t size);
#define vm_freader_read_val(r, val, size) vm_freader_read_val(VMIO_ONLY(vm_freader, r), (val), (size))
#define vm_fwriter_write_val(w, val, size) \
	vm_fwriter_write_val(VMIO_ONLY(vm_fwriter, w), (val), (size))

/*
 * Write min(len, avail) zero bytes.  *n receives the count written and the
 * cursor advances by it; returns 0, or VMIO_EFAULT if a fault stopped it.
 */
/*@ requires \valid(w) && \valid(n) && \separated(w, n) && vm_inv(&w->r);
    assigns w->r.cursor, *n, ((char *)w->r.cursor)[0 .. vm_min(len, vm_left(&w->r)) - 1];
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(len, \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(len, \old(vm_left(&w->r)));
    ensures w->r.cursor == \old(w->r.cursor) + *n;
    ensures vm_inv(&w->r); */
int vm_fwriter_fill_zeros(struct vm_fwriter *w, size_t len, size_t *n);
#define vm_fwriter_fill_zeros(w, len, n) vm_fwriter_fill_zeros(VMIO_ONLY(vm_fwriter, w), (len), (n))

/*
 * Read all remaining bytes into buf (cap bytes of room), or into a buffer
 * from the allocator (*out, freed again on failure).  *n receives the
 * length.  VMIO_EINVAL if cap < remain, VMIO_ENOMEM if alloc fails,
 * VMIO_EFAULT on a fault; on any error the cursor is where it was, buf
 * holds no partial data (VMIO_READ_BOUNCE) and collect_alloc's buffer is
 * freed.  collect_alloc of an empty reader succeeds with *out = NULL and *n = 0
 * and never calls alloc.
 */
/*@ requires \valid(r) && \valid(n) && \separated(r, n) && vm_inv(&r->r);
    requires vm_buf((char *)buf, cap);
    assigns r->r.cursor, *n, ((char *)buf)[0 .. vm_left(&r->r) - 1];
    ensures r->r.end == \old(r->r.end);
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *n == \old(vm_left(&r->r)) && r->r.cursor == \old(r->r.end);
    ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor) && *n == \old(*n);
    ensures \result == VMIO_EINVAL <==> cap < \old(vm_left(&r->r));
    ensures kept: \result != 0 && (\old(vm_left(&r->r)) <= VMIO_READ_BOUNCE ||
      \result == VMIO_EINVAL) ==> vm_kept{Old, Here}((char *)buf, \old(vm_left(&r->r)));
    ensures zeroed: \result == VMIO_EFAULT && \old(vm_left(&r->r)) > VMIO_READ_BOUNCE ==>
      vm_zero((char *)buf, \old(vm_left(&r->r))); */
int vm_freader_collect(struct vm_freader *r, void *buf, size_t cap, size_t *n);
/*@ requires \valid(r) && \valid(out) && \valid(n) && \separated(r, out, n);
    requires vm_inv(&r->r) && vm_obeys_allocator(a);
    assigns r->r.cursor, *out, *n, vmio_acsl_heap[0 ..];
    ensures r->r.end == \old(r->r.end) && vm_inv(&r->r);
    ensures \result == 0 || \result == VMIO_ENOMEM || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *n == \old(vm_left(&r->r)) && r->r.cursor == \old(r->r.end);
    ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor) && *n == \old(*n) &&
      *out == \old(*out); */
int vm_freader_collect_alloc(struct vm_freader *r, const struct vmio_allocator *a,
			     void **out, size_t *n);
#define vm_freader_collect(r, buf, cap, n) \
	vm_freader_collect(VMIO_ONLY(vm_freader, r), (buf), (cap), (n))
#define vm_freader_collect_alloc(r, a, out, n) \
	vm_freader_collect_alloc(VMIO_ONLY(vm_freader, r), (a), (out), (n))

/* ---- NUL-terminated strings (Linux strnlen_user, strncpy_from_user) ---- */

/*
 * The length of the string at the cursor, without its NUL, looking at no
 * more than min(max, remain) bytes.  VMIO_ENAMETOOLONG when no NUL lies
 * there, VMIO_EFAULT on a fault; on error *len is untouched.  The cursor
 * never moves.
 */
/*@ requires \valid(r) && \valid(len) && \separated(r, len) && vm_inv(&r->r);
    assigns *len;
    exits \false;
    ensures \result == 0 || \result == VMIO_ENAMETOOLONG || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *len < vm_min(max, vm_left(&r->r));
    ensures \result != 0 ==> *len == \old(*len);
    ensures vm_inv(&r->r); */
int vm_freader_strnlen(struct vm_freader *r, size_t max, size_t *len);
#define vm_freader_strnlen(r, max, len) vm_freader_strnlen(VMIO_ONLY(vm_freader, r), (max), (len))

/*
 * Copy the string at the cursor and its NUL into buf (cap bytes of room);
 * *len receives its length and the cursor moves past the NUL.
 * VMIO_ENAMETOOLONG when no NUL lies within min(cap, remain) bytes,
 * VMIO_EFAULT on a fault.  On either error the cursor and *len are
 * unchanged and buf holds no partial string, by the rule of
 * VMIO_READ_BOUNCE: with cap <= VMIO_READ_BOUNCE the copy goes through a
 * stack buffer and buf is unchanged; with a larger cap buf is all zero
 * (cap bytes).
 */
/*@ requires \valid(r) && \valid(len) && vm_inv(&r->r) && vm_buf(buf, cap);
    requires \separated(r, len, buf + (0 .. cap - 1));
    assigns r->r.cursor, *len, buf[0 .. cap - 1];
    exits \false;
    ensures vm_inv(&r->r) && r->r.end == \old(r->r.end);
    ensures \result == 0 || \result == VMIO_ENAMETOOLONG || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *len < vm_min(cap, \old(vm_left(&r->r)));
    ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + *len + 1;
    ensures nul: \result == 0 ==> buf[*len] == 0;
    ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor) && *len == \old(*len);
    ensures no_partial: \result != 0 && cap <= VMIO_READ_BOUNCE ==> vm_kept{Old, Here}(buf, cap);
    ensures zeroed: \result != 0 && cap > VMIO_READ_BOUNCE ==>
      \forall integer i; 0 <= i < cap ==> buf[i] == 0; */
int vm_freader_read_cstring(struct vm_freader *r, char *buf, size_t cap, size_t *len);
#define vm_freader_read_cstring(r, buf, cap, len) \
	vm_freader_read_cstring(VMIO_ONLY(vm_freader, r), (buf), (cap), (len))

/* ---- once-accesses: one load or store of a PodOnce value ---- */

/*
 * Read (write) *val, of 1, 2, 4 or 8 bytes (else a compile error), with one
 * instruction at the cursor, which then advances.  VMIO_EINVAL if fewer
 * bytes are left.  A misaligned cursor panics for the infallible kinds and
 * is VMIO_EINVAL for the fallible ones; a fault is VMIO_EFAULT.  On error
 * nothing changes.
 */
#define vm_reader_read_once(r, val) vm_reader_read_once_n((r), (val), VMIO_POD_ONCE_SIZE(*(val)))
#define vm_writer_write_once(w, val) vm_writer_write_once_n((w), (val), VMIO_POD_ONCE_SIZE(*(val)))
#define vm_freader_read_once(r, val) vm_freader_read_once_n((r), (val), VMIO_POD_ONCE_SIZE(*(val)))
#define vm_fwriter_write_once(w, val) vm_fwriter_write_once_n((w), (val), VMIO_POD_ONCE_SIZE(*(val)))

/*@ requires \valid(r) && vm_inv(&r->r);
    requires vm_readable(&r->r);
    requires \valid((uint8_t *)val + (0 .. size - 1));
    assigns r->r.cursor, ((uint8_t *)val)[0 .. size - 1];
    ensures vm_inv(&r->r);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(&r->r) && r->r.cursor % size == 0;
      ensures \result == 0;
      ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + size;
      ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(&r->r) && r->r.cursor % size == 0);
      ensures r->r.cursor == \old(r->r.cursor) && r->r.end == \old(r->r.end);
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
int vm_reader_read_once_n(struct vm_reader *r, void *val, size_t size);
/*@ requires \valid(w) && vm_inv(&w->r) && vm_apart(&w->r);
    requires vm_writable(&w->r);
    requires \valid_read((uint8_t *)val + (0 .. size - 1));
    assigns w->r.cursor, *(uint8_t *)w->r.cursor, *(uint16_t *)w->r.cursor,
            *(uint32_t *)w->r.cursor, *(uint64_t *)w->r.cursor;
    ensures vm_inv(&w->r);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(&w->r) && w->r.cursor % size == 0;
      ensures \result == 0;
      ensures \result == 0 ==> w->r.cursor == \old(w->r.cursor) + size;
      ensures \result != 0 ==> w->r.cursor == \old(w->r.cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(&w->r) && w->r.cursor % size == 0);
      ensures w->r.cursor == \old(w->r.cursor) && w->r.end == \old(w->r.end);
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
int vm_writer_write_once_n(struct vm_writer *w, const void *val, size_t size);
/*@ requires \valid(r) && vm_inv(&r->r);
    requires \valid((uint8_t *)val + (0 .. size - 1));
    assigns r->r.cursor, ((uint8_t *)val)[0 .. size - 1];
    ensures vm_inv(&r->r);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(&r->r) && r->r.cursor % size == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + size;
      ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(&r->r) && r->r.cursor % size == 0);
      ensures r->r.cursor == \old(r->r.cursor) && r->r.end == \old(r->r.end);
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
int vm_freader_read_once_n(struct vm_freader *r, void *val, size_t size);
/*@ requires \valid(w) && vm_inv(&w->r) && vm_apart(&w->r);
    requires \valid_read((uint8_t *)val + (0 .. size - 1));
    assigns w->r.cursor, *(uint8_t *)w->r.cursor, *(uint16_t *)w->r.cursor,
            *(uint32_t *)w->r.cursor, *(uint64_t *)w->r.cursor;
    ensures vm_inv(&w->r);
    behavior done:
      assumes vm_once_size(size) && size <= vm_left(&w->r) && w->r.cursor % size == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> w->r.cursor == \old(w->r.cursor) + size;
      ensures \result != 0 ==> w->r.cursor == \old(w->r.cursor);
    behavior refused:
      assumes !(vm_once_size(size) && size <= vm_left(&w->r) && w->r.cursor % size == 0);
      ensures w->r.cursor == \old(w->r.cursor) && w->r.end == \old(w->r.end);
      ensures \result == VMIO_EINVAL;
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_write_once_n(struct vm_fwriter *w, const void *val, size_t size);
#define vm_reader_read_once_n(r, val, size) vm_reader_read_once_n(VMIO_ONLY(vm_reader, r), (val), (size))
#define vm_writer_write_once_n(w, val, size) \
	vm_writer_write_once_n(VMIO_ONLY(vm_writer, w), (val), (size))
#define vm_freader_read_once_n(r, val, size) \
	vm_freader_read_once_n(VMIO_ONLY(vm_freader, r), (val), (size))
#define vm_fwriter_write_once_n(w, val, size) \
	vm_fwriter_write_once_n(VMIO_ONLY(vm_fwriter, w), (val), (size))

#endif
