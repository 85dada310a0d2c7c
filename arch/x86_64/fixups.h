/*
 * The fixups of memcpy.S and memset.S, included inside each function after
 * its code and followed by its .Lretry (the bytewise retry from rdi).
 *
 * A fault may come after stores of the same step, or (from the head on) of
 * the head, that went past the committed cursor: another CPU may unmap
 * their page before the retry, which would then stop below bytes already
 * stored.  So each fixup first skips what is stored: stores go upwards,
 * each starting at or below the end of those before it, so the stored
 * bytes from rdi on are one run, and the fixup of each faulting
 * instruction knows its length from where the instruction stands.
 *
 * The including file defines
 *   FIX_HEAD  the register holding, from the head on, the bytes left past
 *             the head's last byte;
 *   FIX_TMP   a scratch register;
 *   FIX_SKIP  what moves besides rdi and rdx when rcx bytes are skipped
 *             (memcpy: rsi).
 * No include guard: it emits code, once in each function.
 */
/* Stored: a constant; max(floor, rdx - back); max(rdx - back, the head). */
.macro	FIX_CONST	lbl, n
\lbl:	movl	$(\n), %ecx
	jmp	.Lskip
.endm
.macro	FIX_MAX		lbl, back, floor
\lbl:	leaq	-(\back)(%rdx), %rcx
	movq	$(\floor), FIX_TMP
	jmp	.Lskip_max
.endm
.macro	FIX_LONG	lbl, back
\lbl:	leaq	-(\back)(%rdx), %rcx
	jmp	.Lskip_long
.endm
	FIX_CONST .Lstored_2, 2
	FIX_CONST .Lstored_4, 4
	FIX_CONST .Lstored_8, 8
	FIX_CONST .Lstored_16, 16
	FIX_CONST .Lstored_32, 32
	FIX_CONST .Lstored_v1, VEC
	FIX_CONST .Lstored_v2, 2*VEC
	FIX_CONST .Lstored_v3, 3*VEC
	FIX_CONST .Lstored_v4, 4*VEC
#if VEC == 8
	FIX_CONST .Lstored_v5, 5*VEC
	FIX_CONST .Lstored_v6, 6*VEC
	FIX_CONST .Lstored_v7, 7*VEC
#endif
	/* The last VEC of 2..4: the first 2 VEC and up to 1 VEC before the end. */
	FIX_MAX .L2x_last, VEC, 2*VEC
	/* Store j of the last 4 VEC of 4..8: the first 4 VEC and up to 4 - j before the end. */
	FIX_MAX .L4x_1, 3*VEC, 4*VEC
	FIX_MAX .L4x_2, 2*VEC, 4*VEC
	FIX_MAX .L4x_3, VEC, 4*VEC
	/* Store j of a turn: j VEC, and the head. */
.Lloop_1:	movl	$VEC, %ecx;		jmp	.Lskip_long
.Lloop_2:	movl	$2 * VEC, %ecx;		jmp	.Lskip_long
.Lloop_3:	movl	$3 * VEC, %ecx;		jmp	.Lskip_long
#if VEC == 64
	/* Store j of the tail: from rdi up to rcx - (3 - j) VEC, and the head. */
.Ltail_1:	subq	$2 * VEC, %rcx;		jmp	.Lskip_long
.Ltail_2:	subq	$VEC, %rcx;		jmp	.Lskip_long
.Ltail_3:	jmp	.Lskip_long
#else
	/* Store j of the last 4 VEC: up to 4 - j VEC before the end, and the head. */
	FIX_LONG .Ltail_1, 3*VEC
	FIX_LONG .Ltail_2, 2*VEC
	FIX_LONG .Ltail_3, VEC
#endif
#if VEC == 16
	/* The upper half of a store: its lower half too. */
	FIX_CONST .Lstored_24, 24
	FIX_CONST .Lstored_40, 40
	FIX_CONST .Lstored_56, 56
	FIX_MAX .L1x_last_hi, 8, 16
	FIX_MAX .L2x_2_hi, 24, 32
	FIX_MAX .L2x_last_hi, 8, 32
	FIX_MAX .L4x_0_hi, 56, 64
	FIX_MAX .L4x_1_hi, 40, 64
	FIX_MAX .L4x_2_hi, 24, 64
	FIX_MAX .L4x_3_hi, 8, 64
	FIX_LONG .Ltail_0_hi, 56
	FIX_LONG .Ltail_1_hi, 40
	FIX_LONG .Ltail_2_hi, 24
	FIX_LONG .Ltail_3_hi, 8
#endif
.Lhead_only:	xorl	%ecx, %ecx
.Lskip_long:			/* rcx bytes from rdi stored, and the head */
	movq	%rdx, FIX_TMP
	subq	FIX_HEAD, FIX_TMP
.Lskip_max:			/* rcx or FIX_TMP bytes from rdi stored, whichever is more */
	cmpq	FIX_TMP, %rcx
	cmovlq	FIX_TMP, %rcx
.Lskip:				/* rcx bytes from rdi stored (none if rcx <= 0) */
	testq	%rcx, %rcx
	jle	.Lretry
	addq	%rcx, %rdi
	FIX_SKIP
	subq	%rcx, %rdx
