/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   a0  dst, advanced only past committed bytes
 *   a1  src, advanced with dst
 *   a2  bytes not yet copied, returned in a0; unsigned: every test of it
 *       is sltui, bltu/bgeu, a bit test or a test for zero
 *   a3  scratch (tests)      a4  128, the block size      t0-t7  data in flight
 *
 * Short copies (len < 8) go bytewise.  Otherwise 1-, 2- and 4-byte steps
 * until dst is 8-aligned, 128-byte blocks (two halves of eight ld.d then
 * eight st.d), then one step each for the 64, 32, 16, 8, 4, 2, 1 bits of
 * what is left.  LoongArch (la464, and QEMU) loads from misaligned
 * addresses, so src needs no shifting whatever its alignment; every store
 * is aligned, so none straddles a page.
 *
 * Within a step the loads of a half come before its stores, and stores go
 * upwards, so whatever a step stores lies below the first byte it could not
 * reach.  A fault in a wide access (a misaligned load that reaches into an
 * inaccessible page faults as a whole) resumes bytewise at a0/a1/a2, the
 * last committed position, re-storing what the step already wrote with the
 * same values: the count is exact and no byte past it is written.
 */
#include "asm.h"

/* Eight ld.d from off(a1), then eight aligned st.d to off(a0). */
.macro COPY64 off, fixup
	EX(\fixup, ld.d $t0, $a1, \off)
	EX(\fixup, ld.d $t1, $a1, \off + 8)
	EX(\fixup, ld.d $t2, $a1, \off + 16)
	EX(\fixup, ld.d $t3, $a1, \off + 24)
	EX(\fixup, ld.d $t4, $a1, \off + 32)
	EX(\fixup, ld.d $t5, $a1, \off + 40)
	EX(\fixup, ld.d $t6, $a1, \off + 48)
	EX(\fixup, ld.d $t7, $a1, \off + 56)
	EX(\fixup, st.d $t0, $a0, \off)
	EX(\fixup, st.d $t1, $a0, \off + 8)
	EX(\fixup, st.d $t2, $a0, \off + 16)
	EX(\fixup, st.d $t3, $a0, \off + 24)
	EX(\fixup, st.d $t4, $a0, \off + 32)
	EX(\fixup, st.d $t5, $a0, \off + 40)
	EX(\fixup, st.d $t6, $a0, \off + 48)
	EX(\fixup, st.d $t7, $a0, \off + 56)
.endm

	.text
FUNC(__memcpy_fallible)
	sltui	$a3, $a2, 8
	bnez	$a3, .Lbytes		/* short: bytewise only */

	andi	$a3, $a0, 1		/* 1-, 2-, 4-byte steps: dst 8-aligned */
	beqz	$a3, 1f
	EX(.Ldone, ld.bu $t0, $a1, 0)
	EX(.Ldone, st.b $t0, $a0, 0)
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
1:	andi	$a3, $a0, 2
	beqz	$a3, 1f
	EX(.Lretry, ld.hu $t0, $a1, 0)
	EX(.Lretry, st.h $t0, $a0, 0)
	addi.d	$a0, $a0, 2
	addi.d	$a1, $a1, 2
	addi.d	$a2, $a2, -2
1:	andi	$a3, $a0, 4
	beqz	$a3, 1f
	EX(.Lretry, ld.wu $t0, $a1, 0)
	EX(.Lretry, st.w $t0, $a0, 0)
	addi.d	$a0, $a0, 4
	addi.d	$a1, $a1, 4
	addi.d	$a2, $a2, -4
1:	ori	$a4, $zero, 128
	bltu	$a2, $a4, .Ltail

.Lblock:				/* 128 bytes a turn */
	COPY64	0, .Lretry
	COPY64	64, .Lretry
	addi.d	$a0, $a0, 128
	addi.d	$a1, $a1, 128
	addi.d	$a2, $a2, -128
	bgeu	$a2, $a4, .Lblock

.Ltail:					/* a2 < 128 bytes: one step per bit */
	andi	$a3, $a2, 64
	beqz	$a3, 1f
	COPY64	0, .Lretry
	addi.d	$a0, $a0, 64
	addi.d	$a1, $a1, 64
	addi.d	$a2, $a2, -64
1:	andi	$a3, $a2, 32
	beqz	$a3, 1f
	EX(.Lretry, ld.d $t0, $a1, 0)
	EX(.Lretry, ld.d $t1, $a1, 8)
	EX(.Lretry, ld.d $t2, $a1, 16)
	EX(.Lretry, ld.d $t3, $a1, 24)
	EX(.Lretry, st.d $t0, $a0, 0)
	EX(.Lretry, st.d $t1, $a0, 8)
	EX(.Lretry, st.d $t2, $a0, 16)
	EX(.Lretry, st.d $t3, $a0, 24)
	addi.d	$a0, $a0, 32
	addi.d	$a1, $a1, 32
	addi.d	$a2, $a2, -32
1:	andi	$a3, $a2, 16
	beqz	$a3, 1f
	EX(.Lretry, ld.d $t0, $a1, 0)
	EX(.Lretry, ld.d $t1, $a1, 8)
	EX(.Lretry, st.d $t0, $a0, 0)
	EX(.Lretry, st.d $t1, $a0, 8)
	addi.d	$a0, $a0, 16
	addi.d	$a1, $a1, 16
	addi.d	$a2, $a2, -16
1:	andi	$a3, $a2, 8
	beqz	$a3, 1f
	EX(.Lretry, ld.d $t0, $a1, 0)
	EX(.Lretry, st.d $t0, $a0, 0)
	addi.d	$a0, $a0, 8
	addi.d	$a1, $a1, 8
	addi.d	$a2, $a2, -8
1:	andi	$a3, $a2, 4
	beqz	$a3, 1f
	EX(.Lretry, ld.wu $t0, $a1, 0)
	EX(.Lretry, st.w $t0, $a0, 0)
	addi.d	$a0, $a0, 4
	addi.d	$a1, $a1, 4
	addi.d	$a2, $a2, -4
1:	andi	$a3, $a2, 2
	beqz	$a3, 1f
	EX(.Lretry, ld.hu $t0, $a1, 0)
	EX(.Lretry, st.h $t0, $a0, 0)
	addi.d	$a0, $a0, 2
	addi.d	$a1, $a1, 2
	addi.d	$a2, $a2, -2
1:	beqz	$a2, .Ldone		/* 0 or 1 byte left */
	EX(.Ldone, ld.bu $t0, $a1, 0)
	EX(.Ldone, st.b $t0, $a0, 0)
	move	$a2, $zero
	b	.Ldone

.Lretry:				/* a wide access faulted: redo bytewise */
.Lbytes:
	beqz	$a2, .Ldone
1:	EX(.Ldone, ld.bu $t0, $a1, 0)
	EX(.Ldone, st.b $t0, $a0, 0)
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
	bnez	$a2, 1b

.Ldone:					/* also where a byte access resumes after a fault */
	move	$a0, $a2
	ret
ENDFUNC(__memcpy_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memcpy_fallible_end
	.hidden __memcpy_fallible_end
__memcpy_fallible_end:
