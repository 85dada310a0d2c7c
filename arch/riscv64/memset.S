/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  the byte (low 8 bits of the argument)
 *   a2  bytes not yet set; returned in a0
 *   t1  the byte in all eight lanes     t3  loop bound     t6  SSTATUS_SUM
 *
 * Bytes until dst is 8-aligned, 64-byte blocks of aligned stores, single
 * aligned words, then bytes.  A fault in a wide store resumes bytewise at
 * the committed position (a block rewrites the same bytes), so the fill
 * stops exactly at the first inaccessible byte and nothing past it is
 * written.  No store is misaligned (see memcpy.S).
 */
#include "asm.h"

	.text
FUNC(__memset_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	andi	a1, a1, 0xff
	li	t3, 16
	bltu	a2, t3, .Lbytes		/* short: bytewise only */

.Lhead:					/* bytes until dst is 8-aligned */
	andi	t0, a0, 7
	beqz	t0, .Laligned
1:	sb	a1, 0(a0)
	VMIO_EX(1b, .Ldone)
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lhead

.Laligned:
	slli	t0, a1, 8
	or	t1, a1, t0
	slli	t0, t1, 16
	or	t1, t1, t0
	slli	t0, t1, 32
	or	t1, t1, t0
	li	t3, 64
	bltu	a2, t3, .Lwords
.Lblock:
10:	sd	t1, 0(a0)
	VMIO_EX(10b, .Lretry)
11:	sd	t1, 8(a0)
	VMIO_EX(11b, .Lretry)
12:	sd	t1, 16(a0)
	VMIO_EX(12b, .Lretry)
13:	sd	t1, 24(a0)
	VMIO_EX(13b, .Lretry)
14:	sd	t1, 32(a0)
	VMIO_EX(14b, .Lretry)
15:	sd	t1, 40(a0)
	VMIO_EX(15b, .Lretry)
16:	sd	t1, 48(a0)
	VMIO_EX(16b, .Lretry)
17:	sd	t1, 56(a0)
	VMIO_EX(17b, .Lretry)
	addi	a0, a0, 64
	addi	a2, a2, -64
	bgeu	a2, t3, .Lblock

.Lwords:
	li	t3, 8
	bltu	a2, t3, .Lbytes
20:	sd	t1, 0(a0)
	VMIO_EX(20b, .Lretry)
	addi	a0, a0, 8
	addi	a2, a2, -8
	j	.Lwords

.Lretry:				/* a wide store faulted: the handler cleared SUM */
	csrs	sstatus, t6
.Lbytes:
	beqz	a2, .Ldone
30:	sb	a1, 0(a0)
	VMIO_EX(30b, .Ldone)
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lbytes

.Ldone:					/* also where a byte store resumes after a fault */
	csrc	sstatus, t6
	mv	a0, a2
	ret
ENDFUNC(__memset_fallible)
