/*
 * int __strnlen_fallible(const char *src, size_t max, size_t *len)
 * int __strncpy_fallible(char *dst, const char *src, size_t max, size_t *len)
 *
 * (contract: include/vmio/arch.h)
 *
 * Bytes one at a time until src is 8-aligned, then aligned 8-byte words of
 * src, eight a turn while 64 bytes or more may be looked at and the turn
 * lies in one 4 KiB page (TURNS counts the turns that fit when they
 * begin; single words go up to the page end), else one; a
 * word is used only when none of its bytes is zero ((w - 0x01..) & ~w &
 * 0x80.. = 0, with andn, summed over a turn with or).  The first word with
 * a zero, the last bytes (fewer than a word) and any fault of a word load
 * go on bytewise from the committed position: the byte loop stops exactly
 * at the NUL (stored too), at max or at a faulting byte, and every byte
 * stored is one that was tested.  A word is loaded only while none before
 * it held a NUL and a byte of it lies within max, and a turn (loaded
 * whole before it is tested) never spans two pages, so no load reaches a
 * page a bytewise scan would not.  Nothing of a turn is stored or counted
 * before all of it is tested, so a retry resumes at the first byte not
 * yet stored, and a page another CPU unmaps after its bytes were read is
 * never read again (docs/DESIGN.md, exactness).  Counts are bytes left, never an end
 * pointer (src + max may wrap to 0).  strncpy stores words to dst at any
 * alignment (LoongArch and QEMU allow it; dst is kernel memory, which does
 * not fault).
 */
#include "asm.h"

#define ENAMETOOLONG (-36)

/* rd = 0x0101010101010101 */
.macro ONES rd
	lu12i.w	\rd, 0x01010
	ori	\rd, \rd, 0x101
	lu32i.d	\rd, 0x10101
	lu52i.d	\rd, \rd, 0x010
.endm

/* acc = (w - ONES) & ~w; t8 = ONES. */
.macro ZFIRST acc, w
	sub.d	\acc, \w, $t8
	andn	\acc, \acc, \w
.endm

/* acc |= (w - ONES) & ~w, y scratch. */
.macro ZACC acc, w, y
	sub.d	\y, \w, $t8
	andn	\y, \y, \w
	or	\acc, \acc, \y
.endm

/*
 * n = min(left >> 6, turns in the page): the 64-byte turns from p that lie
 * within the bytes left and end in the 4 KiB page p is in (every page size
 * here is a multiple of 4 KiB).  A turn is loaded whole before it is
 * tested, so one that crossed into the next page could load a page a byte
 * scan never reaches.  Bits 11..6 of ~p are (4095 - p % 4096) >> 6, the
 * turns that fit, one short when the page ends on a turn boundary (then
 * single words end it).
 */
.macro TURNS n, p, left, tmp
	nor	\n, \p, $zero
	bstrpick.d \n, \n, 11, 6
	srli.d	\tmp, \left, 6
	bgeu	\tmp, \n, 1f
	move	\n, \tmp
1:
.endm

/*
 *   a0  src, kept           a3  cursor: src + bytes committed
 *   a1  bytes left          a2  len pointer
 *   t8  0x0101..            a7  0x8080..
 *   a4..a6, t0..t4  words   t5  sum   t6  scratch
 *   t7  turns left in the page (TURNS)
 */
	.text
FUNC(__strnlen_fallible)
	ONES	$t8
	slli.d	$a7, $t8, 7
	move	$a3, $a0
.Lhead:					/* bytes until a3 is aligned */
	andi	$t0, $a3, 7
	beqz	$t0, .Lwords
	beqz	$a1, .Ltoolong
	EX(.Lfault, ld.bu $t1, $a3, 0)
	beqz	$t1, .Lfound
	addi.d	$a3, $a3, 1
	addi.d	$a1, $a1, -1
	b	.Lhead
.Lwords:
	sltui	$t0, $a1, 64
	bnez	$t0, .Lword
	TURNS	$t7, $a3, $a1, $t0
	beqz	$t7, .Lpgword		/* less than 64 bytes to the page end */
.Lblock:				/* 64 bytes: eight words, one test */
	EX(.Lbytes, ld.d $a4, $a3, 0)
	EX(.Lbytes, ld.d $a5, $a3, 8)
	EX(.Lbytes, ld.d $a6, $a3, 16)
	EX(.Lbytes, ld.d $t0, $a3, 24)
	EX(.Lbytes, ld.d $t1, $a3, 32)
	EX(.Lbytes, ld.d $t2, $a3, 40)
	EX(.Lbytes, ld.d $t3, $a3, 48)
	EX(.Lbytes, ld.d $t4, $a3, 56)
	ZFIRST	$t5, $a4
	ZACC	$t5, $a5, $t6
	ZACC	$t5, $a6, $t6
	ZACC	$t5, $t0, $t6
	ZACC	$t5, $t1, $t6
	ZACC	$t5, $t2, $t6
	ZACC	$t5, $t3, $t6
	ZACC	$t5, $t4, $t6
	and	$t5, $t5, $a7
	bnez	$t5, .Lword
	addi.d	$a3, $a3, 64
	addi.d	$a1, $a1, -64
	addi.d	$t7, $t7, -1
	bnez	$t7, .Lblock
	b	.Lwords
.Lpgword:				/* words up to the page end; a1 >= 64 */
	EX(.Lbytes, ld.d $a4, $a3, 0)
	ZFIRST	$t5, $a4
	and	$t5, $t5, $a7
	bnez	$t5, .Lbytes
	addi.d	$a3, $a3, 8
	addi.d	$a1, $a1, -8
	bstrpick.d $t0, $a3, 11, 0
	bnez	$t0, .Lpgword
	b	.Lwords
.Lword:					/* one word while 8 bytes or more are left */
	sltui	$t0, $a1, 8
	bnez	$t0, .Lbytes
	EX(.Lbytes, ld.d $a4, $a3, 0)
	ZFIRST	$t5, $a4
	and	$t5, $t5, $a7
	bnez	$t5, .Lbytes
	addi.d	$a3, $a3, 8
	addi.d	$a1, $a1, -8
	b	.Lword
.Lbytes:				/* to the NUL, max or a faulting byte; also the fixup */
	beqz	$a1, .Ltoolong
	EX(.Lfault, ld.bu $t1, $a3, 0)
	beqz	$t1, .Lfound
	addi.d	$a3, $a3, 1
	addi.d	$a1, $a1, -1
	b	.Lbytes
.Lfound:
	move	$t0, $zero
	b	.Lret
.Ltoolong:
	addi.d	$t0, $zero, ENAMETOOLONG
	b	.Lret
.Lfault:
	addi.d	$t0, $zero, VMIO_EFAULT
.Lret:
	sub.d	$a3, $a3, $a0
	st.d	$a3, $a2, 0
	move	$a0, $t0
	ret
ENDFUNC(__strnlen_fallible)

/*
 *   a0  dst + committed     a1  src + committed
 *   a2  bytes left          a3  len pointer; *len holds dst until the end
 *   t7  turns left in the page (TURNS)
 *   t8  0x0101..            a7  0x8080..
 *   a4..a6, t0..t4  words   t5  sum   t6  scratch
 */
FUNC(__strncpy_fallible)
	st.d	$a0, $a3, 0		/* dst kept in *len (never within dst) */
	ONES	$t8
	slli.d	$a7, $t8, 7
.Lchead:				/* bytes until src is aligned */
	andi	$t0, $a1, 7
	beqz	$t0, .Lcwords
	beqz	$a2, .Lctoolong
	EX(.Lcfault, ld.bu $t1, $a1, 0)
	st.b	$t1, $a0, 0
	beqz	$t1, .Lcfound
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
	b	.Lchead
.Lcwords:
	sltui	$t0, $a2, 64
	bnez	$t0, .Lcword
	TURNS	$t7, $a1, $a2, $t0
	beqz	$t7, .Lcpgword		/* less than 64 bytes to the page end */
.Lcblock:				/* 64 bytes: eight words, one test, eight st.d */
	EX(.Lcbytes, ld.d $a4, $a1, 0)
	EX(.Lcbytes, ld.d $a5, $a1, 8)
	EX(.Lcbytes, ld.d $a6, $a1, 16)
	EX(.Lcbytes, ld.d $t0, $a1, 24)
	EX(.Lcbytes, ld.d $t1, $a1, 32)
	EX(.Lcbytes, ld.d $t2, $a1, 40)
	EX(.Lcbytes, ld.d $t3, $a1, 48)
	EX(.Lcbytes, ld.d $t4, $a1, 56)
	ZFIRST	$t5, $a4
	ZACC	$t5, $a5, $t6
	ZACC	$t5, $a6, $t6
	ZACC	$t5, $t0, $t6
	ZACC	$t5, $t1, $t6
	ZACC	$t5, $t2, $t6
	ZACC	$t5, $t3, $t6
	ZACC	$t5, $t4, $t6
	and	$t5, $t5, $a7
	bnez	$t5, .Lcword
	st.d	$a4, $a0, 0
	st.d	$a5, $a0, 8
	st.d	$a6, $a0, 16
	st.d	$t0, $a0, 24
	st.d	$t1, $a0, 32
	st.d	$t2, $a0, 40
	st.d	$t3, $a0, 48
	st.d	$t4, $a0, 56
	addi.d	$a0, $a0, 64
	addi.d	$a1, $a1, 64
	addi.d	$a2, $a2, -64
	addi.d	$t7, $t7, -1
	bnez	$t7, .Lcblock
	b	.Lcwords
.Lcpgword:				/* words up to the page end; a2 >= 64 */
	EX(.Lcbytes, ld.d $a4, $a1, 0)
	ZFIRST	$t5, $a4
	and	$t5, $t5, $a7
	bnez	$t5, .Lcbytes
	st.d	$a4, $a0, 0
	addi.d	$a0, $a0, 8
	addi.d	$a1, $a1, 8
	addi.d	$a2, $a2, -8
	bstrpick.d $t0, $a1, 11, 0
	bnez	$t0, .Lcpgword
	b	.Lcwords
.Lcword:
	sltui	$t0, $a2, 8
	bnez	$t0, .Lcbytes
	EX(.Lcbytes, ld.d $a4, $a1, 0)
	ZFIRST	$t5, $a4
	and	$t5, $t5, $a7
	bnez	$t5, .Lcbytes
	st.d	$a4, $a0, 0
	addi.d	$a0, $a0, 8
	addi.d	$a1, $a1, 8
	addi.d	$a2, $a2, -8
	b	.Lcword
.Lcbytes:				/* to the NUL (stored), max or a faulting byte; also the fixup */
	beqz	$a2, .Lctoolong
	EX(.Lcfault, ld.bu $t1, $a1, 0)
	st.b	$t1, $a0, 0
	beqz	$t1, .Lcfound
	addi.d	$a0, $a0, 1
	addi.d	$a1, $a1, 1
	addi.d	$a2, $a2, -1
	b	.Lcbytes
.Lcfound:
	move	$t0, $zero
	b	.Lcret
.Lctoolong:
	addi.d	$t0, $zero, ENAMETOOLONG
	b	.Lcret
.Lcfault:
	addi.d	$t0, $zero, VMIO_EFAULT
.Lcret:
	ld.d	$t7, $a3, 0
	sub.d	$t7, $a0, $t7
	st.d	$t7, $a3, 0
	move	$a0, $t0
	ret
ENDFUNC(__strncpy_fallible)
