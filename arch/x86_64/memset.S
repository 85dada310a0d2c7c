/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   rdi  dst, advanced only past committed bytes
 *   esi  byte (only the low 8 bits are used)
 *   rdx  bytes not yet committed; returned in rax
 *   rax  the byte in all eight lanes for the general-register stores (al
 *        alone for rep stosb and bytes)
 *   rcx  rep stosb count; the head's length; in the fixups, bytes stored
 *   r9   from the head on: bytes left past the head's last byte (fixups)
 *   V0   the byte in every lane of the wide stores (vec.h)
 *
 * The shape of memcpy.S: under VEC, two overlapping stores of the largest
 * piece that fits (under 16 bytes from rax alone); up to 2, 4, 8 VEC, the first and the last 1, 2 or 4;
 * more: 64 bytes, dst up to a 64-byte boundary, then rep stosb from
 * REP_MIN bytes, below it 4 aligned VEC a turn and the last 4 VEC.
 * Stores go upwards, each starting at or below the end of those before it,
 * and commit a step at a time; a fault resumes bytewise at the first byte
 * not yet stored (each store's fixup knows how far the stores before it
 * got), so the count is exact and nothing at or past the inaccessible byte
 * is stored, even if another CPU unmaps a page between the fault and the
 * retry.
 */
#include "asm.h"
#include "vec.h"

/*
 * From REP_MIN bytes on, rep stosb beats the loop (docs/PERFORMANCE.md: AMD
 * Zen 5, 48 KiB L1D, 1 MiB L2).  With 32- and 64-byte vectors the loop wins
 * up to about the L2 size; narrower loops lose to rep earlier.
 */
#ifndef REP_MIN
#if VEC >= 32 && defined(VMIO_X86_NO_ERMS)
#define REP_MIN 0 /* never: without ERMS rep is slow at every size */
#elif VEC >= 32
#define REP_MIN 786432
#elif VEC == 16
#define REP_MIN 2048
#else
#define REP_MIN 512
#endif
#endif

/* rax = the byte (in al) in all eight lanes. */
#define SPREAD_RAX movabsq $0x0101010101010101, %rcx; imulq %rcx, %rax

/* V0 = the byte in every lane, from esi (64, 32) or a spread rax (16, 8). */
#if VEC == 64
#define BROADCAST vpbroadcastb %esi, V0
#elif VEC == 32
#define BROADCAST vmovd %esi, %xmm0; vpbroadcastb %xmm0, V0
#elif VEC == 16
#define BROADCAST movq %rax, V0; punpcklqdq V0, V0
#else
#define BROADCAST movq %rax, V0
#endif

/* The whole fill done: return 0 (GPR: before any vector register was touched). */
#define RETURN_GPR_DONE USER_ACCESS_END; xorl %eax, %eax; ret
#define RETURN_ALL_DONE USER_ACCESS_END; VZEROUPPER; xorl %eax, %eax; ret

/* Four VEC at d + disp; st is VMOVU, or VMOVA for aligned d.  A fault in store j resumes at fj. */
#define SET4(disp, d, st, f0, f1, f2, f3)    \
	EX(f0, st V0, disp d);               \
	EX(f1, st V0, disp + VEC d);         \
	EX(f2, st V0, disp + 2 * VEC d);     \
	EX(f3, st V0, disp + 3 * VEC d)

	.text
FUNC(__memset_fallible)
	USER_ACCESS_BEGIN
	movzbl	%sil, %eax		/* al: for rep stosb and the bytewise retry */
#if VEC <= 16
	SPREAD_RAX
#endif
	cmpq	$VEC, %rdx
	jae	.Lfrom_vec
#if VEC > 16
	cmpl	$16, %edx
	jae	.Lfrom_16
	SPREAD_RAX
#endif
	/* Under 16 (and VEC) bytes: general registers, each case returns itself. */
#if VEC > 8
	cmpl	$8, %edx
	jb	.Lless_8
	EX(.Lretry, movq %rax, (%rdi))
	EX(.Lstored_8, movq %rax, -8(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_8:
#endif
	cmpl	$4, %edx
	jb	.Lless_4
	EX(.Lretry, movl %eax, (%rdi))
	EX(.Lstored_4, movl %eax, -4(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_4:
	cmpl	$1, %edx
	jb	.Ldone
	je	.Lone
	EX(.Lretry, movw %ax, (%rdi))
	EX(.Lstored_2, movb %al, -1(%rdi,%rdx))
	RETURN_GPR_DONE
.Lone:
	EX(.Lretry, movb %al, (%rdi))
	RETURN_GPR_DONE

#if VEC > 16
.Lfrom_16:
	BROADCAST
#if VEC > 32
	cmpl	$32, %edx
	jae	.L32_63
#endif
	EX(.Lretry, XMOVU X0, (%rdi))
	EX(.Lstored_16, XMOVU X0, -16(%rdi,%rdx))
	RETURN_ALL_DONE
#if VEC > 32
.L32_63:
	EX(.Lretry, YMOVU Y0, (%rdi))
	EX(.Lstored_32, YMOVU Y0, -32(%rdi,%rdx))
	RETURN_ALL_DONE
#endif
#endif

.Lfrom_vec:
	BROADCAST
	cmpq	$2 * VEC, %rdx
	ja	.Lmore_2x
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lstored_v1, VMOVU V0, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE
.Ldone:				/* rdx bytes were not done */
	USER_ACCESS_END
	VZEROUPPER
	movq	%rdx, %rax
	ret

.Lmore_2x:
	cmpq	$4 * VEC, %rdx
	ja	.Lmore_4x
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lstored_v1, VMOVU V0, VEC(%rdi))
	EX(.Lstored_v2, VMOVU V0, -2 * VEC(%rdi,%rdx))
	EX(.L2x_last, VMOVU V0, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE

.Lmore_4x:
	cmpq	$8 * VEC, %rdx
	ja	.Lmore_8x
	SET4(0, (%rdi), VMOVU, .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3)
	SET4(-4 * VEC, (%rdi,%rdx), VMOVU, .Lstored_v4, .L4x_1, .L4x_2, .L4x_3)
	RETURN_ALL_DONE

.Lmore_8x:
	/* The head: 64 bytes (len > 8 VEC >= 64), of which 1..64 commit. */
	leaq	-64(%rdx), %r9		/* what the fixups below count from */
#if VEC == 64
	EX(.Lretry, VMOVU V0, (%rdi))
#elif VEC == 32
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lstored_v1, VMOVU V0, VEC(%rdi))
#else
	SET4(0, (%rdi), VMOVU, .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3)
#if VEC == 8
	SET4(32, (%rdi), VMOVU, .Lstored_v4, .Lstored_v5, .Lstored_v6, .Lstored_v7)
#endif
#endif
	movl	%edi, %ecx
	andl	$63, %ecx
	subl	$64, %ecx
	negl	%ecx
	addq	%rcx, %rdi
	subq	%rcx, %rdx
#if REP_MIN
	cmpq	$REP_MIN, %rdx
	jae	.Lrep
#endif
	cmpq	$4 * VEC, %rdx
	jbe	.Ltail
.Lloop:
	SET4(0, (%rdi), VMOVA, .Lhead_only, .Lloop_1, .Lloop_2, .Lloop_3)
	addq	$4 * VEC, %rdi
	subq	$4 * VEC, %rdx
	cmpq	$4 * VEC, %rdx
	ja	.Lloop
.Ltail:
	/* 1..4 VEC left, and more than 4 VEC behind dst: the last 4 VEC. */
	SET4(-4 * VEC, (%rdi,%rdx), VMOVU, .Lhead_only, .Ltail_1, .Ltail_2, .Ltail_3)
	RETURN_ALL_DONE

#if REP_MIN
.Lrep:
	movq	%rdx, %rcx
	EX(.Lrep_fault, rep stosb)
	RETURN_ALL_DONE
.Lrep_fault:			/* rcx/rdi: where rep stosb stopped */
	movq	%rcx, %rdx
	jmp	.Lhead_only
#endif

/*
 * The fixups, as in memcpy.S: each first skips the run of bytes from rdi on
 * that stores before the faulting one (of its step, and of the head) have
 * set, so that the retry starts at the first byte not yet stored even if
 * another CPU unmaps their page first.  r9 (from the head on): the bytes
 * left past the head's last byte.
 */
.Lstored_2:	movl	$2, %ecx;		jmp	.Lskip
.Lstored_4:	movl	$4, %ecx;		jmp	.Lskip
.Lstored_8:	movl	$8, %ecx;		jmp	.Lskip
.Lstored_16:	movl	$16, %ecx;		jmp	.Lskip
.Lstored_32:	movl	$32, %ecx;		jmp	.Lskip
.Lstored_v1:	movl	$VEC, %ecx;		jmp	.Lskip
.Lstored_v2:	movl	$2 * VEC, %ecx;		jmp	.Lskip
.Lstored_v3:	movl	$3 * VEC, %ecx;		jmp	.Lskip
.Lstored_v4:	movl	$4 * VEC, %ecx;		jmp	.Lskip
#if VEC == 8
.Lstored_v5:	movl	$5 * VEC, %ecx;		jmp	.Lskip
.Lstored_v6:	movl	$6 * VEC, %ecx;		jmp	.Lskip
.Lstored_v7:	movl	$7 * VEC, %ecx;		jmp	.Lskip
#endif
	/* The last VEC of 2..4: the first 2 VEC and up to 1 VEC before the end. */
.L2x_last:	leaq	-VEC(%rdx), %rcx;	movl	$2 * VEC, %r10d; jmp	.Lskip_max
	/* Store j of the last 4 VEC of 4..8: the first 4 VEC and up to 4 - j before the end. */
.L4x_1:		leaq	-3 * VEC(%rdx), %rcx;	movl	$4 * VEC, %r10d; jmp	.Lskip_max
.L4x_2:		leaq	-2 * VEC(%rdx), %rcx;	movl	$4 * VEC, %r10d; jmp	.Lskip_max
.L4x_3:		leaq	-VEC(%rdx), %rcx;	movl	$4 * VEC, %r10d; jmp	.Lskip_max
	/* Store j of a turn: j VEC, and the head. */
.Lloop_1:	movl	$VEC, %ecx;		jmp	.Lskip_long
.Lloop_2:	movl	$2 * VEC, %ecx;		jmp	.Lskip_long
.Lloop_3:	movl	$3 * VEC, %ecx;		jmp	.Lskip_long
	/* Store j of the last 4 VEC: up to 4 - j VEC before the end, and the head. */
.Ltail_1:	leaq	-3 * VEC(%rdx), %rcx;	jmp	.Lskip_long
.Ltail_2:	leaq	-2 * VEC(%rdx), %rcx;	jmp	.Lskip_long
.Ltail_3:	leaq	-VEC(%rdx), %rcx;	jmp	.Lskip_long
.Lhead_only:	xorl	%ecx, %ecx
.Lskip_long:			/* rcx bytes from rdi stored, and the head */
	movq	%rdx, %r10
	subq	%r9, %r10
.Lskip_max:			/* rcx or r10 bytes from rdi stored, whichever is more */
	cmpq	%r10, %rcx
	cmovlq	%r10, %rcx
.Lskip:				/* rcx bytes from rdi stored (none if rcx <= 0) */
	testq	%rcx, %rcx
	jle	.Lretry
	addq	%rcx, %rdi
	subq	%rcx, %rdx
.Lretry:			/* the trap handler closed the window: reopen */
	USER_ACCESS_BEGIN
	testq	%rdx, %rdx
	jz	.Ldone
.Lbyte:
	EX(.Ldone, movb %al, (%rdi))
	incq	%rdi
	decq	%rdx
	jnz	.Lbyte
	jmp	.Ldone
ENDFUNC(__memset_fallible)

	.section .note.GNU-stack, "", @progbits
