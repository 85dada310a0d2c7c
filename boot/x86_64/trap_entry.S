/*
 * Trap entry for all 256 vectors.
 *
 * trap_stubs: one 16-byte stub per vector (idt.c points gate v at
 * trap_stubs + 16 * v).  A stub pushes a zero where the CPU pushes no error
 * code, then the vector number, and jumps to trap_common.
 *
 * trap_common
 *   saves rax..r15 below the CPU's frame (struct trap_frame in boot.h) and
 *   the x87/SSE state below them, sets RFLAGS to 2 (DF clear for C, AC
 *   clear: kernel access to user pages is closed in the handler), calls
 *   trap_dispatch(rdi = frame), then restores everything from the frame,
 *   which the handler may have edited (rip, rflags, rax), and returns.
 * Every gate uses an IST stack, so the interrupted code's red zone survives.
 */
#define FRAME_FPU 512 /* fxsave area */

	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	/* Vectors with a CPU error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX. */
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set vec, vec + 1
	.endr
	.balign 16
	.globl trap_stubs_end
trap_stubs_end:

	.type trap_common, @function
trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	$2
	popfq
	movq	%rsp, %rdi
	subq	$FRAME_FPU, %rsp	/* 16-byte aligned: 22 words pushed */
	fxsave64 (%rsp)
	call	trap_dispatch
	fxrstor64 (%rsp)
	addq	$FRAME_FPU, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector, error code */
	iretq
	.size trap_common, . - trap_common

	.section .note.GNU-stack, "", @progbits
