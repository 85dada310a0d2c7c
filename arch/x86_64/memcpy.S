/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   rdi  dst, advanced only past committed bytes
 *   rsi  src, advanced with rdi
 *   rdx  bytes not yet committed; returned in rax
 *   rcx  rep movsb count; the head's length; in the fixups, bytes stored
 *   rax  from the head on: bytes left past the head's last byte (fixups)
 *   eax, ecx  data of the pieces under 16 bytes
 *   V0..V3  data of the wide moves: r8..r11, xmm, ymm or zmm (vec.h)
 *   r8, r9, k1  with 64-byte VEC, the tail's page test and byte mask
 *
 * By size, with VEC the width of V0..V3:
 *   under 16        two overlapping moves of 8, 4 or 2 bytes, or one byte,
 *                   in general registers, returning at once (with 8-byte
 *                   VEC, 8 bytes and more take the VEC steps below);
 *   under VEC       two overlapping moves of 32 or 16 bytes;
 *   up to 2, 4, 8 VEC  the first and the last 1, 2 or 4 VEC, overlapping;
 *   more            unless dst is 64-byte aligned, 64 bytes at dst, then
 *                   dst goes up to the next 64-byte boundary (an
 *                   unaligned destination is the slow case of rep movsb
 *                   on AMD, and of stores everywhere); then
 *                   rep movsb from REP_MIN bytes, below it 4 VEC a turn
 *                   with aligned stores, then the last 4 VEC (with 64-byte
 *                   VEC: the three below the last 64-byte block aligned,
 *                   then the last VEC, so that one store at most splits a
 *                   line; the last block under a mask if that VEC would
 *                   split a page).
 * Nothing is read or written outside [src, src + len) and [dst, dst + len)
 * (a masked access touches no masked-off byte).
 *
 * Each step loads before it stores, stores upwards (each store starting at
 * or below the end of those before it), and commits (moves rdi/rsi/rdx)
 * only once all its stores are done.  A fault resumes at a fixup of its own
 * instruction, which skips the bytes from rdi on that the stores before it
 * (of its step, and of the head, which stores 64 bytes but commits 1..63)
 * have set, and goes on one byte at a time from the first byte not yet
 * stored until a byte access itself faults: the count is then exact and
 * nothing at or past the inaccessible byte was stored, even if another CPU
 * unmapped the page of bytes stored before the fault (docs/DESIGN.md, the
 * SMP form of exactness).  After a fault in rep movsb, rcx/rsi/rdi tell how
 * far it got.
 */
#include "asm.h"
#include "vec.h"

/*
 * From REP_MIN bytes on, rep movsb beats the loop (docs/PERFORMANCE.md,
 * measured on AMD Zen 5 and Intel Sapphire Rapids, both 48 KiB L1D).  With
 * 32- and 64-byte vectors the loop wins while source and destination fit
 * in L1; narrower loops lose to rep earlier.
 *
 * Code layout: the entry is 64-byte aligned and the sizes up to 2 VEC run
 * inside its first 64 bytes; the branch targets under VEC are aligned too.
 * On Sapphire Rapids the same instructions took one cycle more a call (a
 * sixth of a short copy) when a taken branch landed, or the path ran,
 * across a 64-byte block.
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

/*
 * STU(f, fh, r, disp, d): an unaligned store of V register r to disp + d,
 * faulting to f.  With 16-byte vectors it is two 8-byte halves, the upper
 * one faulting to fh: QEMU's TCG stores a movdqu as two 8-byte halves, and
 * when only the upper half's page faults the lower half is already stored,
 * which the fixup must count (a real CPU stores nothing of a faulting
 * instruction; the halves are exact there too).  Aligned stores never
 * cross a page.
 */
#if VEC == 16
#define STU(f, fh, r, disp, d) EX(f, movq r, disp d); EX(fh, movhps r, disp + 8 d)
#else
#define STU(f, fh, r, disp, d) EX(f, VMOVU r, disp d)
#endif

/*
 * Four VEC from s + disp to d + disp, with unaligned (COPY4U) or aligned
 * (COPY4A) stores.  A fault in a load or the first store resumes at f0, in
 * store j at fj, in the upper half of store j (16-byte VEC) at hj.
 */
#define LOAD4(disp, s, f0)                             \
	EX(f0, VMOVU disp s, V0);                      \
	EX(f0, VMOVU disp + VEC s, V1);                \
	EX(f0, VMOVU disp + 2 * VEC s, V2);            \
	EX(f0, VMOVU disp + 3 * VEC s, V3)
#define COPY4U(disp, s, d, f0, f1, f2, f3, h0, h1, h2, h3) \
	LOAD4(disp, s, f0);                            \
	STU(f0, h0, V0, disp, d);                      \
	STU(f1, h1, V1, disp + VEC, d);                \
	STU(f2, h2, V2, disp + 2 * VEC, d);            \
	STU(f3, h3, V3, disp + 3 * VEC, d)
#define COPY4A(disp, s, d, f0, f1, f2, f3)             \
	LOAD4(disp, s, f0);                            \
	EX(f0, VMOVA V0, disp d);                      \
	EX(f1, VMOVA V1, disp + VEC d);                \
	EX(f2, VMOVA V2, disp + 2 * VEC d);            \
	EX(f3, VMOVA V3, disp + 3 * VEC d)

/*
 * The tail with 64-byte VEC: the three VEC below offset o of rdi/rsi, with
 * aligned stores (rdi is 64-byte aligned); store j faults to .Ltail_j.
 */
#define LOAD3(o)                                       \
	EX(.Lhead_only, VMOVU -3 * VEC(%rsi,o), V0);   \
	EX(.Lhead_only, VMOVU -2 * VEC(%rsi,o), V1);   \
	EX(.Lhead_only, VMOVU -VEC(%rsi,o), V2)
#define STORE3(o)                                      \
	EX(.Lhead_only, VMOVA V0, -3 * VEC(%rdi,o));   \
	EX(.Ltail_1, VMOVA V1, -2 * VEC(%rdi,o));      \
	EX(.Ltail_2, VMOVA V2, -VEC(%rdi,o))

	.text
	.balign 64		/* "Code layout" above */
FUNC(__memcpy_fallible)
	USER_ACCESS_BEGIN
	cmpq	$VEC, %rdx
	jb	.Lunder_vec
	/* VEC..2 VEC bytes fall through: the fewest taken branches for the most common sizes. */
	cmpq	$2 * VEC, %rdx
	ja	.Lmore_2x
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU -VEC(%rsi,%rdx), V1)
	STU(.Lretry, .Lstored_8, V0, 0, (%rdi))
	STU(.Lstored_v1, .L1x_last_hi, V1, -VEC, (%rdi,%rdx))
	RETURN_ALL_DONE

	.p2align 6
.Lunder_vec:
#if VEC > 32
	cmpl	$32, %edx
	jae	.L32_63
#endif
#if VEC > 16
	cmpl	$16, %edx
	jae	.L16_31
#endif
	/* Under 16 (and VEC) bytes: general registers, each case returns itself. */
#if VEC > 8
	cmpl	$8, %edx
	jb	.Lless_8
	EX(.Lretry, movq (%rsi), %rax)
	EX(.Lretry, movq -8(%rsi,%rdx), %rcx)
	EX(.Lretry, movq %rax, (%rdi))
	EX(.Lstored_8, movq %rcx, -8(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_8:
#endif
	cmpl	$4, %edx
	jb	.Lless_4
	EX(.Lretry, movl (%rsi), %eax)
	EX(.Lretry, movl -4(%rsi,%rdx), %ecx)
	EX(.Lretry, movl %eax, (%rdi))
	EX(.Lstored_4, movl %ecx, -4(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_4:
	cmpl	$1, %edx
	jb	.Ldone
	je	.Lone
	EX(.Lretry, movzwl (%rsi), %eax)
	EX(.Lretry, movzbl -1(%rsi,%rdx), %ecx)
	EX(.Lretry, movw %ax, (%rdi))
	EX(.Lstored_2, movb %cl, -1(%rdi,%rdx))
	RETURN_GPR_DONE
.Lone:
	EX(.Lretry, movzbl (%rsi), %eax)
	EX(.Lretry, movb %al, (%rdi))
	RETURN_GPR_DONE
#if VEC > 32
	.p2align 5
.L32_63:
	EX(.Lretry, YMOVU (%rsi), Y0)
	EX(.Lretry, YMOVU -32(%rsi,%rdx), Y1)
	EX(.Lretry, YMOVU Y0, (%rdi))
	EX(.Lstored_32, YMOVU Y1, -32(%rdi,%rdx))
	RETURN_ALL_DONE
#endif
#if VEC > 16
	.p2align 5
.L16_31:
	EX(.Lretry, XMOVU (%rsi), X0)
	EX(.Lretry, XMOVU -16(%rsi,%rdx), X1)
	EX(.Lretry, XMOVU X0, (%rdi))
	EX(.Lstored_16, XMOVU X1, -16(%rdi,%rdx))
	RETURN_ALL_DONE
#endif

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
	STU(.Lretry, .Lstored_8, V0, 0, (%rdi))
	STU(.Lstored_v1, .Lstored_24, V1, VEC, (%rdi))
	STU(.Lstored_v2, .L2x_2_hi, V2, -2 * VEC, (%rdi,%rdx))
	STU(.L2x_last, .L2x_last_hi, V3, -VEC, (%rdi,%rdx))
	RETURN_ALL_DONE

.Lmore_4x:
	cmpq	$8 * VEC, %rdx
	ja	.Lmore_8x
	COPY4U(0, (%rsi), (%rdi), .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3,
	       .Lstored_8, .Lstored_24, .Lstored_40, .Lstored_56)
	COPY4U(-4 * VEC, (%rsi,%rdx), (%rdi,%rdx), .Lstored_v4, .L4x_1, .L4x_2, .L4x_3,
	       .L4x_0_hi, .L4x_1_hi, .L4x_2_hi, .L4x_3_hi)
	RETURN_ALL_DONE

.Lmore_8x:
	movq	%rdx, %rax		/* what the fixups below count from: no head */
	testl	$63, %edi
	jz	.Laligned		/* the loop or rep can start at dst */
	/* The head: 64 bytes (len > 8 VEC >= 64), of which 1..63 commit. */
	leaq	-64(%rdx), %rax
#if VEC == 64
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU V0, (%rdi))
#elif VEC == 32
	EX(.Lretry, VMOVU (%rsi), V0)
	EX(.Lretry, VMOVU VEC(%rsi), V1)
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lstored_v1, VMOVU V1, VEC(%rdi))
#else
	COPY4U(0, (%rsi), (%rdi), .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3,
	       .Lstored_8, .Lstored_24, .Lstored_40, .Lstored_56)
#if VEC == 8
	COPY4U(32, (%rsi), (%rdi), .Lstored_v4, .Lstored_v5, .Lstored_v6, .Lstored_v7,
	       .Lretry, .Lretry, .Lretry, .Lretry)
#endif
#endif
	/* dst up to the next 64-byte boundary */
	movl	%edi, %ecx
	andl	$63, %ecx
	subl	$64, %ecx
	negl	%ecx
	addq	%rcx, %rdi
	addq	%rcx, %rsi
	subq	%rcx, %rdx
.Laligned:
#if REP_MIN
	cmpq	$REP_MIN, %rdx
	jae	.Lrep
#endif
	cmpq	$4 * VEC, %rdx
	jbe	.Ltail
	.p2align 6		/* copy 8 KiB at 0/3: 4% faster (Sapphire Rapids) */
.Lloop:
	COPY4A(0, (%rsi), (%rdi), .Lhead_only, .Lloop_1, .Lloop_2, .Lloop_3)
	addq	$4 * VEC, %rsi
	addq	$4 * VEC, %rdi
	subq	$4 * VEC, %rdx
	cmpq	$4 * VEC, %rdx
	ja	.Lloop
.Ltail:
#if VEC == 64
	/*
	 * 1..4 VEC left from a 64-byte aligned rdi, and more than 4 VEC behind
	 * it.  rcx = the offset of the last 64-byte block from rdi; the three
	 * VEC below that block (some perhaps again) with aligned stores, then
	 * the last VEC of the copy: only that one can split a line.  If it
	 * would split a page (about 25 cycles on Sapphire Rapids, 30 on Zen 5),
	 * the last block under a mask instead, aligned too.
	 */
	TAIL_BLOCK(%r8d)
	LOAD3(%rcx)
	EX(.Lhead_only, VMOVU -VEC(%rsi,%rdx), V3)
	STORE3(%rcx)
	EX(.Ltail_3, VMOVU V3, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE
.Ltail_masked:
	LOAD3(%rcx)
	TAIL_MASK(%r8, %r9)
	EX(.Lhead_only, vmovdqu8 (%rsi,%rcx), V3{%k1}{z})
	STORE3(%rcx)
	EX(.Ltail_3, vmovdqu8 V3, (%rdi,%rcx){%k1})
	RETURN_ALL_DONE
#else
	/* 1..4 VEC left, and more than 4 VEC behind dst: the last 4 VEC. */
	COPY4U(-4 * VEC, (%rsi,%rdx), (%rdi,%rdx), .Lhead_only, .Ltail_1, .Ltail_2, .Ltail_3,
	       .Ltail_0_hi, .Ltail_1_hi, .Ltail_2_hi, .Ltail_3_hi)
	RETURN_ALL_DONE
#endif

#if REP_MIN
.Lrep:
	movq	%rdx, %rcx
	EX(.Lrep_fault, rep movsb)
	RETURN_ALL_DONE
.Lrep_fault:			/* rcx/rsi/rdi: where rep movsb stopped */
	movq	%rcx, %rdx
	jmp	.Lhead_only
#endif

/* The fixups (fixups.h); rax holds the head's count. */
#define FIX_HEAD %rax
#define FIX_TMP %r8
#define FIX_SKIP addq %rcx, %rsi
#include "fixups.h"
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
