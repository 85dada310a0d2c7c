/*
 * int riscv_probe_load(const volatile uint8_t *p)       a0 p
 *
 * One plain lbu from p, with no exception-table entry and SUM as the
 * caller left it.  Returns 0 if it loaded, 1 if it trapped: trap.c sends a
 * load page fault at riscv_probe_insn, while a probe is armed, to
 * riscv_probe_fixup.
 */
	.text
	.globl riscv_probe_load, riscv_probe_insn, riscv_probe_fixup
	.type riscv_probe_load, @function
	.balign 4
riscv_probe_load:
riscv_probe_insn:
	lbu	a1, 0(a0)
	li	a0, 0
	ret
riscv_probe_fixup:
	li	a0, 1
	ret
	.size riscv_probe_load, . - riscv_probe_load
