/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   rdi  dst, advanced only past committed bytes
 *   esi  byte (only the low 8 bits are used)
 *   rdx  bytes not yet committed; returned in rax
 *   rax  the byte in all eight lanes for the general-register stores (al
 *        alone for rep stosb and bytes)
 *   rcx  rep stosb count; the head's length; the mask under 64 bytes; in
 *        the fixups, bytes stored
 *   r9   from the head on: bytes left past the head's last byte (fixups)
 *   r10, r11, k1  with 64-byte VEC, the tail's page test and byte mask
 *   V0   the byte in every lane of the wide stores (vec.h)
 *
 * The shape of memcpy.S: under VEC, two overlapping stores of the largest
 * piece that fits (under 16 bytes from rax alone), or with 64-byte VEC one
 * store under a byte mask unless it would cross a page; up to 2, 4, 8 VEC,
 * the first and the last 1, 2 or 4; more: unless dst is 64-byte aligned,
 * 64 bytes and dst up to the next 64-byte boundary, then rep stosb from
 * REP_MIN bytes, below it 4 aligned VEC a turn and the last 4 VEC (with
 * 64-byte VEC, aligned but for the last, as in memcpy.S).
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
 * From REP_MIN bytes on, rep stosb beats the loop (docs/PERFORMANCE.md): on
 * Sapphire Rapids from the L1D size, 48 KiB, by 1-2% (the loop leads by 1%
 * at 32 KiB); Zen 5, also 48 KiB L1D, had the loop ahead up to 512 KiB in
 * one run and 0.5-1% behind rep from 64 KiB in another.  Narrower loops
 * lose to rep earlier.
 */
#ifndef REP_MIN
#if VEC >= 32 && defined(VMIO_X86_NO_ERMS)
#define REP_MIN 0 /* never: without ERMS rep is slow at every size */
#elif VEC >= 32
#define REP_MIN 49152
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

/*
 * STU(f, fh, disp, d): an unaligned store of V0 to disp + d, faulting to f;
 * with 16-byte vectors two 8-byte halves, the upper one faulting to fh
 * (QEMU's TCG stores a movdqu as two halves: memcpy.S says more).
 */
#if VEC == 16
#define STU(f, fh, disp, d) EX(f, movq V0, disp d); EX(fh, movhps V0, disp + 8 d)
#else
#define STU(f, fh, disp, d) EX(f, VMOVU V0, disp d)
#endif

/*
 * Four VEC at d + disp, unaligned (SET4U) or aligned (SET4A).  A fault in
 * store j resumes at fj, in the upper half of store j (16-byte VEC) at hj.
 */
#define SET4U(disp, d, f0, f1, f2, f3, h0, h1, h2, h3) \
	STU(f0, h0, disp, d);                \
	STU(f1, h1, disp + VEC, d);          \
	STU(f2, h2, disp + 2 * VEC, d);      \
	STU(f3, h3, disp + 3 * VEC, d)
#define SET4A(disp, d, f0, f1, f2, f3)       \
	EX(f0, VMOVA V0, disp d);            \
	EX(f1, VMOVA V0, disp + VEC d);      \
	EX(f2, VMOVA V0, disp + 2 * VEC d);  \
	EX(f3, VMOVA V0, disp + 3 * VEC d)

/* The tail with 64-byte VEC: the three VEC below offset o of the aligned rdi. */
#define SET3(o)                                        \
	EX(.Lhead_only, VMOVA V0, -3 * VEC(%rdi,o));   \
	EX(.Ltail_1, VMOVA V0, -2 * VEC(%rdi,o));      \
	EX(.Ltail_2, VMOVA V0, -VEC(%rdi,o))

	.text
	.balign 64		/* memcpy.S: "Code layout" */
FUNC(__memset_fallible)
	USER_ACCESS_BEGIN
#if VEC == 64
	BROADCAST
#else
	movzbl	%sil, %eax
#if VEC <= 16
	SPREAD_RAX
#endif
#endif
	cmpq	$VEC, %rdx
	jb	.Lunder_vec
	/* VEC..2 VEC bytes fall through: the fewest taken branches for the most common sizes. */
#if VEC != 64
	BROADCAST
#endif
	cmpq	$2 * VEC, %rdx
	ja	.Lmore_2x
	STU(.Lretry, .Lstored_8, 0, (%rdi))
	STU(.Lstored_v1, .L1x_last_hi, -VEC, (%rdi,%rdx))
	RETURN_ALL_DONE

	.p2align 6
.Lunder_vec:
#if VEC == 64
	/*
	 * One store under a byte mask, as glibc does, unless its 64 bytes would
	 * cross a page (masked-off bytes on an unmapped page can cost a
	 * microcode assist; glibc checks the same).  A faulting store stores
	 * nothing.
	 */
	movl	%edi, %ecx
	andl	$4095, %ecx
	cmpl	$4096 - VEC, %ecx
	ja	.Lunder_vec_cross
	movq	$-1, %rcx
	bzhiq	%rdx, %rcx, %rcx
	kmovq	%rcx, %k1
	EX(.Lretry, vmovdqu8 V0, (%rdi){%k1})
	RETURN_ALL_DONE
.Lunder_vec_cross:
	movzbl	%sil, %eax
	cmpl	$32, %edx
	jae	.L32_63
#endif
#if VEC > 16
	cmpl	$16, %edx
	jae	.L16_31
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
#if VEC > 32
	.p2align 5
.L32_63:
	EX(.Lretry, YMOVU Y0, (%rdi))
	EX(.Lstored_32, YMOVU Y0, -32(%rdi,%rdx))
	RETURN_ALL_DONE
#endif
#if VEC > 16
	.p2align 5
.L16_31:
#if VEC == 32
	BROADCAST
#endif
	EX(.Lretry, XMOVU X0, (%rdi))
	EX(.Lstored_16, XMOVU X0, -16(%rdi,%rdx))
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
	STU(.Lretry, .Lstored_8, 0, (%rdi))
	STU(.Lstored_v1, .Lstored_24, VEC, (%rdi))
	STU(.Lstored_v2, .L2x_2_hi, -2 * VEC, (%rdi,%rdx))
	STU(.L2x_last, .L2x_last_hi, -VEC, (%rdi,%rdx))
	RETURN_ALL_DONE

.Lmore_4x:
	cmpq	$8 * VEC, %rdx
	ja	.Lmore_8x
	SET4U(0, (%rdi), .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3,
	      .Lstored_8, .Lstored_24, .Lstored_40, .Lstored_56)
	SET4U(-4 * VEC, (%rdi,%rdx), .Lstored_v4, .L4x_1, .L4x_2, .L4x_3,
	      .L4x_0_hi, .L4x_1_hi, .L4x_2_hi, .L4x_3_hi)
	RETURN_ALL_DONE

.Lmore_8x:
	movq	%rdx, %r9		/* what the fixups below count from: no head */
	testl	$63, %edi
	jz	.Laligned		/* the loop or rep can start at dst */
	/* The head: 64 bytes (len > 8 VEC >= 64), of which 1..63 commit. */
	leaq	-64(%rdx), %r9
#if VEC == 64
	EX(.Lretry, VMOVU V0, (%rdi))
#elif VEC == 32
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lstored_v1, VMOVU V0, VEC(%rdi))
#else
	SET4U(0, (%rdi), .Lretry, .Lstored_v1, .Lstored_v2, .Lstored_v3,
	      .Lstored_8, .Lstored_24, .Lstored_40, .Lstored_56)
#if VEC == 8
	SET4U(32, (%rdi), .Lstored_v4, .Lstored_v5, .Lstored_v6, .Lstored_v7,
	      .Lretry, .Lretry, .Lretry, .Lretry)
#endif
#endif
	/* dst up to the next 64-byte boundary */
	movl	%edi, %ecx
	andl	$63, %ecx
	subl	$64, %ecx
	negl	%ecx
	addq	%rcx, %rdi
	subq	%rcx, %rdx
.Laligned:
#if REP_MIN
	cmpq	$REP_MIN, %rdx
	jae	.Lrep
#endif
	cmpq	$4 * VEC, %rdx
	jbe	.Ltail
.Lloop:
	SET4A(0, (%rdi), .Lhead_only, .Lloop_1, .Lloop_2, .Lloop_3)
	addq	$4 * VEC, %rdi
	subq	$4 * VEC, %rdx
	cmpq	$4 * VEC, %rdx
	ja	.Lloop
.Ltail:
#if VEC == 64
	/*
	 * 1..4 VEC left from a 64-byte aligned rdi, and more than 4 VEC behind
	 * it: as in memcpy.S, the three VEC below the last 64-byte block
	 * (offset rcx) aligned, then the last VEC of the fill, or the last
	 * block under a mask if that VEC would split a page.
	 */
	TAIL_BLOCK(%r10d)
	SET3(%rcx)
	EX(.Ltail_3, VMOVU V0, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE
.Ltail_masked:
	TAIL_MASK(%r10, %r11)
	SET3(%rcx)
	EX(.Ltail_3, vmovdqu8 V0, (%rdi,%rcx){%k1})
	RETURN_ALL_DONE
#else
	/* 1..4 VEC left, and more than 4 VEC behind dst: the last 4 VEC. */
	SET4U(-4 * VEC, (%rdi,%rdx), .Lhead_only, .Ltail_1, .Ltail_2, .Ltail_3,
	      .Ltail_0_hi, .Ltail_1_hi, .Ltail_2_hi, .Ltail_3_hi)
	RETURN_ALL_DONE
#endif

#if REP_MIN
.Lrep:
	movl	%esi, %eax
	movq	%rdx, %rcx
	EX(.Lrep_fault, rep stosb)
	RETURN_ALL_DONE
.Lrep_fault:			/* rcx/rdi: where rep stosb stopped */
	movq	%rcx, %rdx
	jmp	.Lhead_only
#endif

/* The fixups (fixups.h); r9 holds the head's count. */
#define FIX_HEAD %r9
#define FIX_TMP %r10
#define FIX_SKIP
#include "fixups.h"
.Lretry:			/* the trap handler closed the window: reopen */
	USER_ACCESS_BEGIN
	movl	%esi, %eax
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
