/*
 * The RVV 1.0 bodies of
 *   size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *   size_t __memset_fallible(void *dst, int byte, size_t len)
 * (meson option riscv64_vector=rvv; vmio/rvv.h).  The scalar routines
 * jump here after their own entry (SUM set, t6 = SSTATUS_SUM, a2 >= 3)
 * when vmio_rvv_enable() was called and sstatus.VS is not Off.
 *
 * __vmio_rvv_copy                         __vmio_rvv_fill
 *   a0  dst, past the bytes stored          a0  dst, past the bytes stored
 *   a1  src, moved with a0                  a1  the byte (low 8 bits)
 *   a2  bytes left, returned in a0          a2  bytes left, returned in a0
 *   t0  vl: bytes a turn (min(a2, VLMAX) with e8, m8)   t1 vstart at a fault
 *   v0..v7  the data                        v0..v7  the byte in every lane
 *
 * A turn is one vle8.v and one vse8.v of vl bytes (VLEN bytes with LMUL 8:
 * 128 at VLEN 128), all turns with the vl of the first until fewer bytes
 * are left, then one short turn.  Elements are bytes, so no access is
 * misaligned whatever the alignment of dst and src.
 *
 * Exactness comes from vstart, which a trapping vector access leaves at
 * the element it trapped on (RVV 1.0 section 3.7; the trap handler must
 * leave vstart alone and use no vector instruction before the fixup):
 * - a load faults before its turn stores anything: the fixup resumes the
 *   scalar bytewise copy at a0/a1/a2, which stops at the first byte it
 *   cannot reach;
 * - a store that faults has stored exactly its elements below vstart: the
 *   fixup moves the cursors past them and resumes the bytewise copy there.
 * So the retry starts at the first byte not yet stored, and no byte at or
 * past the returned count is ever written, also when another CPU unmaps a
 * page between the fault and the retry.  Each fixup sets vstart back to 0.
 * A plain vle8.v costs one instruction a turn less than vle8ff.v, which
 * needs a csrr of vl after it: 206 against 238 instructions for 4 KiB
 * (docs/PERFORMANCE.md).
 */
#include "asm.h"

	.option push
	.option arch, +v

	.text
FUNC(__vmio_rvv_copy)
1:	vsetvli	t0, a2, e8, m8, ta, ma
2:	EX(.Lcopy_load, vle8.v v0, (a1))
	EX(.Lcopy_store, vse8.v v0, (a0))
	add	a1, a1, t0
	add	a0, a0, t0
	sub	a2, a2, t0
	bgeu	a2, t0, 2b		/* another whole turn */
	bnez	a2, 1b			/* a short one */
	csrc	sstatus, t6
	li	a0, 0
	ret
.Lcopy_store:				/* vstart bytes of the turn are stored */
	csrr	t1, vstart
	add	a0, a0, t1
	add	a1, a1, t1
	sub	a2, a2, t1
.Lcopy_load:				/* nothing of the turn is stored */
	csrw	vstart, zero
	j	__vmio_copy_retry
ENDFUNC(__vmio_rvv_copy)
	.hidden	__vmio_rvv_copy
	.globl	__vmio_rvv_copy_end	/* for the tests that watch the PC */
	.hidden	__vmio_rvv_copy_end
__vmio_rvv_copy_end:

FUNC(__vmio_rvv_fill)
	vsetvli	t0, a2, e8, m8, ta, ma
	vmv.v.x	v0, a1
1:	EX(.Lfill_store, vse8.v v0, (a0))
	add	a0, a0, t0
	sub	a2, a2, t0
	bgeu	a2, t0, 1b		/* another whole turn */
	beqz	a2, 2f
	vsetvli	t0, a2, e8, m8, ta, ma	/* a short one: v0 keeps its bytes */
	j	1b
2:	csrc	sstatus, t6
	li	a0, 0
	ret
.Lfill_store:				/* vstart bytes of the turn are set */
	csrr	t1, vstart
	csrw	vstart, zero
	add	a0, a0, t1
	sub	a2, a2, t1
	j	__vmio_fill_retry
ENDFUNC(__vmio_rvv_fill)
	.hidden	__vmio_rvv_fill
	.globl	__vmio_rvv_fill_end
	.hidden	__vmio_rvv_fill_end
__vmio_rvv_fill_end:

	.option pop
