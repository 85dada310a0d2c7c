/*
 * int __strnlen_fallible(const char *src, size_t max, size_t *len)
 * int __strncpy_fallible(char *dst, const char *src, size_t max, size_t *len)
 *
 * (contract: include/vmio/arch.h)
 *
 * Aligned 8-byte words of src, eight a turn while 64 bytes or more may be
 * looked at, else one; a word is passed over only when none of its bytes
 * is zero ((w - 0x01..) & ~w & 0x80.. = 0, summed over a turn with or).
 * strncpy first copies bytes one at a time until dst is aligned; the
 * first word with a zero, the last bytes (fewer than a word) and any fault
 * of a word load go on bytewise from the committed position: the byte
 * loop stops exactly at the NUL (stored too), at max or at a faulting
 * byte, and every byte stored is one that was tested.  strnlen finds the
 * NUL in the word's zero mask instead (below); bytewise only after a
 * fault.  A word is loaded only while none before it held a NUL and a
 * byte of it lies within max; a turn, loaded whole before it is tested,
 * never spans two 4 KiB pages (TURNS: the turns that fit are counted when
 * they begin, single words go up to the page end), so no load reaches a
 * page a bytewise scan would not.  Counts are bytes left, never
 * an end pointer (src + max may wrap to 0).
 *
 * strncpy with src and dst misaligned differently: dst is aligned by the
 * head, src is read with aligned loads and each dst word is merged,
 * (cur >> r) | (next << l), sixteen a turn while 128 bytes are left (then
 * eight, then one).  The 128-byte turn tests its sixteen words with three
 * instructions each, acc &= (0x0101..00 - w) | w (= ~((w - ONES) & ~w)),
 * and one compare of acc's 0x80.. bits; for r = 8, 16, 32 a dst word is
 * sd cur >> r and one sb/sh/sw of next over its top bytes.  A turn that
 * holds a zero is redone word by word from its registers.  No store is
 * misaligned (OpenSBI would emulate it byte by byte).
 *
 * A retry resumes at the first byte not yet stored (strnlen: counted):
 * nothing of a turn is stored before all of it is tested, and the merge
 * path first stores the tested bytes its current word still holds.  With
 * no turn spanning two pages, a page that another CPU unmaps after its
 * bytes were read is never read again (docs/DESIGN.md, exactness).
 *
 * The trap handler clears sstatus.SUM; a retry after a fault sets it again.
 */
#include "asm.h"

#define ENAMETOOLONG (-36)

/* acc = (w - ONES) & ~w (t5 = ONES), z scratch. */
.macro ZFIRST acc, w, z
	sub	\acc, \w, t5
	not	\z, \w
	and	\acc, \acc, \z
.endm

/* acc |= (w - ONES) & ~w, y and z scratch. */
.macro ZACC acc, w, y, z
	sub	\y, \w, t5
	not	\z, \w
	and	\y, \y, \z
	or	\acc, \acc, \y
.endm

/* strnlen: word w, the k-th of a turn, holds a zero: go to .Lzero with its mask in t4. */
.macro WORDZ w, k
	ZFIRST	t4, \w, t6
	slli	t6, t5, 7
	and	t4, t4, t6
	beqz	t4, 1f
	addi	a3, a3, 8 * \k
	addi	a1, a1, -8 * \k
	j	.Lzero
1:
.endm

/* out = (lo >> r) | (hi << l), built in lo (a7 = r, t6 = l, t4 scratch), stored at off(a0). */
.macro MERGE lo, hi, off
	srl	\lo, \lo, a7
	sll	t4, \hi, t6
	or	\lo, \lo, t4
	sd	\lo, \off(a0)
.endm

/* v = (c - w) | w = ~((w - ONES) & ~w), t5 = c = ONES - 1: its 0x80..
 * bits are all set iff w has no zero byte.  acc = v. */
.macro NZFIRST acc, w
	sub	\acc, t5, \w
	or	\acc, \acc, \w
.endm

/* acc &= (c - w) | w (t5 = c), y scratch. */
.macro NZACC acc, w, y
	sub	\y, t5, \w
	or	\y, \y, \w
	and	\acc, \acc, \y
.endm

/* dst word at off = (lo >> r) | (hi << l): MERGE with scratch t4. */
.macro MERGE128 lo, hi, off, st, poff
	MERGE	\lo, \hi, \off
.endm

/* The same for r = 8, 16 or 32: sd lo >> r, then st the low r/8 bytes of
 * hi over its top bytes (poff = 8 - r/8).  Between the two stores those
 * bytes are 0; both are within the turn, tested and counted. */
.macro PATCH128 lo, hi, off, st, poff
	srl	\lo, \lo, a7
	sd	\lo, \off(a0)
	\st	\hi, \off+\poff(a0)
.endm

/* 128 bytes a turn, src and dst misaligned differently: sixteen next
 * words, one test of all sixteen, sixteen dst words stored by merge. */
.macro M128 name, merge, st=sb, poff=0
\name:
	EX(.Lm128retry, ld a3, 8(a6))
	EX(.Lm128retry, ld a4, 16(a6))
	EX(.Lm128retry, ld t0, 24(a6))
	EX(.Lm128retry, ld t1, 32(a6))
	EX(.Lm128retry, ld t2, 40(a6))
	EX(.Lm128retry, ld s0, 48(a6))
	EX(.Lm128retry, ld s1, 56(a6))
	EX(.Lm128retry, ld s2, 64(a6))
	EX(.Lm128retry, ld s3, 72(a6))
	EX(.Lm128retry, ld s4, 80(a6))
	EX(.Lm128retry, ld s5, 88(a6))
	EX(.Lm128retry, ld s6, 96(a6))
	EX(.Lm128retry, ld s7, 104(a6))
	EX(.Lm128retry, ld s8, 112(a6))
	EX(.Lm128retry, ld s9, 120(a6))
	EX(.Lm128retry, ld s10, 128(a6))
	NZFIRST	t3, a3
	NZACC	t3, a4, t4
	NZACC	t3, t0, t4
	NZACC	t3, t1, t4
	NZACC	t3, t2, t4
	NZACC	t3, s0, t4
	NZACC	t3, s1, t4
	NZACC	t3, s2, t4
	NZACC	t3, s3, t4
	NZACC	t3, s4, t4
	NZACC	t3, s5, t4
	NZACC	t3, s6, t4
	NZACC	t3, s7, t4
	NZACC	t3, s8, t4
	NZACC	t3, s9, t4
	NZACC	t3, s10, t4
	and	t3, t3, s11
	bne	t3, s11, .Lm128dirty
	\merge	a5, a3, 0, \st, \poff
	\merge	a3, a4, 8, \st, \poff
	\merge	a4, t0, 16, \st, \poff
	\merge	t0, t1, 24, \st, \poff
	\merge	t1, t2, 32, \st, \poff
	\merge	t2, s0, 40, \st, \poff
	\merge	s0, s1, 48, \st, \poff
	\merge	s1, s2, 56, \st, \poff
	\merge	s2, s3, 64, \st, \poff
	\merge	s3, s4, 72, \st, \poff
	\merge	s4, s5, 80, \st, \poff
	\merge	s5, s6, 88, \st, \poff
	\merge	s6, s7, 96, \st, \poff
	\merge	s7, s8, 104, \st, \poff
	\merge	s8, s9, 112, \st, \poff
	\merge	s9, s10, 120, \st, \poff
	mv	a5, s10
	addi	a0, a0, 128
	addi	a6, a6, 128
	addi	a1, a1, -1
	bnez	a1, \name
	j	.Lm128next
.endm

/* In a turn that held a zero: store the dst word at off from lo and hi if
 * hi has none, else go bytewise from off (.Lmz<off>: t4 = off). */
.macro MDIRTY lo, hi, off
	sub	t3, t5, \hi
	or	t3, t3, \hi
	and	t3, t3, s11
	bne	t3, s11, .Lmz\off
	srl	\lo, \lo, a7
	sll	a1, \hi, t6
	or	\lo, \lo, a1
	sd	\lo, \off(a0)
.endm

.macro M128RESTORE
	ld	s4, 48(sp)
	ld	s5, 56(sp)
	ld	s6, 64(sp)
	ld	s7, 72(sp)
	ld	s8, 80(sp)
	ld	s9, 88(sp)
	ld	s10, 96(sp)
	ld	s11, 104(sp)
.endm

/*
 * n = min(left >> sh, turns in the page): the turns of 2^sh bytes from
 * q = p + off (8-aligned) that lie within the bytes left and end in the
 * 4 KiB page q is in (every page size here is a multiple of 4 KiB).  A
 * turn is loaded whole before it is tested, so one that crossed into the
 * next page could load a page a byte scan never reaches.  ~q % 4096 is
 * 4095 - q % 4096: (4095 - q % 4096) >> sh turns fit, one short when the
 * page ends on a turn boundary (then single words end it); exact = 1 adds
 * 8 first, which makes it exact for q 8-aligned.
 */
.macro TURNS n, p, off, left, sh, tmp, exact=0
	not	\n, \p
.if \off
	addi	\n, \n, -\off
.endif
	slli	\n, \n, 52
.if \exact
	srli	\n, \n, 52
	addi	\n, \n, 8
	srli	\n, \n, \sh
.else
	srli	\n, \n, 52 + \sh
.endif
	srli	\tmp, \left, \sh
	bgeu	\tmp, \n, 1f
	mv	\n, \tmp
1:
.endm

/* Branch to label if acc & 0x80.. (a zero byte among those summed). */
.macro ZTEST acc, tmp, label
	slli	\tmp, t5, 7
	and	\acc, \acc, \tmp
	bnez	\acc, \label
.endm

/*
 * strnlen reads no byte twice: the head is the aligned word holding src
 * (its bytes below src read as 0xff), and the word holding the NUL, or
 * the last word holding a byte within max, gives the NUL's place from its
 * zero mask: the lowest flagged byte is exactly the first zero, found as
 * popcount((m & -m) - 1 & 0x01..) - 1 with one mul.  Bytes one at a time
 * only after a fault.
 *
 *   a0  src (saved on the stack while a0 counts the turns left in the
 *       page, TURNS)       a3  cursor: src + bytes committed (aligned
 *                              after the head)
 *   a1  bytes left (max - committed)   stack: the len pointer, src
 *   t5  0x0101..           a4..a7, t0..t3 words, t4 sum or mask,
 *   a2, t6  scratch
 */
	.text
FUNC(__strnlen_fallible)
#ifdef VMIO_RVV
	RVV_DISPATCH_STR __vmio_rvv_strnlen	/* rvv_string.S */
#endif
	addi	sp, sp, -16
	sd	a2, 0(sp)		/* a2 is scratch in the eight-word turn */
	sd	a0, 8(sp)		/* a0 counts the turns left */
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	li	t5, 0x01010101
	slli	t6, t5, 32
	or	t5, t5, t6		/* 0x0101.. */
	mv	a3, a0
	beqz	a1, .Ltoolong
	andi	t0, a0, 7
	sub	t1, a0, t0
	EX(.Lretry, ld a4, 0(t1))	/* the word holding src[0] */
	slli	t0, t0, 3
	li	t2, 1			/* its bytes below src read as 0xff */
	sll	t2, t2, t0
	addi	t2, t2, -1
	or	a4, a4, t2
	ZFIRST	t4, a4, t6
	slli	t6, t5, 7
	and	t4, t4, t6
	srl	t4, t4, t0		/* bit 8j + 7: src[j] */
	bnez	t4, .Lzero
	li	t2, 8			/* none: 8 - (src & 7) bytes done */
	srli	t0, t0, 3
	sub	t2, t2, t0
	bgeu	t2, a1, .Lnone
	add	a3, a3, t2
	sub	a1, a1, t2
.Lwords:
	sltiu	t0, a1, 64
	bnez	t0, .Lword
	TURNS	a0, a3, 0, a1, 6, t0
	beqz	a0, .Lpgword		/* less than 64 bytes to the page end */
.Lblock:				/* 64 bytes: eight words, one test */
	EX(.Lretry, ld a4, 0(a3))
	EX(.Lretry, ld a5, 8(a3))
	EX(.Lretry, ld a6, 16(a3))
	EX(.Lretry, ld a7, 24(a3))
	EX(.Lretry, ld t0, 32(a3))
	EX(.Lretry, ld t1, 40(a3))
	EX(.Lretry, ld t2, 48(a3))
	EX(.Lretry, ld t3, 56(a3))
	ZFIRST	t4, a4, t6
	ZACC	t4, a5, a2, t6
	ZACC	t4, a6, a2, t6
	ZACC	t4, a7, a2, t6
	ZACC	t4, t0, a2, t6
	ZACC	t4, t1, a2, t6
	ZACC	t4, t2, a2, t6
	ZACC	t4, t3, a2, t6
	ZTEST	t4, t6, .Lblock_zero
	addi	a3, a3, 64
	addi	a1, a1, -64
	addi	a0, a0, -1
	bnez	a0, .Lblock
	j	.Lwords
.Lpgword:				/* words up to the page end; a1 >= 64 */
	EX(.Lretry, ld a4, 0(a3))
	ZFIRST	t4, a4, t6
	slli	t6, t5, 7
	and	t4, t4, t6
	bnez	t4, .Lzero
	addi	a3, a3, 8
	addi	a1, a1, -8
	slli	t0, a3, 52
	bnez	t0, .Lpgword
	j	.Lwords
.Lblock_zero:				/* the first of the eight words with a zero */
	WORDZ	a4, 0
	WORDZ	a5, 1
	WORDZ	a6, 2
	WORDZ	a7, 3
	WORDZ	t0, 4
	WORDZ	t1, 5
	WORDZ	t2, 6
	WORDZ	t3, 7
.Lword:					/* one word; the last may reach past max */
	beqz	a1, .Lnone
	EX(.Lretry, ld a4, 0(a3))
	ZFIRST	t4, a4, t6
	slli	t6, t5, 7
	and	t4, t4, t6
	bnez	t4, .Lzero
	sltiu	t0, a1, 9
	bnez	t0, .Lnone		/* the word held all that was left */
	addi	a3, a3, 8
	addi	a1, a1, -8
	j	.Lword
.Lzero:					/* t4: mask of a3's word; first zero at j */
	neg	t6, t4
	and	t4, t4, t6
	addi	t4, t4, -1
	and	t4, t4, t5
	mul	t4, t4, t5
	srli	t4, t4, 56		/* j + 1 */
	addi	t4, t4, -1
	bgeu	t4, a1, .Lnone		/* at or past max */
	add	a3, a3, t4
	j	.Lfound
.Lnone:					/* no NUL in the a1 bytes left */
	add	a3, a3, a1
	j	.Ltoolong
.Lretry:				/* a word load faulted */
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
.Lbytes:				/* to the NUL, max or a faulting byte */
	beqz	a1, .Ltoolong
	EX(.Lfault, lbu t1, 0(a3))
	beqz	t1, .Lfound
	addi	a3, a3, 1
	addi	a1, a1, -1
	j	.Lbytes
.Lfound:
	li	t0, 0
	j	.Lret
.Ltoolong:
	li	t0, ENAMETOOLONG
	j	.Lret
.Lfault:
	li	t0, VMIO_EFAULT
.Lret:
	ld	a0, 8(sp)
	sub	a3, a3, a0
	ld	a2, 0(sp)
	sd	a3, 0(a2)
	addi	sp, sp, 16
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	mv	a0, t0
	ret
ENDFUNC(__strnlen_fallible)
#ifdef VMIO_RVV
	RVV_DISPATCH_STR __vmio_rvv_strnlen	/* rvv_string.S */
#endif

/*
 *   a0  dst + committed    a1  src + committed
 *   a2  bytes left         t5  0x0101..
 *   stack: 0 the len pointer, 8 dst, 16..47 s0..s3 saved, 48..111
 *          s4..s11 saved while in a 128-byte merge turn
 *   s0 (aligned) and s3 (merge): the 64-byte turns left (TURNS)
 *   aligned turn: a3..a7, t0..t2 words, t3 sum, t4 t6 scratch
 *   merge: a6 aligned src cursor (src + committed - s), a5 the word there,
 *          a7 r = 8 * s, t6 l = 64 - r (mod 64), a3 a4 t0 t1 t2 s0 s1 s2
 *          the next words, t3 sum, t4 a1 scratch (a1 is rebuilt from a6)
 *   128-byte merge turn: as merge, with a3 a4 t0 t1 t2 s0..s10 the sixteen
 *          next words, t5 = 0x0101..00 (ONES - 1, restored on leaving),
 *          s11 0x8080.., t3 sum, t4 scratch, a1 turns left (a2 then holds
 *          the bytes left past them, a2 & 127), a1 scratch once out
 */
FUNC(__strncpy_fallible)
#ifdef VMIO_RVV
	RVV_DISPATCH_STR __vmio_rvv_strncpy	/* rvv_string.S */
#endif
	addi	sp, sp, -112
	sd	a3, 0(sp)
	sd	a0, 8(sp)
	sd	s0, 16(sp)		/* the merge turn needs three more registers */
	sd	s1, 24(sp)
	sd	s2, 32(sp)
	sd	s3, 40(sp)		/* s0 and s3 count the turns left */
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	li	t5, 0x01010101
	slli	t6, t5, 32
	or	t5, t5, t6		/* 0x0101.. */
.Lchead:				/* bytes until dst is aligned */
	andi	t0, a0, 7
	beqz	t0, .Lcwords
	beqz	a2, .Lctoolong
	EX(.Lcfault, lbu t1, 0(a1))
	sb	t1, 0(a0)
	beqz	t1, .Lcfound
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lchead
.Lcwords:
	andi	t0, a1, 7
	bnez	t0, .Lmerge
.Lcturns:
	sltiu	t0, a2, 64
	bnez	t0, .Lcword
	TURNS	s0, a1, 0, a2, 6, t0
	beqz	s0, .Lcpgword		/* less than 64 bytes to the page end */
.Lcblock:				/* 64 bytes: eight words, one test, eight sd */
	EX(.Lcretry, ld a3, 0(a1))
	EX(.Lcretry, ld a4, 8(a1))
	EX(.Lcretry, ld a5, 16(a1))
	EX(.Lcretry, ld a6, 24(a1))
	EX(.Lcretry, ld a7, 32(a1))
	EX(.Lcretry, ld t0, 40(a1))
	EX(.Lcretry, ld t1, 48(a1))
	EX(.Lcretry, ld t2, 56(a1))
	ZFIRST	t3, a3, t6
	ZACC	t3, a4, t4, t6
	ZACC	t3, a5, t4, t6
	ZACC	t3, a6, t4, t6
	ZACC	t3, a7, t4, t6
	ZACC	t3, t0, t4, t6
	ZACC	t3, t1, t4, t6
	ZACC	t3, t2, t4, t6
	ZTEST	t3, t4, .Lcword
	sd	a3, 0(a0)
	sd	a4, 8(a0)
	sd	a5, 16(a0)
	sd	a6, 24(a0)
	sd	a7, 32(a0)
	sd	t0, 40(a0)
	sd	t1, 48(a0)
	sd	t2, 56(a0)
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
	addi	s0, s0, -1
	bnez	s0, .Lcblock
	j	.Lcturns
.Lcpgword:				/* words up to the page end; a2 >= 64 */
	EX(.Lcretry, ld a3, 0(a1))
	ZFIRST	t3, a3, t6
	ZTEST	t3, t4, .Lcbytes
	sd	a3, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	slli	t0, a1, 52
	bnez	t0, .Lcpgword
	j	.Lcturns
.Lcword:
	sltiu	t0, a2, 8
	bnez	t0, .Lcbytes
	EX(.Lcretry, ld a3, 0(a1))
	ZFIRST	t3, a3, t6
	ZTEST	t3, t4, .Lcbytes
	sd	a3, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lcword

.Lmerge:				/* dst aligned, src & 7 = t0 != 0 */
	slli	a7, t0, 3
	neg	t6, a7
	andi	a6, a1, -8
	sltiu	t1, a2, 8
	bnez	t1, .Lcbytes
	EX(.Lcbytes, ld a5, 0(a6))	/* holds src[0]: a fault is at src[0] too */
	li	t1, 1			/* its bytes below src read as 0xff */
	sll	t1, t1, a7
	addi	t1, t1, -1
	or	t1, a5, t1
	ZFIRST	t2, t1, t3
	ZTEST	t2, t3, .Lmbytes
.Lmturns:				/* a5: the tested word at a6 */
	sltiu	t3, a2, 128
	bnez	t3, .Lmblock
	TURNS	t4, a6, 8, a2, 7, t3, 1	/* next words from a6 + 8 */
	beqz	t4, .Lmblock
	sd	s4, 48(sp)		/* the 128-byte turn needs eight more */
	sd	s5, 56(sp)
	sd	s6, 64(sp)
	sd	s7, 72(sp)
	sd	s8, 80(sp)
	sd	s9, 88(sp)
	sd	s10, 96(sp)
	sd	s11, 104(sp)
	slli	s11, t5, 7		/* 0x8080.. */
	addi	t5, t5, -1		/* 0x0101..00 */
	mv	a1, t4			/* turns; a2 + 128 * a1 = bytes left */
	slli	t4, t4, 7
	sub	a2, a2, t4
.Lm128disp:
	li	t3, 8
	beq	a7, t3, .Lm128s1
	li	t3, 16
	beq	a7, t3, .Lm128s2
	li	t3, 32
	beq	a7, t3, .Lm128s4
	M128	.Lm128any, MERGE128
	M128	.Lm128s1, PATCH128, sb, 7
	M128	.Lm128s2, PATCH128, sh, 6
	M128	.Lm128s4, PATCH128, sw, 4
.Lm128dirty:				/* a word of the turn holds a zero */
	slli	a1, a1, 7
	add	a2, a2, a1
	MDIRTY	a5, a3, 0
	MDIRTY	a3, a4, 8
	MDIRTY	a4, t0, 16
	MDIRTY	t0, t1, 24
	MDIRTY	t1, t2, 32
	MDIRTY	t2, s0, 40
	MDIRTY	s0, s1, 48
	MDIRTY	s1, s2, 56
	MDIRTY	s2, s3, 64
	MDIRTY	s3, s4, 72
	MDIRTY	s4, s5, 80
	MDIRTY	s5, s6, 88
	MDIRTY	s6, s7, 96
	MDIRTY	s7, s8, 104
	MDIRTY	s8, s9, 112
	MDIRTY	s9, s10, 120
	li	t4, 128			/* not reached: the turn held a zero */
	j	.Lm128commit
.Lmz0:	li	t4, 0
	j	.Lm128commit
.Lmz8:	li	t4, 8
	j	.Lm128commit
.Lmz16:	li	t4, 16
	j	.Lm128commit
.Lmz24:	li	t4, 24
	j	.Lm128commit
.Lmz32:	li	t4, 32
	j	.Lm128commit
.Lmz40:	li	t4, 40
	j	.Lm128commit
.Lmz48:	li	t4, 48
	j	.Lm128commit
.Lmz56:	li	t4, 56
	j	.Lm128commit
.Lmz64:	li	t4, 64
	j	.Lm128commit
.Lmz72:	li	t4, 72
	j	.Lm128commit
.Lmz80:	li	t4, 80
	j	.Lm128commit
.Lmz88:	li	t4, 88
	j	.Lm128commit
.Lmz96:	li	t4, 96
	j	.Lm128commit
.Lmz104:	li	t4, 104
	j	.Lm128commit
.Lmz112:	li	t4, 112
	j	.Lm128commit
.Lmz120:	li	t4, 120
	j	.Lm128commit
.Lm128commit:				/* t4 bytes of the turn stored */
	add	a0, a0, t4
	add	a6, a6, t4
	sub	a2, a2, t4
	M128RESTORE
	j	.Lmbytes
.Lm128retry:				/* a load of the turn faulted */
	slli	a1, a1, 7
	add	a2, a2, a1
	M128RESTORE
	j	.Lmretry
.Lm128next:				/* the turns counted are done, a1 = 0 */
	sltiu	t3, a2, 128
	bnez	t3, .Lm128done
	addi	t3, a6, 8
	slli	t3, t3, 52
	bnez	t3, .Lm128pg		/* fewer than 128 bytes to the page end */
	TURNS	a1, a6, 8, a2, 7, t3, 1
	slli	t4, a1, 7
	sub	a2, a2, t4
	j	.Lm128disp
.Lm128pg:				/* next words up to the page end, as MDIRTY tests */
	EX(.Lm128retry, ld a3, 8(a6))
	sub	t3, t5, a3
	or	t3, t3, a3
	and	t3, t3, s11
	bne	t3, s11, .Lmz0
	srl	a5, a5, a7
	sll	t4, a3, t6
	or	a5, a5, t4
	sd	a5, 0(a0)
	mv	a5, a3
	addi	a0, a0, 8
	addi	a6, a6, 8
	addi	a2, a2, -8
	addi	t3, a6, 8
	slli	t3, t3, 52
	bnez	t3, .Lm128pg
	j	.Lm128next
.Lm128done:				/* fewer than 128 bytes left: a2 */
	M128RESTORE
	addi	t5, t5, 1		/* 0x0101.. again */
.Lmblock:				/* 64 bytes: eight next words, one test */
	sltiu	t3, a2, 64
	bnez	t3, .Lmword
	TURNS	s3, a6, 8, a2, 6, t3
	beqz	s3, .Lmpgword		/* less than 64 bytes to the page end */
1:	EX(.Lmretry, ld a3, 8(a6))
	EX(.Lmretry, ld a4, 16(a6))
	EX(.Lmretry, ld t0, 24(a6))
	EX(.Lmretry, ld t1, 32(a6))
	EX(.Lmretry, ld t2, 40(a6))
	EX(.Lmretry, ld s0, 48(a6))
	EX(.Lmretry, ld s1, 56(a6))
	EX(.Lmretry, ld s2, 64(a6))
	ZFIRST	t3, a3, a1
	ZACC	t3, a4, t4, a1
	ZACC	t3, t0, t4, a1
	ZACC	t3, t1, t4, a1
	ZACC	t3, t2, t4, a1
	ZACC	t3, s0, t4, a1
	ZACC	t3, s1, t4, a1
	ZACC	t3, s2, t4, a1
	ZTEST	t3, t4, .Lmword
	MERGE	a5, a3, 0
	MERGE	a3, a4, 8
	MERGE	a4, t0, 16
	MERGE	t0, t1, 24
	MERGE	t1, t2, 32
	MERGE	t2, s0, 40
	MERGE	s0, s1, 48
	MERGE	s1, s2, 56
	mv	a5, s2
	addi	a0, a0, 64
	addi	a6, a6, 64
	addi	a2, a2, -64
	addi	s3, s3, -1
	bnez	s3, 1b
	j	.Lmturns
.Lmpgword:				/* next words up to the page end; a2 >= 64 */
	EX(.Lmretry, ld a3, 8(a6))
	ZFIRST	t2, a3, t4
	ZTEST	t2, t3, .Lmbytes
	srl	a5, a5, a7
	sll	t3, a3, t6
	or	a5, a5, t3
	sd	a5, 0(a0)
	mv	a5, a3
	addi	a0, a0, 8
	addi	a6, a6, 8
	addi	a2, a2, -8
	addi	t3, a6, 8
	slli	t3, t3, 52
	bnez	t3, .Lmpgword
	j	.Lmturns
.Lmword:				/* one next word while 8 bytes or more are left */
	sltiu	t1, a2, 8
	bnez	t1, .Lmbytes
	EX(.Lmretry, ld a3, 8(a6))
	ZFIRST	t2, a3, t4
	ZTEST	t2, t3, .Lmbytes
	srl	a5, a5, a7
	sll	t3, a3, t6
	or	a5, a5, t3
	sd	a5, 0(a0)
	mv	a5, a3
	addi	a0, a0, 8
	addi	a6, a6, 8
	addi	a2, a2, -8
	j	.Lmword
.Lmretry:				/* a next-word load faulted: a5's bytes first */
	srl	a5, a5, a7		/* its bytes from s on, tested, none zero */
	srli	t1, a7, 3
	li	t2, 8
	sub	t2, t2, t1		/* 8 - s of them, fewer than a2 */
	sub	a2, a2, t2
1:	sb	a5, 0(a0)
	srli	a5, a5, 8
	addi	a0, a0, 1
	addi	t2, t2, -1
	bnez	t2, 1b
	addi	a1, a6, 8		/* the word whose load faulted */
	j	.Lcbytes
.Lmbytes:
	srli	t1, a7, 3
	add	a1, a6, t1
	j	.Lcbytes
.Lcretry:				/* a word load faulted */
.Lcbytes:				/* to the NUL (stored), max or a faulting byte */
	li	t6, SSTATUS_SUM		/* again: a fault's trap handler cleared it */
	csrs	sstatus, t6
1:	beqz	a2, .Lctoolong
	EX(.Lcfault, lbu t1, 0(a1))
	sb	t1, 0(a0)
	beqz	t1, .Lcfound
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	1b
.Lcfound:
	li	t0, 0
	j	.Lcret
.Lctoolong:
	li	t0, ENAMETOOLONG
	j	.Lcret
.Lcfault:
	li	t0, VMIO_EFAULT
.Lcret:					/* *len = a0 - dst */
	ld	a4, 8(sp)
	sub	a4, a0, a4
	ld	a3, 0(sp)
	sd	a4, 0(a3)
	ld	s0, 16(sp)
	ld	s1, 24(sp)
	ld	s2, 32(sp)
	ld	s3, 40(sp)
	addi	sp, sp, 112
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	mv	a0, t0
	ret
ENDFUNC(__strncpy_fallible)
#ifdef VMIO_RVV
	RVV_DISPATCH_STR __vmio_rvv_strncpy	/* rvv_string.S */
#endif
