/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  the byte (low 8 bits of the argument), then in all eight lanes
 *   a2  bytes not yet set, returned in a0 (unsigned: every test of it is
 *       sltiu, bltu/bgeu, a bit test or a test for zero)
 *   t0  scratch     t1  128, the block size     t6  SSTATUS_SUM
 *
 * Short fills (len < 8) go bytewise.  Otherwise aligned 1-, 2- and 4-byte
 * stores until dst is 8-aligned, 128-byte blocks of sixteen aligned sd,
 * then one aligned store each for the 64, 32, 16, 8, 4, 2, 1 bits of what
 * is left.  A fault in a store resumes bytewise at that store's address
 * (the fixup .Lc<off> moves the cursor past the off bytes of the step
 * already stored), never below it, so the fill stops exactly at the first
 * inaccessible byte and nothing past it is written, even when another CPU
 * unmaps a page between the fault and the retry.  No store is misaligned
 * (see memcpy.S).
 */
#include "asm.h"

	.text
FUNC(__memset_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	andi	a1, a1, 0xff
#ifdef VMIO_RVV
	RVV_DISPATCH __vmio_rvv_fill
#endif
	sltiu	t0, a2, 8
	bnez	t0, .Lbytes		/* short: bytewise only */
	slli	t0, a1, 8		/* the byte in all eight lanes */
	or	a1, a1, t0
	slli	t0, a1, 16
	or	a1, a1, t0
	slli	t0, a1, 32
	or	a1, a1, t0

	andi	t0, a0, 1		/* 1-, 2-, 4-byte steps: dst 8-aligned */
	beqz	t0, 1f
	EX(.Ldone, sb a1, 0(a0))
	addi	a0, a0, 1
	addi	a2, a2, -1
1:	andi	t0, a0, 2
	beqz	t0, 1f
	EX(.Lretry, sh a1, 0(a0))
	addi	a0, a0, 2
	addi	a2, a2, -2
1:	andi	t0, a0, 4
	beqz	t0, 1f
	EX(.Lretry, sw a1, 0(a0))
	addi	a0, a0, 4
	addi	a2, a2, -4
1:	li	t1, 128
	bltu	a2, t1, .Ltail

.Lblock:				/* 128 bytes: sixteen sd */
	EX(.Lretry, sd a1, 0(a0))
	EX(.Lc8, sd a1, 8(a0))
	EX(.Lc16, sd a1, 16(a0))
	EX(.Lc24, sd a1, 24(a0))
	EX(.Lc32, sd a1, 32(a0))
	EX(.Lc40, sd a1, 40(a0))
	EX(.Lc48, sd a1, 48(a0))
	EX(.Lc56, sd a1, 56(a0))
	EX(.Lc64, sd a1, 64(a0))
	EX(.Lc72, sd a1, 72(a0))
	EX(.Lc80, sd a1, 80(a0))
	EX(.Lc88, sd a1, 88(a0))
	EX(.Lc96, sd a1, 96(a0))
	EX(.Lc104, sd a1, 104(a0))
	EX(.Lc112, sd a1, 112(a0))
	EX(.Lc120, sd a1, 120(a0))
	addi	a0, a0, 128
	addi	a2, a2, -128
	bgeu	a2, t1, .Lblock

.Ltail:					/* a2 < 128 bytes: one step per bit */
	andi	t0, a2, 64
	beqz	t0, 1f
	EX(.Lretry, sd a1, 0(a0))
	EX(.Lc8, sd a1, 8(a0))
	EX(.Lc16, sd a1, 16(a0))
	EX(.Lc24, sd a1, 24(a0))
	EX(.Lc32, sd a1, 32(a0))
	EX(.Lc40, sd a1, 40(a0))
	EX(.Lc48, sd a1, 48(a0))
	EX(.Lc56, sd a1, 56(a0))
	addi	a0, a0, 64
	addi	a2, a2, -64
1:	andi	t0, a2, 32
	beqz	t0, 1f
	EX(.Lretry, sd a1, 0(a0))
	EX(.Lc8, sd a1, 8(a0))
	EX(.Lc16, sd a1, 16(a0))
	EX(.Lc24, sd a1, 24(a0))
	addi	a0, a0, 32
	addi	a2, a2, -32
1:	andi	t0, a2, 16
	beqz	t0, 1f
	EX(.Lretry, sd a1, 0(a0))
	EX(.Lc8, sd a1, 8(a0))
	addi	a0, a0, 16
	addi	a2, a2, -16
1:	andi	t0, a2, 8
	beqz	t0, 1f
	EX(.Lretry, sd a1, 0(a0))
	addi	a0, a0, 8
	addi	a2, a2, -8
1:	andi	t0, a2, 4
	beqz	t0, 1f
	EX(.Lretry, sw a1, 0(a0))
	addi	a0, a0, 4
	addi	a2, a2, -4
1:	andi	t0, a2, 2
	beqz	t0, 1f
	EX(.Lretry, sh a1, 0(a0))
	addi	a0, a0, 2
	addi	a2, a2, -2
1:	beqz	a2, .Ldone		/* 0 or 1 byte left */
	EX(.Ldone, sb a1, 0(a0))
	li	a2, 0
	j	.Ldone

	/* A store at offset off of a step faulted: the off bytes below are set. */
	.irp off, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120
.Lc\off:
	addi	a0, a0, \off
	addi	a2, a2, -\off
	j	.Lretry
	.endr
	.globl	__vmio_fill_retry	/* for the vector path's fixups */
	.hidden	__vmio_fill_retry
__vmio_fill_retry:
.Lretry:				/* a wide store faulted: the handler cleared SUM */
	csrs	sstatus, t6
.Lbytes:
	beqz	a2, .Ldone
1:	EX(.Ldone, sb a1, 0(a0))
	addi	a0, a0, 1
	addi	a2, a2, -1
	bnez	a2, 1b

.Ldone:					/* also where a byte store resumes after a fault */
	csrc	sstatus, t6
	mv	a0, a2
	ret
ENDFUNC(__memset_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memset_fallible_end
	.hidden __memset_fallible_end
__memset_fallible_end:
