/*
 * int __strnlen_fallible(const char *src, size_t max, size_t *len)
 * int __strncpy_fallible(char *dst, const char *src, size_t max, size_t *len)
 *
 * (contract: include/vmio/arch.h)  Both share one body, STRBODY:
 *
 *   rsi  src, kept (the byte retry reads src + r9)
 *   rdi  dst + r9 (strncpy); in the turns where rax's bytes go
 *   rax  the next aligned chunk of src to load
 *   r9   committed: bytes of the string before rax, tested (and stored)
 *   r10  n: bytes of src[0..max) at or past rax, >= 1 inside the loop
 *   rcx  offset of the first string byte in the chunk (head), else 0
 *   r11  the zero mask of a chunk, then a position; an address before
 *        the turns
 *   r8   scratch; in the turns where they end (r9, r10 already count
 *        them); the len pointer is pushed at entry
 *   rdx  max at entry; scratch before the turns
 *   CW-byte chunks: rdx (general registers, VMIO_X86_VEC 8), else xmm1..4
 *   (16 bytes) or ymm1..4 (32 bytes, VMIO_X86_VEC >= 32); x/ymm0 = 0.
 *
 * Every load is an aligned chunk: the first holds src[0]; a next one, or
 * a group of them in one page whose first byte is the next to test, is
 * loaded only while no NUL has been seen and n > 0, so each load lies in
 * a page a byte-by-byte scan reads, never past the NUL's or the limit's.
 * Head: the chunk holding src, its bytes below src ignored.  Loop, while
 * n > 4 chunks (vectors): the chunks up to a multiple of four chunks
 * (loaded together, all in one page), then turns of four chunks, which
 * being 4-chunk aligned never cross a 4 KiB page (the turns n allows are
 * counted when they begin).  Then one chunk at a time.
 * A turn is loaded whole before it is tested, so if it could cross a page
 * it could load the page after the NUL.  Full chunks are stored as they
 * are; the last, partial one (and the head) is spilled to the stack and
 * its bytes up to the NUL or n copied from there, so every byte stored
 * comes from the register that was tested.
 *
 * A fault in a chunk load resumes at the byte retry, which goes on from
 * the committed byte one at a time until a NUL, n bytes or a faulting byte
 * load: that count is exact.  Stores go to kernel memory and do not fault.
 * Nothing of a turn is stored before all of it is loaded and tested, so
 * the committed byte is the first not yet stored, and (a turn never
 * spanning two pages) a fault on a page is first taken at its first byte:
 * an unmap racing the call cannot make the retry stop short of bytes
 * already stored or counted.
 */
#include "asm.h"
#include "vec.h"

#define ENAMETOOLONG (-36)
#define EFAULT (-14)

#if VEC == 8
#define CW 8
#define ZERO_INIT
#define LOADA(disp) EX(.Lretry_\c, movq disp(%rax), %rdx)
#define STOREU movq %rdx, (%rdi)
#define SPILL movq %rdx, (%rsp)
#define VZU
#elif VEC == 16
#define CW 16
#define LOG_TURN 6			/* 4 chunks: 64 bytes */
#define ZERO_INIT pxor %xmm0, %xmm0
#define LOADA(disp) EX(.Lretry_\c, movdqa disp(%rax), %xmm1)
#define STOREU movdqu %xmm1, (%rdi)
#define SPILL movdqu %xmm1, (%rsp)
#define SMOVU movdqu
#define MOVA movdqa
#define MOVU movdqu
#define R1 %xmm1
#define R2 %xmm2
#define R3 %xmm3
#define R4 %xmm4
#define VZU
#else
#define CW 32
#define LOG_TURN 7			/* 4 chunks: 128 bytes */
#define ZERO_INIT vpxor %ymm0, %ymm0, %ymm0
#define LOADA(disp) EX(.Lretry_\c, vmovdqa disp(%rax), %ymm1)
#define STOREU vmovdqu %ymm1, (%rdi)
#define SPILL vmovdqu %ymm1, (%rsp)
#define SMOVU vmovdqu
#define MOVA vmovdqa
#define MOVU vmovdqu
#define R1 %ymm1
#define R2 %ymm2
#define R3 %ymm3
#define R4 %ymm4
#define VZU vzeroupper
#endif

/*
 * r11 = a mask of the zero bytes of the chunk just loaded; byte i is bit
 * i (vectors) or bit 8i+7 (general registers: (x - 0x01..) & ~x & 0x80..,
 * exact up to the first zero byte, which is all that is used).  r8 is
 * scratch (general registers).
 */
.macro ZMASK
#if CW == 8
	movabsq	$0x0101010101010101, %r8
	movq	%rdx, %r11
	subq	%r8, %r11
	movq	%rdx, %r8
	notq	%r8
	andq	%r8, %r11
	movabsq	$0x8080808080808080, %r8
	andq	%r8, %r11
#elif CW == 16
	movdqa	%xmm1, %xmm5
	pcmpeqb	%xmm0, %xmm5
	pmovmskb %xmm5, %r11d
#else
	vpcmpeqb %ymm0, %ymm1, %ymm5
	vpmovmskb %ymm5, %r11d
#endif
.endm

/* r11 = the index of the first zero byte flagged in the mask r11 != 0. */
.macro FIRST
	bsfq	%r11, %r11
#if CW == 8
	shrq	$3, %r11
#endif
.endm

#if CW > 8
/* ZF clear when any of R1..R3 holds a zero byte (\m: scratch). */
.macro ZERO3 m
#if CW == 16
	movdqa	%xmm1, %xmm5
	pminub	%xmm2, %xmm5
	pminub	%xmm3, %xmm5
	pcmpeqb	%xmm0, %xmm5
	pmovmskb %xmm5, \m
#else
	vpminub	%ymm1, %ymm2, %ymm5
	vpminub	%ymm3, %ymm5, %ymm5
	vpcmpeqb %ymm0, %ymm5, %ymm5
	vpmovmskb %ymm5, \m
#endif
	testl	\m, \m
.endm

/* ZF clear when any of R1..R4 holds a zero byte (\m: scratch). */
.macro TURNZ m
#if CW == 16
	movdqa	%xmm1, %xmm5
	pminub	%xmm2, %xmm5
	pminub	%xmm3, %xmm5
	pminub	%xmm4, %xmm5
	pcmpeqb	%xmm0, %xmm5
	pmovmskb %xmm5, \m
#else
	vpminub	%ymm1, %ymm2, %ymm5
	vpminub	%ymm3, %ymm5, %ymm5
	vpminub	%ymm4, %ymm5, %ymm5
	vpcmpeqb %ymm0, %ymm5, %ymm5
	vpmovmskb %ymm5, \m
#endif
	testl	\m, \m
.endm
#endif

/*
 * The decision after a chunk: r11 its zero mask from byte rcx on, \bytes
 * the bytes it holds from there.  A zero: .Lfound.  No zero and n <=
 * \bytes: too long.  Otherwise on.
 */
.macro DECIDE c, bytes
	testq	%r11, %r11
	jnz	.Lfound_\c
	cmpq	\bytes, %r10
	jbe	.Ltoolong_\c
.endm

/* Leaving the turns at rax before r8: r9, r10 back to rax. */
.macro UNDO
	subq	%rax, %r8
	subq	%r8, %r9
	addq	%r8, %r10
.endm

/* One chunk at rax (rcx = 0), then on at \next unless it decides. */
.macro ONE c, next
	LOADA(0)
	ZMASK
	DECIDE	\c, $CW
.if \c
	STOREU
	addq	$CW, %rdi
.endif
	addq	$CW, %rax
	addq	$CW, %r9
	subq	$CW, %r10
	jmp	\next
.endm

/* Out: *len = r9, return eax. */
.macro STREXIT
	popq	%r8
	movq	%r9, (%r8)
	USER_ACCESS_END
	VZU
	ret
.endm

/* The body of both routines: c = 1 copies to rdi, c = 0 only scans. */
.macro STRBODY c
	pushq	%r8				/* the len pointer */
	USER_ACCESS_BEGIN
	ZERO_INIT
	xorl	%r9d, %r9d
	movq	%rdx, %r10
	testq	%r10, %r10
	jz	.Lempty_\c			/* max = 0: too long, nothing read */

	/* Head: the aligned chunk that holds src[0]. */
	movq	%rsi, %rax
	andq	$-CW, %rax
	LOADA(0)
	movl	%esi, %ecx
	andl	$(CW - 1), %ecx
#if CW == 8
	shll	$3, %ecx			/* bytes below src read as 0xff */
	movl	$1, %r11d
	shlq	%cl, %r11
	decq	%r11
	orq	%r11, %rdx
	ZMASK
	shrq	%cl, %r11
	shrl	$3, %ecx
#else
	ZMASK
	shrq	%cl, %r11
#endif
	movl	$CW, %r8d
	subl	%ecx, %r8d			/* string bytes in the head */
	DECIDE	\c, %r8
.if \c
	call	.Lput_chunk			/* r8 bytes from offset rcx */
	addq	%r8, %rdi
.endif
	xorl	%ecx, %ecx
	addq	%r8, %r9
	subq	%r8, %r10
	addq	$CW, %rax

#if CW > 8
	cmpq	$4 * CW, %r10
	jbe	.Lone_\c
	/*
	 * First the chunks up to the next multiple of 4 CW, all in rax's
	 * page: one chunk if that is all, else three loads, rax, rax + CW
	 * unless past the last one (r8), and r8, so one may repeat.  From
	 * there turns are 4-chunk aligned, so none crosses a page, and they
	 * are counted by n alone: r8 = the whole turns that leave n >= 1,
	 * counted in r9, r10 at once, then their end.  Leaving early gives
	 * back what was not done (UNDO).
	 */
	testl	$(4 * CW - 1), %eax
	jz	.Lcount_\c
	movq	%rax, %r8
	orq	$(4 * CW - 1), %r8
	subq	$(CW - 1), %r8
	cmpq	%r8, %rax
	je	.Lstep1_\c			/* one chunk left there */
	leaq	CW(%rax), %r11
	cmpq	%r8, %r11
	cmovaq	%r8, %r11
	LOADA(0)
	EX(.Lretry_\c, MOVA (%r11), R2)
	EX(.Lretry_\c, MOVA (%r8), R3)
	ZERO3	%edx
	jnz	.Lone_\c
.if \c
	movq	%rdi, %rdx
	subq	%rax, %rdx
	MOVU	R1, (%rdi)
	MOVU	R2, (%r11,%rdx)
	MOVU	R3, (%r8,%rdx)
.endif
	addq	$CW, %r8			/* the boundary */
	subq	%rax, %r8
	addq	%r8, %rax
	addq	%r8, %r9
	subq	%r8, %r10
.if \c
	addq	%r8, %rdi
.endif
	jmp	.Lcount_\c
.Lstep1_\c:
	ONE	\c, .Lcount_\c
.Lcount_\c:
	leaq	-1(%r10), %r8
	andq	$-(4 * CW), %r8
	jz	.Lone_\c			/* n <= 4 chunks */
	addq	%r8, %r9
	subq	%r8, %r10
	addq	%rax, %r8
	.p2align 6			/* the loop in as few fetch blocks as can be */
.Lturn_\c:
	/* Four chunks; any zero among them: one at a time from the first. */
	EX(.Lturnfault_\c, MOVA (%rax), R1)
	EX(.Lturnfault_\c, MOVA CW(%rax), R2)
	EX(.Lturnfault_\c, MOVA 2 * CW(%rax), R3)
	EX(.Lturnfault_\c, MOVA 3 * CW(%rax), R4)
	TURNZ	%r11d
	jnz	.Lturnundo_\c
.if \c
	MOVU	R1, (%rdi)
	MOVU	R2, CW(%rdi)
	MOVU	R3, 2 * CW(%rdi)
	MOVU	R4, 3 * CW(%rdi)
	addq	$4 * CW, %rdi
.endif
	addq	$4 * CW, %rax
	cmpq	%r8, %rax
	jne	.Lturn_\c
#endif
.Lone_\c:					/* one chunk; n >= 1, rcx = 0 */
	ONE	\c, .Lone_\c

#if CW > 8
.Lturnundo_\c:
	UNDO
	jmp	.Lone_\c
.Lturnfault_\c:					/* a chunk of the turn at rax faulted */
	UNDO
	jmp	.Lretry_\c
#endif

.Lfound_\c:		/* a zero at r11's first flag: the NUL if within n */
	FIRST
	cmpq	%r10, %r11
	jae	.Ltoolong_\c			/* the zero lies at or past n */
	addq	%r11, %r9			/* the NUL at r9 + r11 */
	xorl	%eax, %eax
.if \c
	leaq	1(%r11), %r8			/* copy up to it, itself too */
	call	.Lput_chunk
.endif
	STREXIT

.Ltoolong_\c:					/* n bytes from rcx on, no NUL */
	addq	%r10, %r9
	movl	$ENAMETOOLONG, %eax
.if \c
	movq	%r10, %r8
	call	.Lput_chunk
.endif
	STREXIT

.Lempty_\c:
	movl	$ENAMETOOLONG, %eax
	jmp	.Lret_\c

.Lretry_\c:			/* a chunk load faulted: bytes from r9, n left */
	USER_ACCESS_BEGIN	/* the trap handler closed the window: reopen */
1:	EX(.Lfault_\c, movzbl (%rsi,%r9), %eax)
.if \c
	movb	%al, (%rdi)
	incq	%rdi
.endif
	testl	%eax, %eax
	jz	.Lret_\c			/* the NUL at r9: eax = 0 */
	incq	%r9
	decq	%r10
	jnz	1b
	movl	$ENAMETOOLONG, %eax
	jmp	.Lret_\c
.Lfault_\c:
	movl	$EFAULT, %eax
.Lret_\c:
	STREXIT
.endm

	.text
	.p2align 6
FUNC(__strnlen_fallible)
	movq	%rdx, %r8
	movq	%rsi, %rdx
	movq	%rdi, %rsi
	STRBODY	0
ENDFUNC(__strnlen_fallible)

	.p2align 6
FUNC(__strncpy_fallible)
	movq	%rcx, %r8
	STRBODY	1

/*
 * Copy r8 (1..CW) bytes of the chunk register, from its byte rcx on, to
 * (%rdi): spilled to the stack, then moved with two overlapping moves of
 * the largest size that fits.  Only flags change.
 */
.Lput_chunk:
	pushq	%rdx
	pushq	%r11
	subq	$CW, %rsp
	SPILL
	leaq	(%rsp,%rcx), %r11		/* the first byte to copy */
#if CW > 8
	cmpq	$16, %r8
	jb	1f
	SMOVU	(%r11), %xmm5
	SMOVU	-16(%r11,%r8), %xmm6
	SMOVU	%xmm5, (%rdi)
	SMOVU	%xmm6, -16(%rdi,%r8)
	jmp	9f
1:
#endif
	cmpq	$8, %r8
	jb	1f
	movq	(%r11), %rdx
	movq	%rdx, (%rdi)
	movq	-8(%r11,%r8), %rdx
	movq	%rdx, -8(%rdi,%r8)
	jmp	9f
1:	cmpq	$4, %r8
	jb	1f
	movl	(%r11), %edx
	movl	%edx, (%rdi)
	movl	-4(%r11,%r8), %edx
	movl	%edx, -4(%rdi,%r8)
	jmp	9f
1:	cmpq	$2, %r8
	jb	1f
	movzwl	(%r11), %edx
	movw	%dx, (%rdi)
	movzwl	-2(%r11,%r8), %edx
	movw	%dx, -2(%rdi,%r8)
	jmp	9f
1:	movzbl	(%r11), %edx
	movb	%dl, (%rdi)
9:	addq	$CW, %rsp
	popq	%r11
	popq	%rdx
	ret
ENDFUNC(__strncpy_fallible)

	.section .note.GNU-stack, "", @progbits
