/*
 * The RVV 1.0 bodies of __strnlen_fallible and __strncpy_fallible
 * (riscv64_vector=rvv; vmio/rvv.h; contract in vmio/arch.h).  The scalar
 * routines jump here first thing when vmio_rvv_enable() was called and
 * sstatus.VS is not Off; these set and clear SUM themselves.
 *
 * __vmio_rvv_strnlen                  __vmio_rvv_strncpy
 *   a0  src, kept                       a0  dst + committed   a6  dst
 *   a3  cursor: src + committed         a1  src + committed
 *   a1  bytes left past this page's n   a2  bytes left past this page's n
 *   a2  the len pointer                 a3  the len pointer
 *   a4  4096   a7  4095   a5  n: bytes left in this 4 KiB page, within max
 *   t0  vl   t2  index of the first NUL of a turn, or -1   t6  SSTATUS_SUM
 *   v0..v7  the bytes of a turn   v8  their NUL mask
 *
 * A turn loads vl = min(n, VLMAX) bytes (LMUL 8), finds the first NUL with
 * vmseq + vfirst; strncpy stores the turn's bytes, up to and with the NUL.
 * Each load lies in one 4 KiB page (the smallest riscv64 page, so in one
 * page of any size) and within max, starting at the first byte not yet
 * tested: no load reaches past the page holding the NUL or the limit's
 * last byte, and a load either succeeds whole or faults on its first
 * element, which is then the first inaccessible byte (*len = committed,
 * VMIO_EFAULT).  The fixup sets vstart back to 0.  dst is kernel memory
 * (no fault), and every byte stored was tested for NUL.
 */
#include "asm.h"

#define ENAMETOOLONG (-36)

	.option push
	.option arch, +v

	.text
FUNC(__vmio_rvv_strnlen)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	mv	a3, a0
	li	a4, 4096
	addi	a7, a4, -1
	beqz	a1, .Ls_toolong
.Ls_page:				/* a1 > 0: n = min(a1, rest of the page) */
	and	t1, a3, a7
	sub	a5, a4, t1
	bgeu	a1, a5, 1f
	mv	a5, a1
1:	sub	a1, a1, a5
.Ls_turn:
	vsetvli	t0, a5, e8, m8, ta, ma
	EX(.Ls_fault, vle8.v v0, (a3))
	vmseq.vi v8, v0, 0
	vfirst.m t2, v8
	bgez	t2, .Ls_found
	add	a3, a3, t0
	sub	a5, a5, t0
	bnez	a5, .Ls_turn
	bnez	a1, .Ls_page
.Ls_toolong:
	li	t0, ENAMETOOLONG
	j	.Ls_ret
.Ls_found:
	add	a3, a3, t2
	li	t0, 0
	j	.Ls_ret
.Ls_fault:				/* element 0: a3 is the inaccessible byte */
	csrw	vstart, zero
	li	t0, VMIO_EFAULT
.Ls_ret:
	sub	a3, a3, a0
	sd	a3, 0(a2)
	csrc	sstatus, t6
	mv	a0, t0
	ret
ENDFUNC(__vmio_rvv_strnlen)
	.hidden	__vmio_rvv_strnlen

FUNC(__vmio_rvv_strncpy)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	mv	a6, a0
	li	a4, 4096
	addi	a7, a4, -1
	beqz	a2, .Lc_toolong
.Lc_page:				/* a2 > 0: n = min(a2, rest of the page) */
	and	t1, a1, a7
	sub	a5, a4, t1
	bgeu	a2, a5, 1f
	mv	a5, a2
1:	sub	a2, a2, a5
.Lc_turn:
	vsetvli	t0, a5, e8, m8, ta, ma
	EX(.Lc_fault, vle8.v v0, (a1))
	vmseq.vi v8, v0, 0
	vfirst.m t2, v8
	bgez	t2, .Lc_found
	vse8.v	v0, (a0)
	add	a1, a1, t0
	add	a0, a0, t0
	sub	a5, a5, t0
	bnez	a5, .Lc_turn
	bnez	a2, .Lc_page
.Lc_toolong:
	li	t0, ENAMETOOLONG
	j	.Lc_ret
.Lc_found:				/* store up to and with the NUL */
	addi	t1, t2, 1
	vsetvli	zero, t1, e8, m8, ta, ma
	vse8.v	v0, (a0)
	add	a0, a0, t2
	li	t0, 0
	j	.Lc_ret
.Lc_fault:				/* element 0: a1 is the inaccessible byte */
	csrw	vstart, zero
	li	t0, VMIO_EFAULT
.Lc_ret:
	sub	a6, a0, a6
	sd	a6, 0(a3)
	csrc	sstatus, t6
	mv	a0, t0
	ret
ENDFUNC(__vmio_rvv_strncpy)
	.hidden	__vmio_rvv_strncpy

	.option pop
