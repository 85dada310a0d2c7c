/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   a0  dst, advanced as bytes are committed
 *   a1  src, advanced with dst
 *   a2  bytes not yet copied; returned in a0
 *   a3  scratch (loop tests)
 *   t0-t7  data in flight
 *
 * Shape: a byte head until dst is 8-byte aligned, 64 bytes a step (eight
 * ld.d then eight aligned st.d), 8 bytes a step, a byte tail.  LoongArch
 * (la464) loads from misaligned addresses, so src needs no shifting; the
 * stores are aligned, so none straddles a page.  a0/a1/a2 move only after
 * a whole step is stored: a fault in a wide access resumes at .Lretry,
 * which redoes that step bytewise and stops at the first byte access that
 * faults.  The count is then exact and no byte past it was written.
 */
#include "asm.h"

	.text
FUNC(__memcpy_fallible)
	sltui	$a3, $a2, 16		/* short copies: bytewise */
	bnez	$a3, .Lretry
.Lhead:
	andi	$a3, $a0, 7
	beqz	$a3, .Lblocks
1:	ld.bu	$t0, $a1, 0
	VMIO_EX(1b, .Ldone)
2:	st.b	$t0, $a0, 0
	VMIO_EX(2b, .Ldone)
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
	b	.Lhead

.Lblocks:
	sltui	$a3, $a2, 64
	bnez	$a3, .Lwords
.Lblock:
10:	ld.d	$t0, $a1, 0
	VMIO_EX(10b, .Lretry)
11:	ld.d	$t1, $a1, 8
	VMIO_EX(11b, .Lretry)
12:	ld.d	$t2, $a1, 16
	VMIO_EX(12b, .Lretry)
13:	ld.d	$t3, $a1, 24
	VMIO_EX(13b, .Lretry)
14:	ld.d	$t4, $a1, 32
	VMIO_EX(14b, .Lretry)
15:	ld.d	$t5, $a1, 40
	VMIO_EX(15b, .Lretry)
16:	ld.d	$t6, $a1, 48
	VMIO_EX(16b, .Lretry)
17:	ld.d	$t7, $a1, 56
	VMIO_EX(17b, .Lretry)
20:	st.d	$t0, $a0, 0
	VMIO_EX(20b, .Lretry)
21:	st.d	$t1, $a0, 8
	VMIO_EX(21b, .Lretry)
22:	st.d	$t2, $a0, 16
	VMIO_EX(22b, .Lretry)
23:	st.d	$t3, $a0, 24
	VMIO_EX(23b, .Lretry)
24:	st.d	$t4, $a0, 32
	VMIO_EX(24b, .Lretry)
25:	st.d	$t5, $a0, 40
	VMIO_EX(25b, .Lretry)
26:	st.d	$t6, $a0, 48
	VMIO_EX(26b, .Lretry)
27:	st.d	$t7, $a0, 56
	VMIO_EX(27b, .Lretry)
	addi.d	$a0, $a0, 64
	addi.d	$a1, $a1, 64
	addi.d	$a2, $a2, -64
	sltui	$a3, $a2, 64
	beqz	$a3, .Lblock

.Lwords:
	sltui	$a3, $a2, 8
	bnez	$a3, .Lretry
30:	ld.d	$t0, $a1, 0
	VMIO_EX(30b, .Lretry)
31:	st.d	$t0, $a0, 0
	VMIO_EX(31b, .Lretry)
	addi.d	$a0, $a0, 8
	addi.d	$a1, $a1, 8
	addi.d	$a2, $a2, -8
	b	.Lwords

	/* The byte tail, and the bytewise retry after a wide fault. */
.Lretry:
	beqz	$a2, .Ldone
40:	ld.bu	$t0, $a1, 0
	VMIO_EX(40b, .Ldone)
41:	st.b	$t0, $a0, 0
	VMIO_EX(41b, .Ldone)
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
	b	.Lretry

.Ldone:
	move	$a0, $a2
	ret
ENDFUNC(__memcpy_fallible)
