/*
 * Extensible structs (openat2, clone3, sched_setattr style): a struct whose
 * size user space passes along, so that old and new kernels and programs
 * understand each other.  The C counterpart of Linux's
 * copy_struct_from_user / check_zeroed_user and of Asterinas's
 * read_val_compat / write_val_compat.
 *
 * The user's struct is the whole of the reader's remain (the writer's
 * avail): its size is what user space passed.  The kernel's struct is
 * val[0..ksize).  The common prefix is copied; of the longer side's tail,
 * the user's must be zero when reading (else VMIO_E2BIG: user space asks
 * for something this kernel does not know) and is zeroed when writing; the
 * kernel's is zeroed when reading and must be zero when writing (else
 * VMIO_E2BIG: user space would miss something it does not know).
 */
#ifndef VMIO_STRUCT_H
#define VMIO_STRUCT_H

#include <stddef.h>

#include "vmio/reader.h"

/*
 * Read the user's struct (all of remain) into val[0..ksize): copy
 * min(remain, ksize) bytes and zero the rest of val; if remain > ksize the
 * extra user bytes must all be zero.  Returns 0 with the cursor advanced
 * by remain; VMIO_E2BIG if an extra byte is not zero; VMIO_EFAULT on a
 * fault.  On error the cursor does not move and val holds no partial
 * struct: it is unchanged when ksize <= VMIO_READ_BOUNCE (the bytes go
 * through a stack buffer) and entirely zero when ksize is larger.  The extra
 * bytes are checked before the copy, as in Linux: a nonzero one is
 * VMIO_E2BIG even when a fault would follow.
 */
/*@ requires \valid(r) && vm_inv(&r->r) && vm_buf((char *)val, ksize);
    assigns r->r.cursor, ((char *)val)[0 .. ksize - 1];
    exits \false;
    ensures vm_inv(&r->r);
    ensures \result == 0 || \result == VMIO_E2BIG || \result == VMIO_EFAULT;
    ensures \result == 0 ==> r->r.cursor == \old(r->r.end);
    ensures \result != 0 ==> r->r.cursor == \old(r->r.cursor);
    ensures e2big: \result == VMIO_E2BIG ==> \old(vm_left(&r->r)) > ksize &&
      !vm_uzero(\old(r->r.cursor) + ksize, \old(r->r.end));
    ensures extra: \result == 0 && \old(vm_left(&r->r)) > ksize ==>
      vm_uzero(\old(r->r.cursor) + ksize, \old(r->r.end));
    ensures tail: \result == 0 && \old(vm_left(&r->r)) < ksize ==>
      vm_zero((char *)val + \old(vm_left(&r->r)), ksize - \old(vm_left(&r->r)));
    ensures zeroed: \result != 0 && ksize > VMIO_READ_BOUNCE ==> vm_zero((char *)val, ksize); */
int vm_freader_read_struct(struct vm_freader *r, void *val, size_t ksize);
#define vm_freader_read_struct(r, val, ksize) \
	vm_freader_read_struct(VMIO_ONLY(vm_freader, r), (val), (ksize))

/*
 * Whether every remaining byte is zero: 0 with *zeroed 1 or 0, or
 * VMIO_EFAULT with *zeroed untouched.  The cursor never moves.  It reads
 * naturally aligned 8-byte words, each with one load (the bytes of the
 * first and last word outside the range are ignored; being in the same
 * word they are in the same page), and stops at the first word with a
 * nonzero byte of the range: a fault past it is not seen, as in Linux.
 */
/*@ requires \valid(r) && vm_inv(&r->r) && \valid(zeroed) && \separated(r, zeroed);
    assigns *zeroed;
    exits \false;
    ensures \result == 0 || \result == VMIO_EFAULT;
    ensures \result == 0 ==> *zeroed == 0 || *zeroed == 1;
    ensures \result == 0 ==> (*zeroed == 1 <==> vm_uzero(r->r.cursor, r->r.end));
    ensures \result != 0 ==> *zeroed == \old(*zeroed); */
int vm_freader_check_zeroed(struct vm_freader *r, int *zeroed);
#define vm_freader_check_zeroed(r, zeroed) \
	vm_freader_check_zeroed(VMIO_ONLY(vm_freader, r), (zeroed))

/*
 * Write val[0..ksize) as the user's struct (all of avail): copy
 * min(avail, ksize) bytes and zero the rest of avail; if avail < ksize the
 * kernel's extra bytes val[avail..ksize) must all be zero.  Returns 0 with
 * the cursor advanced by avail; VMIO_E2BIG, writing nothing, if an extra
 * kernel byte is not zero; VMIO_EFAULT on a fault, with the cursor where it
 * was.  After a fault the user bytes before it hold what was written there
 * (struct bytes, then zeros), as after vm_fwriter_write_val: user memory
 * is the user's, and a failed call tells it to trust none of it.
 */
/*@ requires \valid(w) && vm_inv(&w->r) && vm_buf_read((char *)val, ksize);
    assigns w->r.cursor, ((char *)w->r.cursor)[0 .. vm_left(&w->r) - 1];
    exits \false;
    ensures vm_inv(&w->r);
    ensures \result == 0 || \result == VMIO_E2BIG || \result == VMIO_EFAULT;
    ensures \result == 0 ==> w->r.cursor == \old(w->r.end);
    ensures \result != 0 ==> w->r.cursor == \old(w->r.cursor);
    ensures e2big: \result == VMIO_E2BIG ==> \old(vm_left(&w->r)) < ksize &&
      !\at(\forall integer j; 0 <= j < ksize - vm_left(&w->r) ==>
            ((char *)val + vm_left(&w->r))[j] == 0, Pre);
    ensures nothing: \result == VMIO_E2BIG ==>
      vm_kept{Old, Here}((char *)\old(w->r.cursor), \old(vm_left(&w->r))); */
int vm_fwriter_write_struct(struct vm_fwriter *w, const void *val, size_t ksize);
#define vm_fwriter_write_struct(w, val, ksize) \
	vm_fwriter_write_struct(VMIO_ONLY(vm_fwriter, w), (val), (ksize))

#endif
