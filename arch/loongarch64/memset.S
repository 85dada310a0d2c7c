/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  byte, widened to eight copies of its low 8 bits
 *   a2  bytes not yet set, returned in a0; unsigned: every test of it is
 *       sltui, bltu/bgeu, a bit test or a test for zero
 *   a3  scratch (tests)      a4  128, the block size
 *
 * Same shape as memcpy.S: short fills (len < 8) bytewise; otherwise
 * aligned 1-, 2-, 4-byte stores until dst is 8-aligned, 128-byte blocks of
 * sixteen st.d, then one aligned step each for the 64, 32, 16, 8, 4, 2, 1
 * bits of what is left.  A fault in a wide store resumes bytewise at the
 * committed position (a block rewrites the same bytes), so the count is
 * exact and nothing past it is written.
 */
#include "asm.h"

	.text
FUNC(__memset_fallible)
	bstrins.d	$a1, $a1, 15, 8	/* byte -> 8 copies (st.b uses the low 8) */
	bstrins.d	$a1, $a1, 31, 16
	bstrins.d	$a1, $a1, 63, 32
	sltui	$a3, $a2, 8
	bnez	$a3, .Lbytes		/* short: bytewise only */

	andi	$a3, $a0, 1		/* 1-, 2-, 4-byte steps: dst 8-aligned */
	beqz	$a3, 1f
	EX(.Ldone, st.b $a1, $a0, 0)
	addi.d	$a0, $a0, 1
	addi.d	$a2, $a2, -1
1:	andi	$a3, $a0, 2
	beqz	$a3, 1f
	EX(.Lretry, st.h $a1, $a0, 0)
	addi.d	$a0, $a0, 2
	addi.d	$a2, $a2, -2
1:	andi	$a3, $a0, 4
	beqz	$a3, 1f
	EX(.Lretry, st.w $a1, $a0, 0)
	addi.d	$a0, $a0, 4
	addi.d	$a2, $a2, -4
1:	ori	$a4, $zero, 128
	bltu	$a2, $a4, .Ltail

.Lblock:				/* 128 bytes: sixteen st.d */
	EX(.Lretry, st.d $a1, $a0, 0)
	EX(.Lretry, st.d $a1, $a0, 8)
	EX(.Lretry, st.d $a1, $a0, 16)
	EX(.Lretry, st.d $a1, $a0, 24)
	EX(.Lretry, st.d $a1, $a0, 32)
	EX(.Lretry, st.d $a1, $a0, 40)
	EX(.Lretry, st.d $a1, $a0, 48)
	EX(.Lretry, st.d $a1, $a0, 56)
	EX(.Lretry, st.d $a1, $a0, 64)
	EX(.Lretry, st.d $a1, $a0, 72)
	EX(.Lretry, st.d $a1, $a0, 80)
	EX(.Lretry, st.d $a1, $a0, 88)
	EX(.Lretry, st.d $a1, $a0, 96)
	EX(.Lretry, st.d $a1, $a0, 104)
	EX(.Lretry, st.d $a1, $a0, 112)
	EX(.Lretry, st.d $a1, $a0, 120)
	addi.d	$a0, $a0, 128
	addi.d	$a2, $a2, -128
	bgeu	$a2, $a4, .Lblock

.Ltail:					/* a2 < 128 bytes: one step per bit */
	andi	$a3, $a2, 64
	beqz	$a3, 1f
	EX(.Lretry, st.d $a1, $a0, 0)
	EX(.Lretry, st.d $a1, $a0, 8)
	EX(.Lretry, st.d $a1, $a0, 16)
	EX(.Lretry, st.d $a1, $a0, 24)
	EX(.Lretry, st.d $a1, $a0, 32)
	EX(.Lretry, st.d $a1, $a0, 40)
	EX(.Lretry, st.d $a1, $a0, 48)
	EX(.Lretry, st.d $a1, $a0, 56)
	addi.d	$a0, $a0, 64
	addi.d	$a2, $a2, -64
1:	andi	$a3, $a2, 32
	beqz	$a3, 1f
	EX(.Lretry, st.d $a1, $a0, 0)
	EX(.Lretry, st.d $a1, $a0, 8)
	EX(.Lretry, st.d $a1, $a0, 16)
	EX(.Lretry, st.d $a1, $a0, 24)
	addi.d	$a0, $a0, 32
	addi.d	$a2, $a2, -32
1:	andi	$a3, $a2, 16
	beqz	$a3, 1f
	EX(.Lretry, st.d $a1, $a0, 0)
	EX(.Lretry, st.d $a1, $a0, 8)
	addi.d	$a0, $a0, 16
	addi.d	$a2, $a2, -16
1:	andi	$a3, $a2, 8
	beqz	$a3, 1f
	EX(.Lretry, st.d $a1, $a0, 0)
	addi.d	$a0, $a0, 8
	addi.d	$a2, $a2, -8
1:	andi	$a3, $a2, 4
	beqz	$a3, 1f
	EX(.Lretry, st.w $a1, $a0, 0)
	addi.d	$a0, $a0, 4
	addi.d	$a2, $a2, -4
1:	andi	$a3, $a2, 2
	beqz	$a3, 1f
	EX(.Lretry, st.h $a1, $a0, 0)
	addi.d	$a0, $a0, 2
	addi.d	$a2, $a2, -2
1:	beqz	$a2, .Ldone		/* 0 or 1 byte left */
	EX(.Ldone, st.b $a1, $a0, 0)
	move	$a2, $zero
	b	.Ldone

.Lretry:				/* a wide store faulted: redo bytewise */
.Lbytes:
	beqz	$a2, .Ldone
1:	EX(.Ldone, st.b $a1, $a0, 0)
	addi.d	$a0, $a0, 1
	addi.d	$a2, $a2, -1
	bnez	$a2, 1b

.Ldone:					/* also where a byte store resumes after a fault */
	move	$a0, $a2
	ret
ENDFUNC(__memset_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memset_fallible_end
	.hidden __memset_fallible_end
__memset_fallible_end:
