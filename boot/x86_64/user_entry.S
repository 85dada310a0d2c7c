/*
 * Into ring 3 and back (boot/include/usermode.h).
 *
 * long user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg)
 *   rdi entry, rsi sp, rdx arg; r12-r14 hold them across the calls
 * Saves RFLAGS and the callee-saved registers on the kernel stack, keeps
 * that stack pointer in this CPU's slot of user_kernel_sp and in its
 * TSS.RSP0 (system calls from ring 3 start there), and iretq's to entry in
 * ring 3 with sp, IF set and
 * arg in rdi; every other register is zero, so no kernel value reaches the
 * program.
 *
 * _Noreturn void user_leave(long code)        rdi code, kept in rbx
 * Called from a trap handler: back onto this CPU's user_kernel_sp, restores
 * what user_enter saved and returns code from it.
 */
#define SEL_USER_DATA (0x28 | 3)
#define SEL_USER_CODE (0x30 | 3)
#define RFLAGS_USER 0x202 /* IF, and the reserved bit 1 */

	.text
	.globl user_enter
	.type user_enter, @function
user_enter:
	pushfq
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rdi, %r12
	movq	%rsi, %r13
	movq	%rdx, %r14
	call	plat_cpu_id		/* 16-byte aligned: 7 words + the return address */
	leaq	user_kernel_sp(%rip), %rcx
	movq	%rsp, (%rcx, %rax, 8)
	movq	%rsp, %rdi
	call	tss_set_rsp0
	cli
	pushq	$SEL_USER_DATA
	pushq	%r13
	pushq	$RFLAGS_USER
	pushq	$SEL_USER_CODE
	pushq	%r12
	movq	%r14, %rdi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	iretq
	.size user_enter, . - user_enter

	.globl user_leave
	.type user_leave, @function
user_leave:
	movq	%rdi, %rbx
	andq	$-16, %rsp		/* the trap stack, aligned for the call */
	call	plat_cpu_id
	leaq	user_kernel_sp(%rip), %rcx
	movq	(%rcx, %rax, 8), %rsp
	movq	%rbx, %rax
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popfq
	ret
	.size user_leave, . - user_leave

	.bss
	.balign 8
user_kernel_sp:				/* by CPU number: PLAT_MAX_CPUS slots */
	.skip 8 * 8

	.section .note.GNU-stack, "", @progbits
