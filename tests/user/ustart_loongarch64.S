/*
 * loongarch64 user-mode start and system-call stub.
 *
 * _ustart: the kernel starts the program here at PLV3, a0 = program
 * number, sp = the top of the user stack; it calls user_main(a0) and exits
 * with its return value.
 *
 * long usys(long nr, long a0, long a1, long a2, long a3)
 *   a0 nr, a1..a4 the arguments
 * syscall 0 with a7 = nr, a0..a3 = the arguments; returns a0.
 */
	.section .text.entry, "ax"
	.globl _ustart
_ustart:
	bl	user_main
	move	$a7, $zero		/* SYS_EXIT, a0 = the code */
	syscall	0
	break	0

	.text
	.globl usys
	.type usys, @function
usys:
	move	$a7, $a0
	move	$a0, $a1
	move	$a1, $a2
	move	$a2, $a3
	move	$a3, $a4
	syscall	0
	jr	$ra
	.size usys, . - usys

	.section .note.GNU-stack, "", @progbits
