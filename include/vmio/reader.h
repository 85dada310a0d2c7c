/*
 * Readers and writers: cursors over a range of memory, the C counterpart of
 * the seed's VmReader<F> and VmWriter<F>.
 *
 * Fallibility is in the type.  struct vm_reader / vm_writer (the seed's
 * Infallible) cover kernel memory that cannot fault; struct vm_freader /
 * vm_fwriter (Fallible) cover memory that may fault, user memory above all,
 * and every access through them goes through the fallible primitives.
 * Passing one kind where the other is required does not compile.
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

/* Allocation callbacks for vm_freader_collect_alloc (no allocator inside). */
struct vmio_allocator {
	void *(*alloc)(void *ctx, size_t len);  /* NULL when out of memory */
	void (*free)(void *ctx, void *p, size_t len);
	void *ctx;
};

/* ---- constructors ---- */

/* A reader or writer over kernel memory [ptr, ptr+len).  A range that
 * wraps around the address space panics (and gives an empty one). */
struct vm_reader vm_reader_from_kernel_space(const void *ptr, size_t len);
struct vm_writer vm_writer_from_kernel_space(void *ptr, size_t len);
/* The same over a byte buffer (the seed's From<&[u8]>). */
struct vm_reader vm_reader_from_bytes(const void *buf, size_t len);
struct vm_writer vm_writer_from_bytes(void *buf, size_t len);

/*
 * A reader or writer over user memory [ptr, ptr+len).  Returns VMIO_EINVAL
 * and leaves *out unchanged unless the whole range lies within the user
 * address space [VMIO_USER_START, VMIO_USER_END) without wrapping (a zero
 * length range needs only ptr within it).
 */
int vm_freader_from_user_space(struct vm_freader *out, const void *ptr, size_t len);
int vm_fwriter_from_user_space(struct vm_fwriter *out, void *ptr, size_t len);

/* The same cursor and end, as the fallible kind. */
struct vm_freader vm_reader_to_fallible(struct vm_reader r);
struct vm_fwriter vm_writer_to_fallible(struct vm_writer w);

/* ---- cursor state (the same for both kinds) ---- */

#define VMIO_CURSOR_FUNCS(type, remain)                                         \
	/* Bytes left between the cursor and the end. */                       \
	static inline size_t type##_##remain(const struct type *x)             \
	{                                                                       \
		return x->r.end - x->r.cursor;                                  \
	}                                                                       \
	static inline bool type##_has_##remain(const struct type *x)           \
	{                                                                       \
		return x->r.end != x->r.cursor;                                 \
	}                                                                       \
	/* Address of the next byte. */                                         \
	static inline void *type##_cursor(const struct type *x)                \
	{                                                                       \
		return (void *)x->r.cursor;                                     \
	}                                                                       \
	/* Shrink to at most max bytes left; never grows.  Returns x. */        \
	static inline struct type *type##_limit(struct type *x, size_t max)    \
	{                                                                       \
		if (max < type##_##remain(x))                                   \
			x->r.end = x->r.cursor + max;                           \
		return x;                                                       \
	}                                                                       \
	/* Advance the cursor by n; n past the end panics and changes nothing. */ \
	struct type *type##_skip(struct type *x, size_t n);

VMIO_CURSOR_FUNCS(vm_reader, remain)
VMIO_CURSOR_FUNCS(vm_freader, remain)
VMIO_CURSOR_FUNCS(vm_writer, avail)
VMIO_CURSOR_FUNCS(vm_fwriter, avail)
#undef VMIO_CURSOR_FUNCS

/* ---- infallible transfers ---- */

/* Copy min(remain, avail) bytes; both cursors advance by it; returns it. */
size_t vm_reader_read(struct vm_reader *r, struct vm_writer *w);
size_t vm_writer_write(struct vm_writer *w, struct vm_reader *r);

/* Read (write) one Pod value of size bytes; VMIO_EINVAL, unchanged, if
 * fewer than size bytes are left. */
int vm_reader_read_val(struct vm_reader *r, void *val, size_t size);
int vm_writer_write_val(struct vm_writer *w, const void *val, size_t size);

/*
 * Fill the whole rest of the writer with copies of the size-byte value;
 * returns how many were written.  The cursor must be aligned to size and
 * avail a multiple of it, or it panics and writes nothing.
 */
size_t vm_writer_fill(struct vm_writer *w, const void *val, size_t size);

/* Write min(len, avail) zero bytes; returns that count. */
size_t vm_writer_fill_zeros(struct vm_writer *w, size_t len);

/* ---- fallible transfers ---- */

/*
 * Copy min(remain, avail) bytes, between any pair in which at least one side
 * is fallible.  *n receives the bytes copied and both cursors advance by it;
 * returns 0 when all were copied, VMIO_EFAULT when a fault stopped it early.
 * vm_freader_read_fallible and vm_fwriter_write_fallible take either kind
 * of the other side.
 */
int vm_freader_read_fallible_to(struct vm_freader *r, struct vm_writer *w, size_t *n);
int vm_freader_read_fallible_to_f(struct vm_freader *r, struct vm_fwriter *w, size_t *n);
int vm_reader_read_fallible(struct vm_reader *r, struct vm_fwriter *w, size_t *n);
int vm_fwriter_write_fallible_from(struct vm_fwriter *w, struct vm_reader *r, size_t *n);
int vm_fwriter_write_fallible_from_f(struct vm_fwriter *w, struct vm_freader *r, size_t *n);
int vm_writer_write_fallible(struct vm_writer *w, struct vm_freader *r, size_t *n);

#define vm_freader_read_fallible(r, w, n)                                      \
	_Generic((w),                                                          \
		struct vm_writer *: vm_freader_read_fallible_to,               \
		struct vm_fwriter *: vm_freader_read_fallible_to_f)((r), (w), (n))
#define vm_fwriter_write_fallible(w, r, n)                                     \
	_Generic((r),                                                          \
		struct vm_reader *: vm_fwriter_write_fallible_from,            \
		struct vm_freader *: vm_fwriter_write_fallible_from_f)((w), (r), (n))

/*
 * Read (write) one Pod value; VMIO_EINVAL if fewer than size bytes are
 * left, VMIO_EFAULT on a fault.  On any error the cursor is where it was.
 */
int vm_freader_read_val(struct vm_freader *r, void *val, size_t size);
int vm_fwriter_write_val(struct vm_fwriter *w, const void *val, size_t size);

/*
 * Write min(len, avail) zero bytes.  *n receives the count written and the
 * cursor advances by it; returns 0, or VMIO_EFAULT if a fault stopped it.
 */
int vm_fwriter_fill_zeros(struct vm_fwriter *w, size_t len, size_t *n);

/*
 * Read all remaining bytes into buf (cap bytes of room), or into a buffer
 * from the allocator (*out, freed again on failure).  *n receives the
 * length.  VMIO_EINVAL if cap < remain, VMIO_ENOMEM if alloc fails,
 * VMIO_EFAULT on a fault; on any error the cursor is where it was.
 */
int vm_freader_collect(struct vm_freader *r, void *buf, size_t cap, size_t *n);
int vm_freader_collect_alloc(struct vm_freader *r, const struct vmio_allocator *a,
			     void **out, size_t *n);

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

int vm_reader_read_once_n(struct vm_reader *r, void *val, size_t size);
int vm_writer_write_once_n(struct vm_writer *w, const void *val, size_t size);
int vm_freader_read_once_n(struct vm_freader *r, void *val, size_t size);
int vm_fwriter_write_once_n(struct vm_fwriter *w, const void *val, size_t size);

#endif
