/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   a0  dst, advanced past each step once it is stored
 *   a1  src, advanced with dst
 *   a2  bytes not yet copied, returned in a0; unsigned: every test of it
 *       is sltui, bltu/bgeu, a bit test or a test for zero
 *   a3  scratch: tests, the bytes a jump covers, a fixup's offset
 *   a4  128, the block size      t0-t7  data in flight      t8  jump target
 *
 * Short copies (len < 8) go bytewise, through one jump into a table of
 * 64-byte slots, slot len copying len bytes.  Otherwise, when dst is not
 * 8-aligned, one jump into a table of 64-byte slots stores the 1 to 7 bytes
 * up to the next 8-aligned address (1-, 2- and 4-byte pieces); then
 * 128-byte blocks of sixteen ld.d/st.d pairs; then the whole words of
 * what is left by one jump into a run of fifteen pairs (each pair is 8
 * bytes of code, so the jump goes back from the run's end by as many bytes
 * as it copies); then one step each for the 4, 2, 1 bits.  LoongArch (la464,
 * and QEMU) loads from misaligned addresses, so src needs no shifting
 * whatever its alignment.  Every store is aligned, so none straddles a
 * page: Loongson-2 cores emulate misaligned accesses, and an emulated store
 * could land in part before it faults.
 *
 * Each piece is loaded and then stored before the next is loaded, and
 * pieces go upwards, so at a fault every byte below the faulting piece is
 * stored and none at or above it.  A fault in a wide access resumes bytewise
 * from that piece: its fixup stub (.Lfix<offset>, below) adds the piece's
 * offset from a0 to the cursors first.  So the bytewise retry starts at
 * the first byte not yet stored, and it stores no byte it has not just
 * read, even when another CPU unmaps a lower page between the fault and the
 * retry (the SMP form of exactness, docs/DESIGN.md).  A fault in a byte
 * access ends the copy: that byte is the first inaccessible one.
 */
#include "asm.h"

/* ld.d, then st.d, of the 8 bytes at off through t; a fault resumes at off. */
.macro PAIR t, off, fix
	EX(\fix, ld.d \t, $a1, \off)
	EX(\fix, st.d \t, $a0, \off)
.endm

/* The same for 1, 2 or 4 bytes (ld.bu/st.b, ld.hu/st.h, ld.wu/st.w). */
.macro PIECE ld, st, off, fix
	EX(\fix, \ld $t0, $a1, \off)
	EX(\fix, \st $t0, $a0, \off)
.endm

/* The cursors past n bytes just stored. */
.macro ADVANCE n
	addi.d	$a0, $a0, \n
	addi.d	$a1, $a1, \n
	addi.d	$a2, $a2, -\n
.endm

/* One slot of the head table: 64 bytes, ending in a branch to .Laligned. */
.macro HEAD_END n
	ADVANCE	\n
	b	.Laligned
	.p2align 6
.endm

	.text
FUNC(__memcpy_fallible)
	sltui	$a3, $a2, 8
	bnez	$a3, .Lshort		/* 0..7 bytes: one slot of bytes */
	andi	$a3, $a0, 7
	bnez	$a3, .Lhead		/* dst misaligned: 8 - a3 bytes first */

.Laligned:				/* dst 8-aligned */
	ori	$a4, $zero, 128
	bltu	$a2, $a4, .Lwords

.Lblock:				/* 128 bytes a turn */
	PAIR	$t0, 0, .Lretry
	PAIR	$t1, 8, .Lfix8
	PAIR	$t2, 16, .Lfix16
	PAIR	$t3, 24, .Lfix24
	PAIR	$t4, 32, .Lfix32
	PAIR	$t5, 40, .Lfix40
	PAIR	$t6, 48, .Lfix48
	PAIR	$t7, 56, .Lfix56
	PAIR	$t0, 64, .Lfix64
	PAIR	$t1, 72, .Lfix72
	PAIR	$t2, 80, .Lfix80
	PAIR	$t3, 88, .Lfix88
	PAIR	$t4, 96, .Lfix96
	PAIR	$t5, 104, .Lfix104
	PAIR	$t6, 112, .Lfix112
	PAIR	$t7, 120, .Lfix120
	ADVANCE	128
	bgeu	$a2, $a4, .Lblock

.Lwords:				/* a2 < 128: its whole words in one jump */
	andi	$a3, $a2, 0x78
	beqz	$a3, .Lbits
	add.d	$a0, $a0, $a3		/* the cursors past them, the run */
	add.d	$a1, $a1, $a3		/* below counts back from there */
	sub.d	$a2, $a2, $a3
	pcaddi	$t8, %pcrel_20(.Lbits)
	sub.d	$t8, $t8, $a3
	jr	$t8
	PAIR	$t0, -120, .Lfixm120
	PAIR	$t1, -112, .Lfixm112
	PAIR	$t2, -104, .Lfixm104
	PAIR	$t3, -96, .Lfixm96
	PAIR	$t4, -88, .Lfixm88
	PAIR	$t5, -80, .Lfixm80
	PAIR	$t6, -72, .Lfixm72
	PAIR	$t7, -64, .Lfixm64
	PAIR	$t0, -56, .Lfixm56
	PAIR	$t1, -48, .Lfixm48
	PAIR	$t2, -40, .Lfixm40
	PAIR	$t3, -32, .Lfixm32
	PAIR	$t4, -24, .Lfixm24
	PAIR	$t5, -16, .Lfixm16
	PAIR	$t6, -8, .Lfixm8

.Lbits:					/* a2 < 8, dst 8-aligned */
	beqz	$a2, .Ldone
	andi	$a3, $a2, 4
	beqz	$a3, 1f
	PIECE	ld.wu, st.w, 0, .Lretry
	ADVANCE	4
1:	andi	$a3, $a2, 2
	beqz	$a3, 1f
	PIECE	ld.hu, st.h, 0, .Lretry
	ADVANCE	2
1:	beqz	$a2, .Ldone
	PIECE	ld.bu, st.b, 0, .Ldone
	move	$a0, $zero
	ret

/* A fault in the piece at a0 + a3: the cursors to it, then bytewise. */
.Lresume:
	add.d	$a0, $a0, $a3
	add.d	$a1, $a1, $a3
	sub.d	$a2, $a2, $a3
.Lretry:				/* a wide access faulted at a0: bytewise */
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

	FIXUP_STUBS

/*
 * dst & 7 = a3 in 1..7: slot a3 of the table below stores the 8 - a3
 * bytes up to the next 8-aligned address, each piece aligned.
 */
.Lhead:
	slli.d	$a3, $a3, 6
	pcaddi	$t8, %pcrel_20(.Lhead_table)
	add.d	$t8, $t8, $a3
	jirl	$zero, $t8, -64		/* the table starts at slot 1 */
	.p2align 6
.Lhead_table:
	PIECE	ld.bu, st.b, 0, .Ldone	/* dst & 7 = 1: 1 + 2 + 4 */
	PIECE	ld.hu, st.h, 1, .Lfix1
	PIECE	ld.wu, st.w, 3, .Lfix3
	HEAD_END 7
	PIECE	ld.hu, st.h, 0, .Lretry	/* 2: 2 + 4 */
	PIECE	ld.wu, st.w, 2, .Lfix2
	HEAD_END 6
	PIECE	ld.bu, st.b, 0, .Ldone	/* 3: 1 + 4 */
	PIECE	ld.wu, st.w, 1, .Lfix1
	HEAD_END 5
	PIECE	ld.wu, st.w, 0, .Lretry	/* 4: 4 */
	HEAD_END 4
	PIECE	ld.bu, st.b, 0, .Ldone	/* 5: 1 + 2 */
	PIECE	ld.hu, st.h, 1, .Lfix1
	HEAD_END 3
	PIECE	ld.hu, st.h, 0, .Lretry	/* 6: 2 */
	HEAD_END 2
	PIECE	ld.bu, st.b, 0, .Ldone	/* 7: 1 */
	HEAD_END 1
	.org	.Lhead_table + 7 * 64	/* fails if a slot outgrew 64 bytes */

/*
 * len = a2 in 1..7: slot a2 of the table below copies a2 bytes one by one
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
	PIECE	ld.bu, st.b, 0, .Ldone
	.if	\n > 1
	PIECE	ld.bu, st.b, 1, .Lshort1
	.endif
	.if	\n > 2
	PIECE	ld.bu, st.b, 2, .Lshort2
	.endif
	.if	\n > 3
	PIECE	ld.bu, st.b, 3, .Lshort3
	.endif
	.if	\n > 4
	PIECE	ld.bu, st.b, 4, .Lshort4
	.endif
	.if	\n > 5
	PIECE	ld.bu, st.b, 5, .Lshort5
	.endif
	.if	\n > 6
	PIECE	ld.bu, st.b, 6, .Lshort6
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
ENDFUNC(__memcpy_fallible)
/* The end, for tests that check where an interrupt landed. */
	.globl __memcpy_fallible_end
	.hidden __memcpy_fallible_end
__memcpy_fallible_end:
