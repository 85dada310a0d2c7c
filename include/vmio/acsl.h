/*
 * The ACSL vocabulary of vmio's contracts (docs/VERIFICATION.md).  Only
 * Frama-C reads it: vmio/reader.h includes it under __FRAMAC__, right after
 * struct vm_range.  A new function's contract should say what it needs in
 * these words; add a predicate here when several contracts share it.
 */
#ifndef VMIO_ACSL_H
#define VMIO_ACSL_H

#include <stdint.h>

#include "vmio/arch.h"
#include "user_bounds.h" /* lib/vmio (on the proof's -I): the runtime user range */

#ifdef VMIO_HOST
/*@ predicate vm_host = \true; // a host process: vmio lies in its user space by design */
/*@ predicate vm_holds_vmio(integer start, integer end) = \false; */
#else
/*@ predicate vm_host = \false; */
/*@ axiomatic vm_spans {
      // Does [start, end) meet a byte vmio places (its text, rodata, data,
      // bss or exception table)?  Where the linker put them is not C: the
      // contract of user_range.c's holds_vmio is trusted here, and the guest
      // test user-range-spans is its evidence (docs/VERIFICATION.md).
      predicate vm_holds_vmio(integer start, integer end);
    } */
#endif

#ifdef VMIO_HOST
/*@ predicate vm_closed_ok{L} = \true; */
#define VM_CLOSED_ASSIGNS
#else
/*@ // The fail-closed state agrees with the range: 0 (not known yet), or
    // positive exactly when the range holds vmio.  The initial state (0) has
    // it; vmio_user_range_set and vmio_range_user, its only writers, keep it.
    predicate vm_closed_ok{L} =
      \at(vmio_user_range.closed, L) == 0 ||
      (\at(vmio_user_range.closed, L) > 0 <==>
       vm_holds_vmio(\at(vmio_user_range.start, L), \at(vmio_user_range.end, L))); */
/* vmio_range_user records the answer for the default range. */
#define VM_CLOSED_ASSIGNS , vmio_user_range.closed
#endif

/*@
  // The seed's inv(): the cursor never passes the end.
  predicate vm_inv(struct vm_range *x) = x->cursor <= x->end;

  // The seed's remain_spec() / avail_spec(): bytes from the cursor to the end.
  logic integer vm_left(struct vm_range *x) = x->end - x->cursor;

  logic integer vm_min(integer a, integer b) = a < b ? a : b;

  // [p, p + len) names addresses without wrapping around the address space.
  predicate vm_fits(integer p, integer len) =
    0 <= p && 0 <= len && p + len <= UINTPTR_MAX;

  // The user-range rule of vm_f*_from_user_space (docs/DESIGN.md "User ranges"),
  // against the current runtime user range (vmio_user_range_set), which must
  // not hold vmio itself (the fail-closed state of bare metal).
  predicate vm_user{L}(integer p, integer len) =
    !vm_holds_vmio(\at(vmio_user_range.start, L), \at(vmio_user_range.end, L)) &&
    \at(vmio_user_range.start, L) <= p && 0 <= len && p + len <= \at(vmio_user_range.end, L);
  // The range is sane: vmio_user_range_set keeps it so (start < end).
  predicate vm_user_ok{L} = \at(vmio_user_range.start, L) < \at(vmio_user_range.end, L);

  // An infallible reader's bytes are readable, an infallible writer's writable:
  // the seed's read_view_initialized() / has_write_view().
  predicate vm_readable(struct vm_range *x) =
    \valid_read((char *)x->cursor + (0 .. vm_left(x) - 1));
  predicate vm_writable(struct vm_range *x) =
    \valid((char *)x->cursor + (0 .. vm_left(x) - 1));

  // A kernel buffer handed in by the caller: len valid bytes, not wrapping.
  predicate vm_buf(char *p, integer len) =
    \valid(p + (0 .. len - 1)) && vm_fits((uintptr_t)p, len);
  predicate vm_buf_read(char *p, integer len) =
    \valid_read(p + (0 .. len - 1)) && vm_fits((uintptr_t)p, len);

  // The range's own cursor and end lie outside the memory a once-store at
  // its cursor writes (the seed gets this from Rust's borrows).
  predicate vm_apart(struct vm_range *x) =
    \separated(x, (uint16_t *)x->cursor, (uint32_t *)x->cursor, (uint64_t *)x->cursor);

  // A power of two (the alignments of vm_writer_fill and vmio_write_vals).
  predicate vm_pow2(integer a) = a > 0 && (a & (a - 1)) == 0;

  // No partial data in a caller's buffer (VMIO_READ_BOUNCE): p[0 .. n-1]
  // as it was at L, or all zero.
  predicate vm_kept{L1, L2}(char *p, integer n) =
    \forall integer i; 0 <= i < n ==> \at(p[i], L1) == \at(p[i], L2);
  // vm_zero(p, n): p[0 .. n-1] all zero (vmio/arch.h, for __memset_fallible).

  // The sizes of a PodOnce value.
  predicate vm_once_size(integer n) = n == 1 || n == 2 || n == 4 || n == 8;
*/

#endif
