/*
 * int boot_probe_load(const volatile uint8_t *p)
 *   rdi  p
 *   eax  0 when the load completes
 * A plain kernel load with no exception-table entry.  When it traps, and
 * probe.c armed the probe, the trap handler resumes at boot_probe_resume
 * with eax = 1.
 */
	.text
	.globl boot_probe_load, boot_probe_insn, boot_probe_resume
	.type boot_probe_load, @function
	.balign 16
boot_probe_load:
	xorl	%eax, %eax
boot_probe_insn:
	movb	(%rdi), %cl
boot_probe_resume:
	ret
	.size boot_probe_load, . - boot_probe_load

/*
 * int boot_probe_exec(const void *p)
 *   rdi  p, which must hold a ret
 *   eax  0 when the code at p ran and returned
 * A plain kernel call to p.  When fetching from p traps, and probe.c armed
 * the probe, the trap handler returns from the call with eax = 1.
 */
	.globl boot_probe_exec
	.type boot_probe_exec, @function
	.balign 16
boot_probe_exec:
	xorl	%eax, %eax
	call	*%rdi
	ret
	.size boot_probe_exec, . - boot_probe_exec

	.section .note.GNU-stack, "", @progbits
