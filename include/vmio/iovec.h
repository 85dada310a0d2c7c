/*
 * Scatter/gather: a fallible reader or writer over an array of user
 * segments (readv, writev, sendmsg), which moves bytes to and from an
 * ordinary reader or writer as one stream.  The C counterpart of Linux's
 * iov_iter over a user iovec (import_iovec, copy_to_iter, copy_from_iter)
 * and of Asterinas's VmReaderArray / VmWriterArray.
 *
 * The array of segments lives in kernel memory and must stay there,
 * unchanged, while the reader or writer is in use: a system call copies it
 * in from user space first (vm_freader_read_iovec), as Linux's
 * import_iovec does.  When the reader or writer is made, the segments are
 * checked by Linux's rules (import_iovec): at most VMIO_UIO_MAXIOV of them,
 * no length negative as an ssize_t, each in the user range (the rule of
 * vm_freader_from_user_space), and the total capped at VMIO_MAX_RW_COUNT.
 */
#ifndef VMIO_IOVEC_H
#define VMIO_IOVEC_H

#include <stddef.h>
#include <stdint.h>

#include "vmio/reader.h"

/* Linux's limits: UIO_MAXIOV segments, MAX_RW_COUNT bytes (INT_MAX & PAGE_MASK). */
#define VMIO_UIO_MAXIOV 1024
#define VMIO_MAX_RW_COUNT ((size_t)0x7ffff000)
#define VMIO_SSIZE_MAX ((size_t)PTRDIFF_MAX) /* the largest length not negative as an ssize_t */

/* One user segment; the same layout as Linux's struct iovec on LP64. */
struct vmio_iovec {
	void *base;
	size_t len;
};

/*@ // A segment the constructors take: in the user range, or { NULL, 0 }.
    predicate vm_iov_user(struct vmio_iovec v) =
      (v.base == \null && v.len == 0) || vm_user((uintptr_t)v.base, v.len); */

/* The state both share.  Not for direct use. */
struct vm_iov_range {
	const struct vmio_iovec *iov; /* the segment holding the next byte */
	size_t nr;                    /* segments from iov on */
	size_t off;                   /* bytes of iov[0] already done */
	size_t left;                  /* bytes left in all segments */
};

/*@ // The length of the segment v[i] is the same at L1 and at L2.
    predicate vm_iov_same{L1, L2}(struct vmio_iovec *v, integer i) = \at(v[i].len, L1) == \at(v[i].len, L2);
    // The lengths of the n segments v[0 .. n-1], summed from the front: a
    // recursive definition, written as its two equations.  The second names
    // both sums (w, m), so that z3 unfolds it only between sums the goal
    // already holds: as v + 1, n - 1 it would unfold without end.
    axiomatic vm_iov_sums {
      logic integer vm_iov_sum{L}(struct vmio_iovec *v, integer n) reads v[0 .. n - 1].len;
      axiom vm_iov_sum_empty{L}: \forall struct vmio_iovec *v, integer n;
        n <= 0 ==> vm_iov_sum{L}(v, n) == 0;
      axiom vm_iov_sum_first{L}: \forall struct vmio_iovec *v, *w, integer n, m;
        n > 0 && w == v + 1 && m == n - 1 ==> vm_iov_sum{L}(v, n) == v[0].len + vm_iov_sum{L}(w, m);
      // What the reads clause says: the sum depends on the n lengths only
      // (true of the two equations by induction on n, which z3 does not do).
      axiom vm_iov_sum_frame{L1, L2}: \forall struct vmio_iovec *v, integer n;
        (\forall integer i; 0 <= i < n ==> vm_iov_same{L1, L2}(v, i)) ==>
        vm_iov_sum{L1}(v, n) == vm_iov_sum{L2}(v, n);
    }
    // The bytes after the cursor in all the segments (before the cap).
    logic integer vm_iov_rest{L}(struct vm_iov_range *r) = vm_iov_sum{L}(r->iov, r->nr) - r->off;
    // The segment v[i] does not wrap.
    predicate vm_iov_fits{L}(struct vmio_iovec *v, integer i) =
      vm_fits((uintptr_t)v[i].base, v[i].len);
    // The n segments v[0 .. n-1] readable, none wrapping.
    predicate vm_iov_segs{L}(struct vmio_iovec *v, integer n) =
      \valid_read(v + (0 .. n - 1)) && \forall integer i; 0 <= i < n ==> vm_iov_fits(v, i);
    // A state the copies take and keep (the constructors make it): the
    // segments readable and apart from the state, none wrapping, the cursor
    // inside the first, and left (capped) no more than the bytes after it.
    predicate vm_iov_ok{L}(struct vm_iov_range *r) =
      vm_iov_segs(r->iov, r->nr) && \separated(r, r->iov + (0 .. r->nr - 1)) &&
      (r->nr > 0 ==> r->off <= r->iov[0].len) && r->left <= vm_iov_rest(r); */

struct vm_freader_iov { struct vm_iov_range r; }; /* reads user segments */
struct vm_fwriter_iov { struct vm_iov_range r; }; /* writes user segments */

/*
 * A reader (writer) over the n segments iov[0..n), in order, by the rules of
 * Linux's import_iovec.  Returns 0; VMIO_EINVAL if n > VMIO_UIO_MAXIOV or a
 * segment's length is negative as an ssize_t (above VMIO_SSIZE_MAX);
 * VMIO_EFAULT if a segment, empty or not, lies outside the user range (the
 * rule of vm_freader_from_user_space; { NULL, 0 } is accepted, as Linux's
 * readv accepts it); on error *it is unchanged.  The total is capped at
 * VMIO_MAX_RW_COUNT: the segment that crosses it counts only up to it, and
 * the ones after it count as empty (Linux shortens them).  Empty segments
 * are never accessed.
 */
/*@ requires \valid(it) && \valid_read(iov + (0 .. n - 1)) && \separated(it, iov + (0 .. n - 1));
    assigns it->r;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result != 0 ==> it->r == \old(it->r);
    ensures \result == 0 ==> it->r.iov == iov && it->r.nr == n && it->r.off == 0;
    ensures \result == 0 ==> it->r.left <= VMIO_MAX_RW_COUNT;
    ensures \result == 0 ==> \forall integer i; 0 <= i < n ==> vm_iov_user(iov[i]);
    ensures ok: \result == 0 ==> vm_iov_ok(&it->r);
    ensures n > VMIO_UIO_MAXIOV ==> \result == VMIO_EINVAL;
    ensures (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX) ==> \result == VMIO_EINVAL;
    ensures \result == VMIO_EINVAL ==>
      n > VMIO_UIO_MAXIOV || (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX);
    ensures n <= VMIO_UIO_MAXIOV && (\forall integer i; 0 <= i < n ==> iov[i].len <= VMIO_SSIZE_MAX) &&
      (\exists integer i; 0 <= i < n && !vm_iov_user(iov[i])) ==> \result == VMIO_EFAULT; */
int vm_freader_iov_init(struct vm_freader_iov *it, const struct vmio_iovec *iov, size_t n);
/*@ requires \valid(it) && \valid_read(iov + (0 .. n - 1)) && \separated(it, iov + (0 .. n - 1));
    assigns it->r;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result != 0 ==> it->r == \old(it->r);
    ensures \result == 0 ==> it->r.iov == iov && it->r.nr == n && it->r.off == 0;
    ensures \result == 0 ==> it->r.left <= VMIO_MAX_RW_COUNT;
    ensures \result == 0 ==> \forall integer i; 0 <= i < n ==> vm_iov_user(iov[i]);
    ensures ok: \result == 0 ==> vm_iov_ok(&it->r);
    ensures n > VMIO_UIO_MAXIOV ==> \result == VMIO_EINVAL;
    ensures (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX) ==> \result == VMIO_EINVAL;
    ensures \result == VMIO_EINVAL ==>
      n > VMIO_UIO_MAXIOV || (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX);
    ensures n <= VMIO_UIO_MAXIOV && (\forall integer i; 0 <= i < n ==> iov[i].len <= VMIO_SSIZE_MAX) &&
      (\exists integer i; 0 <= i < n && !vm_iov_user(iov[i])) ==> \result == VMIO_EFAULT; */
int vm_fwriter_iov_init(struct vm_fwriter_iov *it, const struct vmio_iovec *iov, size_t n);
#define vm_freader_iov_init(it, iov, n) vm_freader_iov_init(VMIO_ONLY(vm_freader_iov, it), (iov), (n))
#define vm_fwriter_iov_init(it, iov, n) vm_fwriter_iov_init(VMIO_ONLY(vm_fwriter_iov, it), (iov), (n))

/* Bytes left to read (to write) in all the segments, at most VMIO_MAX_RW_COUNT. */
/*@ requires \valid_read(it);
    assigns \nothing;
    ensures \result == it->r.left; */
static inline size_t vm_freader_iov_remain(const struct vm_freader_iov *it)
{
	return it->r.left;
}

/*@ requires \valid_read(it);
    assigns \nothing;
    ensures \result == it->r.left; */
static inline size_t vm_fwriter_iov_avail(const struct vm_fwriter_iov *it)
{
	return it->r.left;
}
#define vm_freader_iov_remain(it) vm_freader_iov_remain(VMIO_ONLY_C(vm_freader_iov, it))
#define vm_fwriter_iov_avail(it) vm_fwriter_iov_avail(VMIO_ONLY_C(vm_fwriter_iov, it))

/*
 * Copy min(remain, avail) bytes between the segments and the other side,
 * as read_fallible / write_fallible do: *n receives the bytes copied and
 * both sides advance by it, across as many segments as it takes (empty
 * ones are skipped); returns 0 when all were copied, VMIO_EFAULT when a
 * fault on either side stopped it early.  The _f variants take a fallible
 * other side; vm_freader_iov_read and vm_fwriter_iov_write pick by its type.
 */
/*@ requires \valid(it) && \valid(w) && \valid(n) && \separated(it, w, n);
    requires vm_iov_ok(&it->r) && vm_inv(&w->r);
    requires \separated(it->r.iov + (0 .. it->r.nr - 1), w, n);
    assigns it->r, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(it->r.left, vm_left(&w->r)) - 1];
    exits \false;
    ensures vm_iov_ok(&it->r) && vm_inv(&w->r);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(it->r.left), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(it->r.left), \old(vm_left(&w->r)));
    ensures it->r.left == \old(it->r.left) - *n;
    ensures vm_iov_rest(&it->r) == \old(vm_iov_rest(&it->r)) - *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n; */
int vm_freader_iov_read_to(struct vm_freader_iov *it, struct vm_writer *w, size_t *n);
/*@ requires \valid(it) && \valid(w) && \valid(n) && \separated(it, w, n);
    requires vm_iov_ok(&it->r) && vm_inv(&w->r);
    requires \separated(it->r.iov + (0 .. it->r.nr - 1), w, n);
    assigns it->r, w->r.cursor, *n,
            ((char *)w->r.cursor)[0 .. vm_min(it->r.left, vm_left(&w->r)) - 1];
    exits \false;
    ensures vm_iov_ok(&it->r) && vm_inv(&w->r);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(it->r.left), \old(vm_left(&w->r)));
    ensures \result == 0 <==> *n == vm_min(\old(it->r.left), \old(vm_left(&w->r)));
    ensures it->r.left == \old(it->r.left) - *n;
    ensures vm_iov_rest(&it->r) == \old(vm_iov_rest(&it->r)) - *n;
    ensures w->r.cursor == \old(w->r.cursor) + *n; */
int vm_freader_iov_read_to_f(struct vm_freader_iov *it, struct vm_fwriter *w, size_t *n);
/*@ requires \valid(it) && \valid(r) && \valid(n) && \separated(it, r, n);
    requires vm_iov_ok(&it->r) && vm_inv(&r->r);
    requires \separated(it->r.iov + (0 .. it->r.nr - 1), r, n);
    assigns it->r, r->r.cursor, *n,
            { ((char *)it->r.iov[i].base)[j] | integer i, j;
              0 <= i < it->r.nr && 0 <= j < it->r.iov[i].len };
    exits \false;
    ensures vm_iov_ok(&it->r) && vm_inv(&r->r);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(it->r.left), \old(vm_left(&r->r)));
    ensures \result == 0 <==> *n == vm_min(\old(it->r.left), \old(vm_left(&r->r)));
    ensures it->r.left == \old(it->r.left) - *n;
    ensures vm_iov_rest(&it->r) == \old(vm_iov_rest(&it->r)) - *n;
    ensures r->r.cursor == \old(r->r.cursor) + *n; */
int vm_fwriter_iov_write_from(struct vm_fwriter_iov *it, struct vm_reader *r, size_t *n);
/*@ requires \valid(it) && \valid(r) && \valid(n) && \separated(it, r, n);
    requires vm_iov_ok(&it->r) && vm_inv(&r->r);
    requires \separated(it->r.iov + (0 .. it->r.nr - 1), r, n);
    assigns it->r, r->r.cursor, *n,
            { ((char *)it->r.iov[i].base)[j] | integer i, j;
              0 <= i < it->r.nr && 0 <= j < it->r.iov[i].len };
    exits \false;
    ensures vm_iov_ok(&it->r) && vm_inv(&r->r);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(it->r.left), \old(vm_left(&r->r)));
    ensures \result == 0 <==> *n == vm_min(\old(it->r.left), \old(vm_left(&r->r)));
    ensures it->r.left == \old(it->r.left) - *n;
    ensures vm_iov_rest(&it->r) == \old(vm_iov_rest(&it->r)) - *n;
    ensures r->r.cursor == \old(r->r.cursor) + *n; */
int vm_fwriter_iov_write_from_f(struct vm_fwriter_iov *it, struct vm_freader *r, size_t *n);
#define vm_freader_iov_read_to(it, w, n) \
	vm_freader_iov_read_to(VMIO_ONLY(vm_freader_iov, it), VMIO_ONLY(vm_writer, w), (n))
#define vm_freader_iov_read_to_f(it, w, n) \
	vm_freader_iov_read_to_f(VMIO_ONLY(vm_freader_iov, it), VMIO_ONLY(vm_fwriter, w), (n))
#define vm_fwriter_iov_write_from(it, r, n) \
	vm_fwriter_iov_write_from(VMIO_ONLY(vm_fwriter_iov, it), VMIO_ONLY(vm_reader, r), (n))
#define vm_fwriter_iov_write_from_f(it, r, n) \
	vm_fwriter_iov_write_from_f(VMIO_ONLY(vm_fwriter_iov, it), VMIO_ONLY(vm_freader, r), (n))

#define vm_freader_iov_read(it, w, n)                                          \
	_Generic((w),                                                          \
		struct vm_writer *: vm_freader_iov_read_to,                    \
		struct vm_fwriter *: vm_freader_iov_read_to_f)(                \
		VMIO_ONLY(vm_freader_iov, it), (w), (n))
#define vm_fwriter_iov_write(it, r, n)                                         \
	_Generic((r),                                                          \
		struct vm_reader *: vm_fwriter_iov_write_from,                 \
		struct vm_freader *: vm_fwriter_iov_write_from_f)(             \
		VMIO_ONLY(vm_fwriter_iov, it), (r), (n))

/*
 * Copy an array of n segments in from the user reader r into iov[0..n)
 * (Linux's iovec_from_user).  Returns 0 with the cursor past the array;
 * VMIO_EINVAL, changing nothing, if n > VMIO_UIO_MAXIOV or fewer than
 * n * sizeof(struct vmio_iovec) bytes remain; VMIO_EFAULT on a
 * fault, with the cursor where it was and iov[0..n) entirely zero.  The
 * segments are checked later, by vm_freader_iov_init / vm_fwriter_iov_init.
 */
/*@ requires \valid(r) && vm_inv(&r->r);
    requires \valid(iov + (0 .. n - 1)) && vm_buf((char *)iov, n * sizeof(struct vmio_iovec));
    requires \separated(r, iov + (0 .. n - 1));
    assigns r->r.cursor, ((char *)iov)[0 .. n * sizeof(struct vmio_iovec) - 1];
    exits \false;
    ensures vm_inv(&r->r);
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result == VMIO_EINVAL <==>
      n > VMIO_UIO_MAXIOV || \old(vm_left(&r->r)) < n * sizeof(struct vmio_iovec);
    ensures \result == 0 ==> r->r.cursor == \old(r->r.cursor) + n * sizeof(struct vmio_iovec);
    ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    ensures zeroed: \result == VMIO_EFAULT ==> vm_zero((char *)iov, n * sizeof(struct vmio_iovec)); */
int vm_freader_read_iovec(struct vm_freader *r, struct vmio_iovec *iov, size_t n);
#define vm_freader_read_iovec(r, iov, n) vm_freader_read_iovec(VMIO_ONLY(vm_freader, r), (iov), (n))

#endif
