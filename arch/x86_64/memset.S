/*
 * size_t __memset_fallible(void *dst, int byte, size_t len)
 *
 *   rdi  dst, advanced only past committed bytes
 *   esi  byte (only the low 8 bits are used)
 *   rdx  bytes not yet committed; returned in rax
 *   rax  the byte in all eight lanes for the general-register stores (al
 *        alone for rep stosb and bytes)
 *   rcx  rep stosb count; the head's length
 *   V0   the byte in every lane of the wide stores (vec.h)
 *
 * The shape of memcpy.S: under VEC, two overlapping stores of the largest
 * piece that fits (under 16 bytes from rax alone); up to 2, 4, 8 VEC, the first and the last 1, 2 or 4;
 * more: 64 bytes, dst up to a 64-byte boundary, then rep stosb from
 * REP_MIN bytes, below it 4 aligned VEC a turn and the last 4 VEC.
 * Stores go upwards and commit a step at a time; a fault resumes bytewise
 * at the last committed byte (.Lretry), so the count is exact and nothing
 * at or past the inaccessible byte is stored.
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

/* Four VEC at d + disp; st is VMOVU, or VMOVA for aligned d. */
#define SET4(disp, d, st)                    \
	EX(.Lretry, st V0, disp d);          \
	EX(.Lretry, st V0, disp + VEC d);    \
	EX(.Lretry, st V0, disp + 2 * VEC d); \
	EX(.Lretry, st V0, disp + 3 * VEC d)

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
	EX(.Lretry, movq %rax, -8(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_8:
#endif
	cmpl	$4, %edx
	jb	.Lless_4
	EX(.Lretry, movl %eax, (%rdi))
	EX(.Lretry, movl %eax, -4(%rdi,%rdx))
	RETURN_GPR_DONE
.Lless_4:
	cmpl	$1, %edx
	jb	.Ldone
	je	.Lone
	EX(.Lretry, movw %ax, (%rdi))
	EX(.Lretry, movb %al, -1(%rdi,%rdx))
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
	EX(.Lretry, XMOVU X0, -16(%rdi,%rdx))
	RETURN_ALL_DONE
#if VEC > 32
.L32_63:
	EX(.Lretry, YMOVU Y0, (%rdi))
	EX(.Lretry, YMOVU Y0, -32(%rdi,%rdx))
	RETURN_ALL_DONE
#endif
#endif

.Lfrom_vec:
	BROADCAST
	cmpq	$2 * VEC, %rdx
	ja	.Lmore_2x
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lretry, VMOVU V0, -VEC(%rdi,%rdx))
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
	EX(.Lretry, VMOVU V0, VEC(%rdi))
	EX(.Lretry, VMOVU V0, -2 * VEC(%rdi,%rdx))
	EX(.Lretry, VMOVU V0, -VEC(%rdi,%rdx))
	RETURN_ALL_DONE

.Lmore_4x:
	cmpq	$8 * VEC, %rdx
	ja	.Lmore_8x
	SET4(0, (%rdi), VMOVU)
	SET4(-4 * VEC, (%rdi,%rdx), VMOVU)
	RETURN_ALL_DONE

.Lmore_8x:
	/* The head: 64 bytes (len > 8 VEC >= 64), of which 1..64 commit. */
#if VEC == 64
	EX(.Lretry, VMOVU V0, (%rdi))
#elif VEC == 32
	EX(.Lretry, VMOVU V0, (%rdi))
	EX(.Lretry, VMOVU V0, VEC(%rdi))
#else
	SET4(0, (%rdi), VMOVU)
#if VEC == 8
	SET4(32, (%rdi), VMOVU)
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
	SET4(0, (%rdi), VMOVA)
	addq	$4 * VEC, %rdi
	subq	$4 * VEC, %rdx
	cmpq	$4 * VEC, %rdx
	ja	.Lloop
.Ltail:
	/* 1..4 VEC left, and more than 4 VEC behind dst: the last 4 VEC. */
	SET4(-4 * VEC, (%rdi,%rdx), VMOVU)
	RETURN_ALL_DONE

#if REP_MIN
.Lrep:
	movq	%rdx, %rcx
	EX(.Lrep_fault, rep stosb)
	RETURN_ALL_DONE
.Lrep_fault:
	movq	%rcx, %rdx
#endif

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
