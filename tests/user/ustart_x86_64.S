/*
 * x86_64 user-mode start and system-call stub.
 *
 * _ustart: the kernel starts the program here, rdi = program number, rsp
 * = the top of the user stack; it calls user_main(rdi) and exits with its
 * return value.
 *
 * long usys(long nr, long a0, long a1, long a2, long a3)
 *   rdi nr, rsi a0, rdx a1, rcx a2, r8 a3
 * int $0x80 with rax = nr, rdi, rsi, rdx, r10 = a0..a3; returns rax.
 */
	.section .text.entry, "ax"
	.globl _ustart
_ustart:
	call	user_main
	movq	%rax, %rdi
	xorl	%eax, %eax		/* SYS_EXIT */
	int	$0x80
	ud2

	.text
	.globl usys
	.type usys, @function
usys:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	int	$0x80
	ret
	.size usys, . - usys

	.section .note.GNU-stack, "", @progbits
