/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   a0  dst, advanced as bytes are committed
 *   a1  byte, widened to eight copies of its low 8 bits
 *   a2  bytes not yet set; returned in a0
 *   a3  scratch (loop tests)
 *
 * Same shape as memcpy.S: byte head to 8-byte alignment, 64 bytes a step
 * of aligned st.d, 8 bytes a step, byte tail.  A fault in a wide store
 * resumes at .Lretry, which redoes the step bytewise until a byte store
 * faults, so the count is exact.
 */
#include "asm.h"

	.text
FUNC(__memset_fallible)
	bstrins.d	$a1, $a1, 15, 8	/* byte -> 8 copies (st.b uses the low 8) */
	bstrins.d	$a1, $a1, 31, 16
	bstrins.d	$a1, $a1, 63, 32
	sltui	$a3, $a2, 16		/* short fills: bytewise */
	bnez	$a3, .Lretry
.Lhead:
	andi	$a3, $a0, 7
	beqz	$a3, .Lblocks
1:	st.b	$a1, $a0, 0
	VMIO_EX(1b, .Ldone)
	addi.d	$a0, $a0, 1
	addi.d	$a2, $a2, -1
	b	.Lhead

.Lblocks:
	sltui	$a3, $a2, 64
	bnez	$a3, .Lwords
.Lblock:
20:	st.d	$a1, $a0, 0
	VMIO_EX(20b, .Lretry)
21:	st.d	$a1, $a0, 8
	VMIO_EX(21b, .Lretry)
22:	st.d	$a1, $a0, 16
	VMIO_EX(22b, .Lretry)
23:	st.d	$a1, $a0, 24
	VMIO_EX(23b, .Lretry)
24:	st.d	$a1, $a0, 32
	VMIO_EX(24b, .Lretry)
25:	st.d	$a1, $a0, 40
	VMIO_EX(25b, .Lretry)
26:	st.d	$a1, $a0, 48
	VMIO_EX(26b, .Lretry)
27:	st.d	$a1, $a0, 56
	VMIO_EX(27b, .Lretry)
	addi.d	$a0, $a0, 64
	addi.d	$a2, $a2, -64
	sltui	$a3, $a2, 64
	beqz	$a3, .Lblock

.Lwords:
	sltui	$a3, $a2, 8
	bnez	$a3, .Lretry
30:	st.d	$a1, $a0, 0
	VMIO_EX(30b, .Lretry)
	addi.d	$a0, $a0, 8
	addi.d	$a2, $a2, -8
	b	.Lwords

	/* The byte tail, and the bytewise retry after a wide fault. */
.Lretry:
	beqz	$a2, .Ldone
40:	st.b	$a1, $a0, 0
	VMIO_EX(40b, .Ldone)
	addi.d	$a0, $a0, 1
	addi.d	$a2, $a2, -1
	b	.Lretry

.Ldone:
	move	$a0, $a2
	ret
ENDFUNC(__memset_fallible)
