/* Scatter/gather readers and writers over user segments (vmio/iovec.h). */
#include "range.h"
#include "vmio/arch.h"
#include "vmio/iovec.h"

/*
 * Linux's import_iovec: at most VMIO_UIO_MAXIOV segments and none whose
 * length is negative as an ssize_t (VMIO_EINVAL); then every segment, empty
 * or not, in the user range, NULL with length 0 allowed (else VMIO_EFAULT);
 * the total capped at VMIO_MAX_RW_COUNT, as if the segment that crosses it
 * were shortened and the ones after it empty.  0 and *it set, or the error
 * with *it unchanged.
 */
/*@ requires \valid(it) && \valid_read(iov + (0 .. n - 1)) && \separated(it, iov + (0 .. n - 1));
    assigns *it;
    exits \false;
    ensures \result == 0 || \result == VMIO_EINVAL || \result == VMIO_EFAULT;
    ensures \result != 0 ==> *it == \old(*it);
    ensures \result == 0 ==> it->iov == iov && it->nr == n && it->off == 0;
    ensures \result == 0 ==> it->left <= VMIO_MAX_RW_COUNT;
    ensures \result == 0 ==> \forall integer i; 0 <= i < n ==> vm_iov_user(iov[i]);
    ensures ok: \result == 0 ==> vm_iov_ok(it);
    ensures n > VMIO_UIO_MAXIOV ==> \result == VMIO_EINVAL;
    ensures (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX) ==> \result == VMIO_EINVAL;
    ensures \result == VMIO_EINVAL ==>
      n > VMIO_UIO_MAXIOV || (\exists integer i; 0 <= i < n && iov[i].len > VMIO_SSIZE_MAX);
    ensures n <= VMIO_UIO_MAXIOV && (\forall integer i; 0 <= i < n ==> iov[i].len <= VMIO_SSIZE_MAX) &&
      (\exists integer i; 0 <= i < n && !vm_iov_user(iov[i])) ==> \result == VMIO_EFAULT; */
static int iov_init(struct vm_iov_range *it, const struct vmio_iovec *iov, size_t n)
{
	struct vm_range seg;
	size_t total = 0;

	if (n > VMIO_UIO_MAXIOV)
		return VMIO_EINVAL;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer j; 0 <= j < i ==> iov[j].len <= VMIO_SSIZE_MAX;
	    loop assigns i;
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++)
		if (iov[i].len > VMIO_SSIZE_MAX)
			return VMIO_EINVAL;
	/*@ loop invariant 0 <= i <= n && total <= VMIO_MAX_RW_COUNT;
	    loop invariant \forall integer j; 0 <= j < n ==> iov[j].len <= VMIO_SSIZE_MAX;
	    loop invariant \forall integer j; 0 <= j < i ==> vm_iov_user(iov[j]);
	    loop invariant \forall integer j; 0 <= j < i ==> vm_iov_fits((struct vmio_iovec *)iov, j);
	    loop invariant sum: total + vm_iov_sum((struct vmio_iovec *)iov + i, n - i) <=
	      vm_iov_sum((struct vmio_iovec *)iov, n);
	    loop assigns i, total, seg;
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++) {
		if ((iov[i].base || iov[i].len) &&
		    vmio_range_user(&seg, (uintptr_t)iov[i].base, iov[i].len))
			return VMIO_EFAULT;
		total += min_size(iov[i].len, VMIO_MAX_RW_COUNT - total);
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
 * One turn of iov_copy, at a segment it->iov not done, with it->left and x
 * not done: copy as much of it as x and it->left allow; *k the bytes
 * copied, 0 or VMIO_EFAULT.
 */
/*@ requires \valid(it) && \valid(x) && \valid(k) && \separated(it, x, k);
    requires \valid_read(it->iov) && \separated(it->iov, it, x, k);
    requires vm_fits((uintptr_t)it->iov->base, it->iov->len);
    requires 0 < it->nr && it->off < it->iov->len && 0 < it->left && vm_inv(x) && 0 < vm_left(x);
    assigns it->off, it->left, x->cursor, *k,
      ((char *)x->cursor)[0 .. (to_iov ? 0 :
        vm_min(vm_min(it->iov->len - it->off, it->left), vm_left(x))) - 1],
      ((char *)it->iov->base)[it->off .. it->off + (to_iov ?
        vm_min(vm_min(it->iov->len - it->off, it->left), vm_left(x)) : 0) - 1];
    exits \false;
    ensures vm_inv(x) && x->end == \old(x->end);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *k <= vm_min(vm_min(\old(it->iov->len - it->off), \old(it->left)), \old(vm_left(x)));
    ensures \result == 0 <==>
      *k == vm_min(vm_min(\old(it->iov->len - it->off), \old(it->left)), \old(vm_left(x)));
    ensures it->off == \old(it->off) + *k && it->left == \old(it->left) - *k;
    ensures x->cursor == \old(x->cursor) + *k; */
static int iov_step(struct vm_iov_range *it, struct vm_range *x, int to_iov, size_t *k)
{
	const struct vmio_iovec *seg = it->iov;
	/* Capped at it->left: the segment that crosses VMIO_MAX_RW_COUNT. */
	size_t len = min_size(seg->len - it->off, it->left);
	struct vm_range u;
	int err;

	u.cursor = (uintptr_t)seg->base + it->off;
	u.end = (uintptr_t)seg->base + it->off + len;
	/* The address space is flat: WP's model leaves (char *)(c + k)
	 * unrelated to (char *)c + k (docs/VERIFICATION.md). */
	//@ admit (char *)u.cursor == (char *)seg->base + it->off;
	if (to_iov)
		err = vmio_range_copy(&u, x, k);
	else
		err = vmio_range_copy(x, &u, k);
	it->off += *k;
	it->left -= *k;
	return err;
}

/*@ ghost
  // The segments from v + k on are readable and do not wrap if those from
  // v on are (the proof's step from all of them to the ones left).
  /@ requires vm_iov_segs(v, n) && 0 <= k <= n;
     assigns \nothing;
     exits \false;
     ensures tail: vm_iov_segs(v + k, n - k); @/
  static void iov_segs_tail(const struct vmio_iovec *v, size_t n, size_t k)
  {
    /@ loop invariant 0 <= i <= n - k;
       loop invariant \forall integer j; 0 <= j < i ==> vm_iov_fits(v + k, j);
       loop assigns i;
       loop variant n - k - i; @/
    for (size_t i = 0; i < n - k; i++) {
      /@ assert vm_iov_fits(v, k + i); @/
      /@ assert vm_iov_fits(v + k, i); @/
    }
  }
*/

/*@ // The second equation of vm_iov_sum at v + j, for the n - j segments from there.
    predicate vm_iov_sum_at{L}(struct vmio_iovec *v, integer n, integer j) =
      vm_iov_sum(v + j, n - j) == v[j].len + vm_iov_sum(v + (j + 1), n - (j + 1)); */

/*@ ghost
  // The second equation of vm_iov_sum at every segment of v[0 .. n-1].
  /@ assigns \nothing;
     exits \false;
     ensures sums: \forall integer j; 0 <= j < n ==> vm_iov_sum_at(v, n, j); @/
  static void iov_sums(const struct vmio_iovec *v, size_t n)
  {
    /@ loop invariant 0 <= j <= n;
       loop invariant \forall integer i; 0 <= i < j ==> vm_iov_sum_at(v, n, i);
       loop assigns j;
       loop variant n - j; @/
    for (size_t j = 0; j < n; j++) {
      /@ assert vm_iov_sum_at(v, n, j); @/
    }
  }
*/

/*
 * Copy min(it->left, left of x) bytes between the segments and x (into the
 * segments when to_iov), segment by segment with the fallible copy; *n the
 * count, by which both advance.  0, or VMIO_EFAULT at the first short copy.
 */
/*@ requires \valid(it) && \valid(x) && \valid(n) && \separated(it, x, n);
    requires vm_iov_ok(it) && vm_inv(x) && \separated(it->iov + (0 .. it->nr - 1), x, n);
    assigns *it, x->cursor, *n,
            ((char *)x->cursor)[0 .. (to_iov ? 0 : vm_min(it->left, vm_left(x))) - 1],
            { ((char *)it->iov[i].base)[j] | integer i, j;
              0 <= i < (to_iov ? it->nr : 0) && 0 <= j < it->iov[i].len };
    exits \false;
    ensures vm_iov_ok(it) && vm_inv(x);
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures *n <= vm_min(\old(it->left), \old(vm_left(x)));
    ensures \result == 0 <==> *n == vm_min(\old(it->left), \old(vm_left(x)));
    ensures it->left == \old(it->left) - *n;
    ensures vm_iov_rest(it) == \old(vm_iov_rest(it)) - *n;
    ensures x->cursor == \old(x->cursor) + *n; */
static int iov_copy(struct vm_iov_range *it, struct vm_range *x, int to_iov, size_t *n)
{
	size_t done = 0, k;
	int err = 0;
	//@ ghost const struct vmio_iovec *v0 = it->iov;
	//@ ghost size_t n0 = it->nr;
	//@ ghost size_t g;
	//@ ghost iov_sums(v0, n0);

	/*@ loop invariant nr: 0 <= it->nr <= n0;
	    loop invariant iov: it->iov == v0 + (n0 - it->nr);
	    loop invariant segs: \forall integer i; 0 <= i < n0 ==>
	      v0[i].len == \at(it->iov[i].len, Pre) && v0[i].base == \at(it->iov[i].base, Pre);
	    loop invariant off: it->nr > 0 ==> it->off <= it->iov[0].len;
	    loop invariant first: it->nr == n0 ==> \at(it->off, Pre) <= it->off;
	    loop invariant rest: vm_iov_sum{Pre}(it->iov, it->nr) - it->off == \at(vm_iov_rest(it), Pre) - done;
	    loop invariant left: it->left == \at(it->left, Pre) - done;
	    loop invariant x: x->cursor == \at(x->cursor, Pre) + done && x->end == \at(x->end, Pre);
	    loop invariant inv: vm_inv(x) && err == 0;
	    loop assigns k, err, done, it->iov, it->nr, it->off, it->left, x->cursor,
	      ((char *)\at(x->cursor, Pre))[0 .. (to_iov ? 0 : vm_min(\at(it->left, Pre), \at(vm_left(x), Pre))) - 1],
	      { ((char *)\at(it->iov[i].base, Pre))[j] | integer i, j;
	        to_iov != 0 && 0 <= i < \at(it->nr, Pre) && 0 <= j < \at(it->iov[i].len, Pre) };
	    loop variant it->left + it->nr; */
	while (it->left && range_left(x)) {
		//@ assert head: it->nr > 0 && \let j = n0 - it->nr; it->iov[0].len == \at(it->iov[j].len, Pre);
		if (it->off == it->iov->len) { /* done, or empty: the next one */
			//@ assert sum_at: vm_iov_sum_at{Pre}(v0, n0, n0 - it->nr);
			/*@ assert sum: \let v = it->iov; \let m = it->nr;
			      \at(vm_iov_sum(v, m) == v[0].len + vm_iov_sum(v + 1, m - 1), Pre); */
			it->iov++;
			it->nr--;
			it->off = 0;
			continue;
		}
		//@ admit (char *)x->cursor == (char *)\at(x->cursor, Pre) + (x->cursor - \at(x->cursor, Pre));
		err = iov_step(it, x, to_iov, &k);
		done += k;
		if (err)
			break;
	}
	*n = done;
	/* vm_iov_ok(it): the segments from it->iov on are those of Pre. */
	/*@ ghost
	  /@ loop invariant 0 <= g <= n0;
	     loop invariant \forall integer i; 0 <= i < g ==> vm_iov_fits(v0, i);
	     loop assigns g;
	     loop variant n0 - g; @/
	  for (g = 0; g < n0; g++) {
	    /@ assert \let v = v0; \let i = g; \at(vm_iov_fits(v, i), Pre); @/
	    /@ assert vm_iov_fits(v0, g); @/
	  }
	*/
	//@ assert ok_all: vm_iov_segs(v0, n0);
	//@ ghost iov_segs_tail(v0, n0, n0 - it->nr);
	//@ assert ok_segs: vm_iov_segs(it->iov, it->nr);
	/*@ ghost
	  /@ loop invariant 0 <= g <= it->nr;
	     loop invariant \forall integer i; 0 <= i < g ==> vm_iov_same{Pre, Here}(it->iov, i);
	     loop assigns g;
	     loop variant it->nr - g; @/
	  for (g = 0; g < it->nr; g++) {
	    /@ assert vm_iov_same{Pre, Here}(v0, n0 - it->nr + g); @/
	    /@ assert vm_iov_same{Pre, Here}(it->iov, g); @/
	  }
	*/
	//@ assert ok_sum: vm_iov_sum(it->iov, it->nr) == vm_iov_sum{Pre}(it->iov, it->nr);
	//@ assert ok_left: it->left <= vm_iov_rest(it);
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

	if (n > VMIO_UIO_MAXIOV) /* Linux's iovec_from_user */
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
