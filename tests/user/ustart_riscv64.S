/*
 * riscv64 user-mode start and system-call stub.
 *
 * _ustart: the kernel starts the program here in U-mode, a0 = program
 * number, sp = the top of the user stack; it calls user_main(a0) and exits
 * with its return value.
 *
 * long usys(long nr, long a0, long a1, long a2, long a3)
 *   a0 nr, a1..a4 the arguments
 * ecall with a7 = nr, a0..a3 = the arguments; returns a0.
 */
	.section .text.entry, "ax", @progbits
	.globl _ustart
_ustart:
	call	user_main
	li	a7, 0			/* SYS_EXIT, a0 = the code */
	ecall
	unimp

	.text
	.globl usys
	.type usys, @function
usys:
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	mv	a3, a4
	ecall
	ret
	.size usys, . - usys

	.section .note.GNU-stack, "", @progbits
