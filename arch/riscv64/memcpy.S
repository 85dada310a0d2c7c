/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  src, advanced with a0
 *   a2  bytes not yet copied; returned in a0
 *   a3..a7, t0..t2  data words
 *   t3  64 or 8 (loop bound)     t4, t5  shift amounts (misaligned src)
 *   a6  aligned src cursor (misaligned src)      t6  SSTATUS_SUM
 *
 * Bytes until dst is 8-aligned; then 64-byte blocks of aligned loads and
 * stores (all loads of a block before its stores), then 8-byte words,
 * then bytes.  A misaligned src is read with aligned loads merged by
 * shifts: each loaded word holds a byte the copy needs, so no load
 * reaches a page the copy would not.  No access is ever misaligned:
 * OpenSBI emulates misaligned ones byte by byte, and such a store could
 * land in part before faulting.
 *
 * A fault in a wide access resumes bytewise at a0/a1/a2, the last committed
 * position (a block that faulted in its stores rewrites the same bytes), so
 * the copy stops exactly at the first inaccessible byte and stores nothing
 * past it.
 */
#include "asm.h"

	.text
FUNC(__memcpy_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	li	t3, 16
	bltu	a2, t3, .Lbytes		/* short: bytewise only */

.Lhead:					/* bytes until dst is 8-aligned */
	andi	t0, a0, 7
	beqz	t0, .Laligned
1:	lbu	t0, 0(a1)
	VMIO_EX(1b, .Ldone)
2:	sb	t0, 0(a0)
	VMIO_EX(2b, .Ldone)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lhead

.Laligned:
	andi	t0, a1, 7
	bnez	t0, .Lshift
	li	t3, 64
	bltu	a2, t3, .Lwords
.Lblock:				/* 64 bytes: eight loads, then eight stores */
10:	ld	a3, 0(a1)
	VMIO_EX(10b, .Lretry)
11:	ld	a4, 8(a1)
	VMIO_EX(11b, .Lretry)
12:	ld	a5, 16(a1)
	VMIO_EX(12b, .Lretry)
13:	ld	a6, 24(a1)
	VMIO_EX(13b, .Lretry)
14:	ld	a7, 32(a1)
	VMIO_EX(14b, .Lretry)
15:	ld	t0, 40(a1)
	VMIO_EX(15b, .Lretry)
16:	ld	t1, 48(a1)
	VMIO_EX(16b, .Lretry)
17:	ld	t2, 56(a1)
	VMIO_EX(17b, .Lretry)
20:	sd	a3, 0(a0)
	VMIO_EX(20b, .Lretry)
21:	sd	a4, 8(a0)
	VMIO_EX(21b, .Lretry)
22:	sd	a5, 16(a0)
	VMIO_EX(22b, .Lretry)
23:	sd	a6, 24(a0)
	VMIO_EX(23b, .Lretry)
24:	sd	a7, 32(a0)
	VMIO_EX(24b, .Lretry)
25:	sd	t0, 40(a0)
	VMIO_EX(25b, .Lretry)
26:	sd	t1, 48(a0)
	VMIO_EX(26b, .Lretry)
27:	sd	t2, 56(a0)
	VMIO_EX(27b, .Lretry)
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
	bgeu	a2, t3, .Lblock

.Lwords:				/* single aligned words */
	li	t3, 8
	bltu	a2, t3, .Lbytes
30:	ld	t0, 0(a1)
	VMIO_EX(30b, .Lretry)
31:	sd	t0, 0(a0)
	VMIO_EX(31b, .Lretry)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lwords

.Lshift:				/* dst aligned, src not: merge aligned words */
	slli	t4, t0, 3		/* right shift: 8 * (src & 7) */
	neg	t5, t4			/* left shift: 64 - that, modulo 64 */
	andi	a6, a1, -8
40:	ld	a3, 0(a6)		/* holds src[0], which the copy needs */
	VMIO_EX(40b, .Lretry)
	li	t3, 32
	bltu	a2, t3, .Lshift_word
.Lshift_block:				/* 32 bytes per turn */
41:	ld	a4, 8(a6)
	VMIO_EX(41b, .Lretry)
42:	ld	a5, 16(a6)
	VMIO_EX(42b, .Lretry)
43:	ld	a7, 24(a6)
	VMIO_EX(43b, .Lretry)
44:	ld	t2, 32(a6)
	VMIO_EX(44b, .Lretry)
	srl	t0, a3, t4
	sll	t1, a4, t5
	or	t0, t0, t1
45:	sd	t0, 0(a0)
	VMIO_EX(45b, .Lretry)
	srl	t0, a4, t4
	sll	t1, a5, t5
	or	t0, t0, t1
46:	sd	t0, 8(a0)
	VMIO_EX(46b, .Lretry)
	srl	t0, a5, t4
	sll	t1, a7, t5
	or	t0, t0, t1
47:	sd	t0, 16(a0)
	VMIO_EX(47b, .Lretry)
	srl	t0, a7, t4
	sll	t1, t2, t5
	or	t0, t0, t1
48:	sd	t0, 24(a0)
	VMIO_EX(48b, .Lretry)
	mv	a3, t2
	addi	a6, a6, 32
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
	bgeu	a2, t3, .Lshift_block
.Lshift_word:				/* 8 bytes per turn */
	li	t3, 8
	bltu	a2, t3, .Lbytes
50:	ld	a4, 8(a6)
	VMIO_EX(50b, .Lretry)
	srl	t0, a3, t4
	sll	t1, a4, t5
	or	t0, t0, t1
51:	sd	t0, 0(a0)
	VMIO_EX(51b, .Lretry)
	mv	a3, a4
	addi	a6, a6, 8
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lshift_word

.Lretry:				/* a wide access faulted: the handler cleared SUM */
	csrs	sstatus, t6
.Lbytes:
	beqz	a2, .Ldone
60:	lbu	t0, 0(a1)
	VMIO_EX(60b, .Ldone)
61:	sb	t0, 0(a0)
	VMIO_EX(61b, .Ldone)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lbytes

.Ldone:					/* also where a byte access resumes after a fault */
	csrc	sstatus, t6
	mv	a0, a2
	ret
ENDFUNC(__memcpy_fallible)
