/*
 * Trap entry for vectors 0..31 (exceptions).
 *
 * trap_stubs: one 16-byte stub per vector (trap.c points gate v at
 * trap_stubs + 16 * v).  A stub pushes a zero where the CPU pushes no
 * error code, then the vector, and jumps to trap_common, which pushes
 * rax..r15 (struct trap_frame), clears AC and DF, calls
 * handle_trap(frame) and returns with the frame's registers, rip and
 * rflags included, which the handler may have changed.  The kernel is
 * built with -mno-red-zone and -mgeneral-regs-only: no red zone to skip,
 * no vector state to save.
 */
	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 32
	.balign 16
	/* The CPU pushes an error code for #DF #TS #NP #SS #GP #PF #AC #CP. */
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21)
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set vec, vec + 1
	.endr

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
	pushq	$2			/* AC, DF and IF clear: no user access */
	popfq				/* while the handler runs */
	movq	%rsp, %rdi		/* 22 words pushed: rsp is 16-byte aligned */
	call	handle_trap
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

	.section .note.GNU-stack, "", @progbits
