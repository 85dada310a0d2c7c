/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   rdi  dst, advanced only past committed bytes
 *   rsi  src, advanced with rdi
 *   rdx  bytes not yet committed; returned in rax
 *   rcx  rep movsb count; the head's length
 *   eax, ecx  data of the pieces under 16 bytes
 *   V0..V3  data of the wide moves: r8..r11, xmm, ymm or zmm (vec.h)
 *
 * By size, with VEC the width of V0..V3:
 *   under 16        two overlapping moves of 8, 4 or 2 bytes, or one byte,
 *                   in general registers, returning at once (with 8-byte
 *                   VEC, 8 bytes and more take the VEC steps below);
 *   under VEC       two overlapping moves of 32 or 16 bytes;
 *   up to 2, 4, 8 VEC  the first and the last 1, 2 or 4 VEC, overlapping;
 *   more            64 bytes at dst, then dst goes up to a 64-byte
 *                   boundary (an unaligned destination is the slow case
 *                   of rep movsb on AMD, and of stores everywhere); then
 *                   rep movsb from REP_MIN bytes, below it 4 VEC a turn
 *                   with aligned stores, then the last 4 VEC.
 * Nothing is read or written outside [src, src + len) and [dst, dst + len).
 *
 * Each step loads before it stores, stores upwards, and commits (moves
 * rdi/rsi/rdx) only once all its stores are done.  A fault in any step
 * resumes at .Lretry, which goes on one byte at a time from the last
 * committed byte until a byte access itself faults: the count is then
 * exact, and nothing at or past the inaccessible byte was stored (a step
 * may have stored below it; the retry stores the same bytes again).  After
 * a fault in rep movsb, rcx/rsi/rdi tell how far it got.
 */
#include "asm.h"
#include "vec.h"

/*
 * From REP_MIN bytes on, rep movsb beats the loop (docs/PERFORMANCE.md: AMD
 * Zen 5, 48 KiB L1D, 1 MiB L2).  With 32- and 64-byte vectors the loop wins
 * while source and destination fit in L1; narrower loops lose to rep earlier.
 */
#ifndef REP_MIN
#if VEC >= 32 && defined(VMIO_X86_NO_ERMS)
#define REP_MIN 0 /* never: without ERMS rep is slow at every size */
#elif VEC >= 32
#define REP_MIN 24576
#elif VEC == 16
#define REP_MIN 2048
#else
#define REP_MIN 512
#endif
#endif

/* The whole copy done: return 0 (GPR: before any vector register was touched). */
#define RETURN_GPR_DONE USER_ACCESS_END; xorl %eax, %eax; ret
#define RETURN_ALL_DONE USER_ACCESS_END; VZEROUPPER; xorl %eax, %eax; ret

/* Four VEC from s + disp to d + disp; st is VMOVU, or VMOVA for aligned d. */
#define COPY4(disp, s, d, st)                          \
	EX(.Lretry, VMOVU disp s, V0);                 \
	EX(.Lretry, VMOVU disp + VEC s, V1);           \
	EX(.Lretry, VMOVU disp + 2 * VEC s, V2);       \
	EX(.Lretry, VMOVU disp + 3 * VEC s, V3);       \
	EX(.Lretry, st V0, disp d);                    \
	EX(.Lretry, st V1, disp + VEC d);              \
	EX(.Lretry, st V2, disp + 2 * VEC d);          \
	EX(.Lretry, st V3, disp + 3 * VEC d)

	.text
FUNC(__memcpy_fallible)
	USER_ACCESS_BEGIN
	cmpq	$VEC, %rdx
	jae	.Lfrom_vec
#if VEC > 16
	cmpl	$16, %edx
	jae	.Lfrom_16
#endif
	/* Under 16 (and VEC) bytes: general registers, each case returns itself. */
#if VEC > 8
	cmpl	$8, %edx
	jb	.Lless_8
	EX(.Lretry, movq (%rsi), %rax)
	EX(.Lretry, movq -8(%rsi,%rdx), %rcx)
	EX(.Lretry, movq %rax, (%rdi))
	EX(.Lretry, movq %rcx, -8(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_8:
#endif
	cmpl	$4, %edx
	jb	.Lless_4
	EX(.Lretry, movl (%rsi), %eax)
	EX(.Lretry, movl -4(%rsi,%rdx), %ecx)
	EX(.Lretry, movl %eax, (%rdi))
	EX(.Lretry, movl %ecx, -4(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_4:
	cmpl	$1, %edx
	jb	.Ldone
	je	.Lone
	EX(.Lretry, movzwl (%rsi), %eax)
	EX(.Lretry, movzbl -1(%rsi,%rdx), %ecx)
	EX(.Lretry, movw %ax, (%rdi))
	EX(.Lretry, movb %cl, -1(%rdi,%rdx))
	RETURN_GPR_DONE
.Lone:
	EX(.Lretry, movzbl (%rsi), %eax)
	EX(.Lretry, movb %al, (%rdi))
	RETURN_GPR_DONE

#if VEC > 16
.Lfrom_16:
#if VEC > 32
	cmpl	$32, %edx
	jae	.L32_63
#endif
	EX(.Lretry, XMOVU (%rsi), X0)
	EX(.Lretry, XMOVU -16(%rsi,%rdx), X1)
	EX(.Lretry, XMOVU X0, (%rdi))
	EX(.Lretry, XMOVU X1, -16(%rdi,%rdx))
	RETURN_ALL_DONE
#if VEC > 32
.L32_63:
	EX(.Lretry, YMOVU (%rsi), Y0)
	EX(.Lretry, YMOVU -32(%rsi,%rdx), Y1)
	EX(.Lretry, YMOVU Y0, (%rdi))
	EX(.Lretry, YMOVU Y1, -32(%rdi,%rdx))
	RETURN_ALL_DONE
#endif
#endif

.Lfrom_vec:
	cmpq	$2 * VEC, %rdx
	ja	.Lmore_2x
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU -VEC(%rsi,%rdx), V1)
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lretry, VMOVU V1, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE
.Ldone:				/* rdx bytes were not done */
	USER_ACCESS_END
	VZEROUPPER
	movq	%rdx, %rax
	ret

.Lmore_2x:
	cmpq	$4 * VEC, %rdx
	ja	.Lmore_4x
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU VEC(%rsi), V1)
	EX(.Lretry, VMOVU -2 * VEC(%rsi,%rdx), V2)
	EX(.Lretry, VMOVU -VEC(%rsi,%rdx), V3)
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lretry, VMOVU V1, VEC(%rdi))
	EX(.Lretry, VMOVU V2, -2 * VEC(%rdi,%rdx))
	EX(.Lretry, VMOVU V3, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE

.Lmore_4x:
	cmpq	$8 * VEC, %rdx
	ja	.Lmore_8x
	COPY4(0, (%rsi), (%rdi), VMOVU)
	COPY4(-4 * VEC, (%rsi,%rdx), (%rdi,%rdx), VMOVU)
	RETURN_ALL_DONE

.Lmore_8x:
	/* The head: 64 bytes (len > 8 VEC >= 64), of which 1..64 commit. */
#if VEC == 64
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU V0, (%rdi))
#elif VEC == 32
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU VEC(%rsi), V1)
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lretry, VMOVU V1, VEC(%rdi))
#else
	COPY4(0, (%rsi), (%rdi), VMOVU)
#if VEC == 8
	COPY4(32, (%rsi), (%rdi), VMOVU)
#endif
#endif
	movl	%edi, %ecx
	andl	$63, %ecx
	subl	$64, %ecx
	negl	%ecx
	addq	%rcx, %rdi
	addq	%rcx, %rsi
	subq	%rcx, %rdx
#if REP_MIN
	cmpq	$REP_MIN, %rdx
	jae	.Lrep
#endif
	cmpq	$4 * VEC, %rdx
	jbe	.Ltail
.Lloop:
	COPY4(0, (%rsi), (%rdi), VMOVA)
	addq	$4 * VEC, %rsi
	addq	$4 * VEC, %rdi
	subq	$4 * VEC, %rdx
	cmpq	$4 * VEC, %rdx
	ja	.Lloop
.Ltail:
	/* 1..4 VEC left, and more than 4 VEC behind dst: the last 4 VEC. */
	COPY4(-4 * VEC, (%rsi,%rdx), (%rdi,%rdx), VMOVU)
	RETURN_ALL_DONE

#if REP_MIN
.Lrep:
	movq	%rdx, %rcx
	EX(.Lrep_fault, rep movsb)
	RETURN_ALL_DONE
.Lrep_fault:
	movq	%rcx, %rdx
#endif

.Lretry:			/* the trap handler closed the window: reopen */
	USER_ACCESS_BEGIN
	testq	%rdx, %rdx
	jz	.Ldone
.Lbyte:
	EX(.Ldone, movzbl (%rsi), %eax)
	EX(.Ldone, movb %al, (%rdi))
	incq	%rsi
	incq	%rdi
	decq	%rdx
	jnz	.Lbyte
	jmp	.Ldone

ENDFUNC(__memcpy_fallible)

	.section .note.GNU-stack, "", @progbits
