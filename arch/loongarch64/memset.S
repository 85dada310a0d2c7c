/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   a0  dst, advanced past each step once it is stored
 *   a1  byte, widened to eight copies of its low 8 bits
 *   a2  bytes not yet set, returned in a0; unsigned: every test of it is
 *       sltui, bltu/bgeu, a bit test or a test for zero
 *   a3  scratch: tests, a jump's length, a fixup's offset
 *   a4  128, the block size      t8  jump target
 *
 * Same shape as memcpy.S: short fills (len < 8) bytewise through one jump
 * into a table of 64-byte slots (slot len: len st.b); otherwise a jump
 * into a table of 64-byte slots stores the 1 to 7 bytes up to the next
 * 8-aligned address when dst is not 8-aligned; then 128-byte blocks of
 * sixteen st.d; then the whole words of what is left by one jump into a
 * run of fifteen st.d (4 bytes of code a word: the jump goes back from the
 * run's end by half the bytes it sets); then one aligned step each for the
 * 4, 2, 1 bits.  Every store is aligned, so none straddles a page.
 *
 * Stores go upwards, so at a fault every byte below the faulting store is
 * set and none at or above it.  A fault in a wide store resumes bytewise
 * from that store (its fixup stub adds the store's offset from a0 first),
 * so the retry starts at the first byte not yet set even when another CPU
 * unmaps a lower page in between; a fault in a byte store ends the fill.
 */
#include "asm.h"

/* One store of width st at off; a fault resumes at off (fix). */
.macro STORE st, off, fix
	EX(\fix, \st $a1, $a0, \off)
.endm

/* One slot of the head table: a0/a2 past n bytes, then on aligned. */
.macro HEAD_END n
	addi.d	$a0, $a0, \n
	addi.d	$a2, $a2, -\n
	b	.Laligned
	.p2align 6
.endm

	.text
FUNC(__memset_fallible)
	sltui	$a3, $a2, 8
	bnez	$a3, .Lshort		/* 0..7 bytes: one slot of st.b */
	bstrins.d	$a1, $a1, 15, 8	/* byte -> 8 copies (st.b uses the low 8) */
	bstrins.d	$a1, $a1, 31, 16
	bstrins.d	$a1, $a1, 63, 32
	andi	$a3, $a0, 7
	bnez	$a3, .Lhead		/* dst misaligned: 8 - a3 bytes first */

.Laligned:				/* dst 8-aligned */
	ori	$a4, $zero, 128
	bltu	$a2, $a4, .Lwords

.Lblock:				/* 128 bytes: sixteen st.d */
	STORE	st.d, 0, .Lretry
	STORE	st.d, 8, .Lfix8
	STORE	st.d, 16, .Lfix16
	STORE	st.d, 24, .Lfix24
	STORE	st.d, 32, .Lfix32
	STORE	st.d, 40, .Lfix40
	STORE	st.d, 48, .Lfix48
	STORE	st.d, 56, .Lfix56
	STORE	st.d, 64, .Lfix64
	STORE	st.d, 72, .Lfix72
	STORE	st.d, 80, .Lfix80
	STORE	st.d, 88, .Lfix88
	STORE	st.d, 96, .Lfix96
	STORE	st.d, 104, .Lfix104
	STORE	st.d, 112, .Lfix112
	STORE	st.d, 120, .Lfix120
	addi.d	$a0, $a0, 128
	addi.d	$a2, $a2, -128
	bgeu	$a2, $a4, .Lblock

.Lwords:				/* a2 < 128: its whole words in one jump */
	srli.d	$a3, $a2, 1
	andi	$a3, $a3, 0x3c		/* half the bytes in whole words */
	beqz	$a3, .Lbits
	alsl.d	$a0, $a3, $a0, 1	/* a0 past them, the run below */
	andi	$a2, $a2, 7		/* counts back from there */
	pcaddi	$t8, %pcrel_20(.Lbits)
	sub.d	$t8, $t8, $a3
	jr	$t8
	STORE	st.d, -120, .Lfixm120
	STORE	st.d, -112, .Lfixm112
	STORE	st.d, -104, .Lfixm104
	STORE	st.d, -96, .Lfixm96
	STORE	st.d, -88, .Lfixm88
	STORE	st.d, -80, .Lfixm80
	STORE	st.d, -72, .Lfixm72
	STORE	st.d, -64, .Lfixm64
	STORE	st.d, -56, .Lfixm56
	STORE	st.d, -48, .Lfixm48
	STORE	st.d, -40, .Lfixm40
	STORE	st.d, -32, .Lfixm32
	STORE	st.d, -24, .Lfixm24
	STORE	st.d, -16, .Lfixm16
	STORE	st.d, -8, .Lfixm8

.Lbits:					/* a2 < 8, dst 8-aligned */
	beqz	$a2, .Ldone
	andi	$a3, $a2, 4
	beqz	$a3, 1f
	STORE	st.w, 0, .Lretry
	addi.d	$a0, $a0, 4
	addi.d	$a2, $a2, -4
1:	andi	$a3, $a2, 2
	beqz	$a3, 1f
	STORE	st.h, 0, .Lretry
	addi.d	$a0, $a0, 2
	addi.d	$a2, $a2, -2
1:	beqz	$a2, .Ldone
	STORE	st.b, 0, .Ldone
	move	$a0, $zero
	ret

/* A fault in the store at a0 + a3: the cursors to it, then bytewise. */
.Lresume:
	add.d	$a0, $a0, $a3
	sub.d	$a2, $a2, $a3
.Lretry:				/* a wide store faulted at a0: bytewise */
	beqz	$a2, .Ldone
1:	EX(.Ldone, st.b $a1, $a0, 0)
	addi.d	$a0, $a0, 1
	addi.d	$a2, $a2, -1
	bnez	$a2, 1b

.Ldone:					/* also where a byte store resumes after a fault */
	move	$a0, $a2
	ret

	FIXUP_STUBS

/*
 * dst & 7 = a3 in 1..7: slot a3 of the table below stores the 8 - a3
 * bytes up to the next 8-aligned address, each store aligned.
 */
.Lhead:
	slli.d	$a3, $a3, 6
	pcaddi	$t8, %pcrel_20(.Lhead_table)
	add.d	$t8, $t8, $a3
	jirl	$zero, $t8, -64		/* the table starts at slot 1 */
	.p2align 6
.Lhead_table:
	STORE	st.b, 0, .Ldone		/* dst & 7 = 1: 1 + 2 + 4 */
	STORE	st.h, 1, .Lfix1
	STORE	st.w, 3, .Lfix3
	HEAD_END 7
	STORE	st.h, 0, .Lretry	/* 2: 2 + 4 */
	STORE	st.w, 2, .Lfix2
	HEAD_END 6
	STORE	st.b, 0, .Ldone		/* 3: 1 + 4 */
	STORE	st.w, 1, .Lfix1
	HEAD_END 5
	STORE	st.w, 0, .Lretry	/* 4: 4 */
	HEAD_END 4
	STORE	st.b, 0, .Ldone		/* 5: 1 + 2 */
	STORE	st.h, 1, .Lfix1
	HEAD_END 3
	STORE	st.h, 0, .Lretry	/* 6: 2 */
	HEAD_END 2
	STORE	st.b, 0, .Ldone		/* 7: 1 */
	HEAD_END 1
	.org	.Lhead_table + 7 * 64	/* fails if a slot outgrew 64 bytes */

/*
 * len = a2 in 1..7: slot a2 of the table below stores a2 bytes one by one
 * and returns 0.  A fault at byte j returns a2 - j (.Lshort<j>).
 */
.Lshort:
	beqz	$a2, .Ldone
	slli.d	$a3, $a2, 6
	pcaddi	$t8, %pcrel_20(.Lshort_table)
	add.d	$t8, $t8, $a3
	jirl	$zero, $t8, -64		/* the table starts at slot 1 */
	.p2align 6
.Lshort_table:
	.irp	n, 1, 2, 3, 4, 5, 6, 7
	STORE	st.b, 0, .Ldone
	.if	\n > 1
	STORE	st.b, 1, .Lshort1
	.endif
	.if	\n > 2
	STORE	st.b, 2, .Lshort2
	.endif
	.if	\n > 3
	STORE	st.b, 3, .Lshort3
	.endif
	.if	\n > 4
	STORE	st.b, 4, .Lshort4
	.endif
	.if	\n > 5
	STORE	st.b, 5, .Lshort5
	.endif
	.if	\n > 6
	STORE	st.b, 6, .Lshort6
	.endif
	move	$a0, $zero
	ret
	.p2align 6
	.endr
	.org	.Lshort_table + 7 * 64
	.irp	j, 1, 2, 3, 4, 5, 6
.Lshort\j:
	addi.d	$a0, $a2, -\j
	ret
	.endr
ENDFUNC(__memset_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memset_fallible_end
	.hidden __memset_fallible_end
__memset_fallible_end:
