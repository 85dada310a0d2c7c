/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  src, advanced with a0 (in the shift loops: recomputed at a fault)
 *   a2  bytes not yet copied, returned in a0 (unsigned: every test of it
 *       is sltiu, bltu/bgeu or a bit test); in the byte loop it is t2 - a0,
 *       with t2 = a0 + a2 modulo 2^64 (0 for a range that ends at 2^64)
 *   t3  128, the block size, in the aligned block loop
 *   a6  aligned src cursor (shift path)   t4, t5  right and left shift
 *   a3..a5, a7, t0..t3, t6, a1 (shift loop)  data words
 *
 * Short copies (len < 8, or < 16 into a misaligned dst whose src is
 * misaligned differently) go bytewise.  Otherwise:
 * - src and dst equally misaligned: 1-, 2- and 4-byte aligned steps until
 *   dst is 8-aligned, 128-byte blocks (two halves of eight ld then eight
 *   sd), then steps of 64, 32, 16, 8, 4, 2 and 1 bytes, each aligned.
 * - otherwise: bytes until dst is 8-aligned, then src is read with aligned
 *   loads and shifted into place, 128 bytes a turn: words merged,
 *   (w >> r) | (next << l) (ld, srl, sll, or, sd: 5 a word), or for
 *   src & 7 = 4 two sw of word halves (ld, srli, sw, sw: 4 a word).  Then
 *   merged steps of 64, 32, 16 and 8 bytes, then bytes.
 *   Every word loaded holds a byte the copy needs, so no load reaches a
 *   page the copy would not.
 * No access is ever misaligned: OpenSBI emulates misaligned ones byte by
 * byte, and such a store could land in part before faulting.
 *
 * Within a step the loads of a half come before its stores, and stores go
 * upwards, each of source bytes only.  A fault resumes bytewise at the
 * first byte not yet stored: a fault in a load of the first half, or in a
 * single-access step, at a0/a1/a2; a fault in the store at offset off of a
 * turn, or in a load of the second half (off = 64), at a fixup .Lc<off>
 * (.Ls<off> in the shift loops) that first moves the cursors by off.  So
 * the retry never re-stores a byte, and it stops at the first byte it
 * cannot reach even when another CPU unmaps a page between the fault and
 * the retry: no byte at or past the returned count is ever written.
 */
#include "asm.h"

/* out = (lo >> r) | (hi << l), built in lo with tmp, stored at off(a0). */
.macro MERGE lo, hi, tmp, off
	srl	\lo, \lo, t4
	sll	\tmp, \hi, t5
	or	\lo, \lo, \tmp
	EX(.Ls\off, sd \lo, \off(a0))
.endm

/*
 * Dst word at off of a turn whose src is 4 bytes past a word: its low half
 * is the top half of lo, its high half the low half of next; two aligned
 * sw, each of source bytes only (offh = off + 4).
 */
.macro HALVES lo, next, off, offh
	srli	\lo, \lo, 32
	EX(.Ls\off, sw \lo, \off(a0))
	EX(.Ls\offh, sw \next, \offh(a0))
.endm

	.text
FUNC(__memcpy_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
#ifdef VMIO_RVV
	RVV_DISPATCH __vmio_rvv_copy
#endif
	sltiu	t0, a2, 8
	bnez	t0, .Lbytes		/* short: bytewise only */
	xor	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lmis
	andi	t0, a0, 7
	beqz	t0, .Laligned

	/* Same misalignment: aligned 1-, 2-, 4-byte steps make dst 8-aligned. */
	andi	t0, a0, 1
	beqz	t0, 1f
	EX(.Ldone, lbu t1, 0(a1))
	EX(.Ldone, sb t1, 0(a0))
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
1:	andi	t0, a0, 2
	beqz	t0, 1f
	EX(.Lretry, lhu t1, 0(a1))
	EX(.Lretry, sh t1, 0(a0))
	addi	a0, a0, 2
	addi	a1, a1, 2
	addi	a2, a2, -2
1:	andi	t0, a0, 4
	beqz	t0, 1f
	EX(.Lretry, lwu t1, 0(a1))
	EX(.Lretry, sw t1, 0(a0))
	addi	a0, a0, 4
	addi	a1, a1, 4
	addi	a2, a2, -4
1:
.Laligned:
	li	t3, 128
	bltu	a2, t3, .Ltail

.Lblock:				/* 128 bytes: twice eight ld, eight sd */
	EX(.Lretry, ld a3, 0(a1))
	EX(.Lretry, ld a4, 8(a1))
	EX(.Lretry, ld a5, 16(a1))
	EX(.Lretry, ld a6, 24(a1))
	EX(.Lretry, ld a7, 32(a1))
	EX(.Lretry, ld t0, 40(a1))
	EX(.Lretry, ld t1, 48(a1))
	EX(.Lretry, ld t2, 56(a1))
	EX(.Lretry, sd a3, 0(a0))
	EX(.Lc8, sd a4, 8(a0))
	EX(.Lc16, sd a5, 16(a0))
	EX(.Lc24, sd a6, 24(a0))
	EX(.Lc32, sd a7, 32(a0))
	EX(.Lc40, sd t0, 40(a0))
	EX(.Lc48, sd t1, 48(a0))
	EX(.Lc56, sd t2, 56(a0))
	EX(.Lc64, ld a3, 64(a1))
	EX(.Lc64, ld a4, 72(a1))
	EX(.Lc64, ld a5, 80(a1))
	EX(.Lc64, ld a6, 88(a1))
	EX(.Lc64, ld a7, 96(a1))
	EX(.Lc64, ld t0, 104(a1))
	EX(.Lc64, ld t1, 112(a1))
	EX(.Lc64, ld t2, 120(a1))
	EX(.Lc64, sd a3, 64(a0))
	EX(.Lc72, sd a4, 72(a0))
	EX(.Lc80, sd a5, 80(a0))
	EX(.Lc88, sd a6, 88(a0))
	EX(.Lc96, sd a7, 96(a0))
	EX(.Lc104, sd t0, 104(a0))
	EX(.Lc112, sd t1, 112(a0))
	EX(.Lc120, sd t2, 120(a0))
	addi	a0, a0, 128
	addi	a1, a1, 128
	addi	a2, a2, -128
	bgeu	a2, t3, .Lblock

.Ltail:					/* a2 < 128 bytes: one step per bit */
	andi	t0, a2, 64
	beqz	t0, 1f
	EX(.Lretry, ld a3, 0(a1))
	EX(.Lretry, ld a4, 8(a1))
	EX(.Lretry, ld a5, 16(a1))
	EX(.Lretry, ld a6, 24(a1))
	EX(.Lretry, ld a7, 32(a1))
	EX(.Lretry, ld t1, 40(a1))
	EX(.Lretry, ld t2, 48(a1))
	EX(.Lretry, ld t3, 56(a1))
	EX(.Lretry, sd a3, 0(a0))
	EX(.Lc8, sd a4, 8(a0))
	EX(.Lc16, sd a5, 16(a0))
	EX(.Lc24, sd a6, 24(a0))
	EX(.Lc32, sd a7, 32(a0))
	EX(.Lc40, sd t1, 40(a0))
	EX(.Lc48, sd t2, 48(a0))
	EX(.Lc56, sd t3, 56(a0))
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
1:	andi	t0, a2, 32
	beqz	t0, 1f
	EX(.Lretry, ld a3, 0(a1))
	EX(.Lretry, ld a4, 8(a1))
	EX(.Lretry, ld a5, 16(a1))
	EX(.Lretry, ld a6, 24(a1))
	EX(.Lretry, sd a3, 0(a0))
	EX(.Lc8, sd a4, 8(a0))
	EX(.Lc16, sd a5, 16(a0))
	EX(.Lc24, sd a6, 24(a0))
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
1:	andi	t0, a2, 16
	beqz	t0, 1f
	EX(.Lretry, ld a3, 0(a1))
	EX(.Lretry, ld a4, 8(a1))
	EX(.Lretry, sd a3, 0(a0))
	EX(.Lc8, sd a4, 8(a0))
	addi	a0, a0, 16
	addi	a1, a1, 16
	addi	a2, a2, -16
1:	andi	t0, a2, 8
	beqz	t0, 1f
	EX(.Lretry, ld a3, 0(a1))
	EX(.Lretry, sd a3, 0(a0))
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
1:	beqz	a2, .Ldone		/* a multiple of 8: no 4, 2, 1 steps */
	andi	t0, a2, 4
	beqz	t0, 1f
	EX(.Lretry, lwu a3, 0(a1))
	EX(.Lretry, sw a3, 0(a0))
	addi	a0, a0, 4
	addi	a1, a1, 4
	addi	a2, a2, -4
1:	andi	t0, a2, 2
	beqz	t0, 1f
	EX(.Lretry, lhu a3, 0(a1))
	EX(.Lretry, sh a3, 0(a0))
	addi	a0, a0, 2
	addi	a1, a1, 2
	addi	a2, a2, -2
1:	beqz	a2, .Ldone		/* 0 or 1 byte left */
	EX(.Lretry, lbu a3, 0(a1))
	EX(.Lretry, sb a3, 0(a0))
	li	a2, 0
	j	.Ldone

.Lmis:					/* bytes until dst is 8-aligned */
	andi	t0, a0, 7
	beqz	t0, .Lshift
	sltiu	t0, a2, 16		/* short: bytewise is cheaper */
	bnez	t0, .Lbytes_nz
1:	EX(.Ldone, lbu t1, 0(a1))
	EX(.Ldone, sb t1, 0(a0))
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	andi	t0, a0, 7
	bnez	t0, 1b

.Lshift:				/* dst aligned, src not: aligned loads, shifts */
	sltiu	t0, a2, 8
	bnez	t0, .Lbytes
	andi	t0, a1, 7
	slli	t4, t0, 3		/* right shift: 8 * (src & 7), never 0 */
	neg	t5, t4			/* left shift: 64 - that, modulo 64 */
	andi	a6, a1, -8
	EX(.Lretry_shift, ld a3, 0(a6))	/* holds src[0], which the copy needs */
	sltiu	t1, a2, 128
	bnez	t1, .Lshift_tail
	addi	t1, t0, -4		/* src & 7 = 4: halves instead of merges */
	beqz	t1, .Lhalves

.Lshift_block:				/* 128 bytes; a3 holds the word at 0(a6) */
	EX(.Lretry_shift, ld a4, 8(a6))
	EX(.Lretry_shift, ld a5, 16(a6))
	EX(.Lretry_shift, ld a7, 24(a6))
	EX(.Lretry_shift, ld t0, 32(a6))
	EX(.Lretry_shift, ld t1, 40(a6))
	EX(.Lretry_shift, ld t2, 48(a6))
	EX(.Lretry_shift, ld t3, 56(a6))
	EX(.Lretry_shift, ld t6, 64(a6))
	MERGE	a3, a4, a1, 0
	MERGE	a4, a5, a3, 8
	MERGE	a5, a7, a4, 16
	MERGE	a7, t0, a5, 24
	MERGE	t0, t1, a7, 32
	MERGE	t1, t2, t0, 40
	MERGE	t2, t3, t1, 48
	MERGE	t3, t6, t2, 56
	EX(.Ls64, ld a4, 72(a6))	/* second half: t6 holds 64(a6) */
	EX(.Ls64, ld a5, 80(a6))
	EX(.Ls64, ld a7, 88(a6))
	EX(.Ls64, ld t0, 96(a6))
	EX(.Ls64, ld t1, 104(a6))
	EX(.Ls64, ld t2, 112(a6))
	EX(.Ls64, ld t3, 120(a6))
	EX(.Ls64, ld a3, 128(a6))
	MERGE	t6, a4, a1, 64
	MERGE	a4, a5, t6, 72
	MERGE	a5, a7, a4, 80
	MERGE	a7, t0, a5, 88
	MERGE	t0, t1, a7, 96
	MERGE	t1, t2, t0, 104
	MERGE	t2, t3, t1, 112
	MERGE	t3, a3, t2, 120
	addi	a0, a0, 128
	addi	a6, a6, 128
	addi	a2, a2, -128
	sltiu	t0, a2, 128
	beqz	t0, .Lshift_block

.Lshift_tail:				/* a2 < 128 bytes; a3 = word at 0(a6) */
	andi	t0, a2, 64
	beqz	t0, .Lshift_word
	EX(.Lretry_shift, ld a4, 8(a6))
	EX(.Lretry_shift, ld a5, 16(a6))
	EX(.Lretry_shift, ld a7, 24(a6))
	EX(.Lretry_shift, ld t0, 32(a6))
	EX(.Lretry_shift, ld t1, 40(a6))
	EX(.Lretry_shift, ld t2, 48(a6))
	EX(.Lretry_shift, ld t3, 56(a6))
	EX(.Lretry_shift, ld t6, 64(a6))
	MERGE	a3, a4, a1, 0
	MERGE	a4, a5, a3, 8
	MERGE	a5, a7, a4, 16
	MERGE	a7, t0, a5, 24
	MERGE	t0, t1, a7, 32
	MERGE	t1, t2, t0, 40
	MERGE	t2, t3, t1, 48
	MERGE	t3, t6, t2, 56
	mv	a3, t6
	addi	a0, a0, 64
	addi	a6, a6, 64
	addi	a2, a2, -64
.Lshift_word:				/* a2 < 64: steps of 32, 16, 8 bytes */
	andi	t0, a2, 32
	beqz	t0, 1f
	EX(.Lretry_shift, ld a4, 8(a6))
	EX(.Lretry_shift, ld a5, 16(a6))
	EX(.Lretry_shift, ld a7, 24(a6))
	EX(.Lretry_shift, ld t1, 32(a6))
	MERGE	a3, a4, t0, 0
	MERGE	a4, a5, t0, 8
	MERGE	a5, a7, t0, 16
	MERGE	a7, t1, t0, 24
	mv	a3, t1
	addi	a0, a0, 32
	addi	a6, a6, 32
	addi	a2, a2, -32
1:	andi	t0, a2, 16
	beqz	t0, 1f
	EX(.Lretry_shift, ld a4, 8(a6))
	EX(.Lretry_shift, ld a5, 16(a6))
	MERGE	a3, a4, t0, 0
	MERGE	a4, a5, t0, 8
	mv	a3, a5
	addi	a0, a0, 16
	addi	a6, a6, 16
	addi	a2, a2, -16
1:	andi	t0, a2, 8
	beqz	t0, .Lshift_end
	EX(.Lretry_shift, ld a4, 8(a6))
	MERGE	a3, a4, t0, 0
	addi	a0, a0, 8
	addi	a6, a6, 8
	addi	a2, a2, -8
.Lshift_end:				/* src for the last bytes */
	srli	t0, t4, 3
	add	a1, a6, t0
	j	.Lbytes

	/*
	 * src & 7 = 4: each dst word is two halves of source words, stored
	 * by two aligned sw (4 instructions a word instead of 5).  Stores of
	 * a shifted word whose top bytes are patched afterwards would leave
	 * bytes that are not the source's past the count if another CPU
	 * unmapped the page between the two stores.
	 */
.Lhalves:				/* 128 bytes; a3 holds the word at 0(a6) */
	EX(.Lretry_shift, ld a4, 8(a6))
	EX(.Lretry_shift, ld a5, 16(a6))
	EX(.Lretry_shift, ld a7, 24(a6))
	EX(.Lretry_shift, ld t0, 32(a6))
	EX(.Lretry_shift, ld t1, 40(a6))
	EX(.Lretry_shift, ld t2, 48(a6))
	EX(.Lretry_shift, ld t3, 56(a6))
	EX(.Lretry_shift, ld t6, 64(a6))
	HALVES	a3, a4, 0, 4
	HALVES	a4, a5, 8, 12
	HALVES	a5, a7, 16, 20
	HALVES	a7, t0, 24, 28
	HALVES	t0, t1, 32, 36
	HALVES	t1, t2, 40, 44
	HALVES	t2, t3, 48, 52
	HALVES	t3, t6, 56, 60
	EX(.Ls64, ld a4, 72(a6))
	EX(.Ls64, ld a5, 80(a6))
	EX(.Ls64, ld a7, 88(a6))
	EX(.Ls64, ld t0, 96(a6))
	EX(.Ls64, ld t1, 104(a6))
	EX(.Ls64, ld t2, 112(a6))
	EX(.Ls64, ld t3, 120(a6))
	EX(.Ls64, ld a3, 128(a6))
	HALVES	t6, a4, 64, 68
	HALVES	a4, a5, 72, 76
	HALVES	a5, a7, 80, 84
	HALVES	a7, t0, 88, 92
	HALVES	t0, t1, 96, 100
	HALVES	t1, t2, 104, 108
	HALVES	t2, t3, 112, 116
	HALVES	t3, a3, 120, 124
	addi	a0, a0, 128
	addi	a6, a6, 128
	addi	a2, a2, -128
	sltiu	t0, a2, 128
	beqz	t0, .Lhalves
	j	.Lshift_tail

	/*
	 * Fixups of a fault at offset off of a step: the off bytes below it
	 * are stored, so the cursors move past them before the bytewise
	 * retry (in the shift loops a1 is first rebuilt from a6).
	 */
	.irp off, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120
.Lc\off:
	li	t0, \off
	j	.Lcommit
	.endr
	.irp off, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88, 92, 96, 100, 104, 108, 112, 116, 120, 124
.Ls\off:
	li	t0, \off
	j	.Lcommit_shift
	.endr
.Ls0:
.Lretry_shift:				/* a fault in a shift step: a1 from a6 */
	li	t0, 0
.Lcommit_shift:
	srli	t1, t4, 3
	add	a1, a6, t1
.Lcommit:
	add	a0, a0, t0
	add	a1, a1, t0
	sub	a2, a2, t0
	.globl	__vmio_copy_retry	/* for the vector path's fixups */
	.hidden	__vmio_copy_retry
__vmio_copy_retry:
.Lretry:				/* a wide access faulted: the handler cleared SUM */
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
.Lbytes:
	beqz	a2, .Ldone
.Lbytes_nz:				/* a2 > 0 bytes, one a turn, until a0 = t2 */
	add	t2, a0, a2		/* may wrap to 0: hence bne, not bltu */
1:	EX(.Lbytes_fault, lbu t0, 0(a1))
	EX(.Lbytes_fault, sb t0, 0(a0))
	addi	a0, a0, 1
	addi	a1, a1, 1
	bne	a0, t2, 1b
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	li	a0, 0
	ret
.Lbytes_fault:				/* a byte access faulted: t2 - a0 not done */
	sub	a2, t2, a0

.Ldone:					/* also where a byte access resumes after a fault */
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	mv	a0, a2
	ret
ENDFUNC(__memcpy_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memcpy_fallible_end
	.hidden __memcpy_fallible_end
__memcpy_fallible_end:
