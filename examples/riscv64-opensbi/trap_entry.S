/*
 * trap_entry: stvec.  Every trap of this kernel is taken in S-mode on the
 * kernel stack, so the frame (struct trap_frame) goes right below sp.
 * SUM is cleared before any C runs; handle_trap() may change sepc and
 * sstatus in the frame, which are written back before sret.
 */
#include "platform.h"

#define FRAME_SIZE (36 * 8)
#define SAVE(n) sd x##n, (n * 8)(sp)
#define LOAD(n) ld x##n, (n * 8)(sp)

	.text
	.balign 4
	.globl trap_entry
trap_entry:
	addi	sp, sp, -FRAME_SIZE
	SAVE(1)
	SAVE(3); SAVE(4); SAVE(5); SAVE(6); SAVE(7); SAVE(8); SAVE(9)
	SAVE(10); SAVE(11); SAVE(12); SAVE(13); SAVE(14); SAVE(15); SAVE(16)
	SAVE(17); SAVE(18); SAVE(19); SAVE(20); SAVE(21); SAVE(22); SAVE(23)
	SAVE(24); SAVE(25); SAVE(26); SAVE(27); SAVE(28); SAVE(29); SAVE(30)
	SAVE(31)
	addi	t0, sp, FRAME_SIZE
	sd	t0, (2 * 8)(sp)
	li	t0, SSTATUS_SUM
	csrrc	t1, sstatus, t0		/* close user access at once */
	sd	t1, (33 * 8)(sp)
	csrr	t0, sepc
	sd	t0, (32 * 8)(sp)
	csrr	t0, scause
	sd	t0, (34 * 8)(sp)
	csrr	t0, stval
	sd	t0, (35 * 8)(sp)

	mv	a0, sp
	call	handle_trap

	ld	t0, (32 * 8)(sp)
	csrw	sepc, t0
	ld	t0, (33 * 8)(sp)
	csrw	sstatus, t0
	LOAD(1)
	LOAD(3); LOAD(4); LOAD(5); LOAD(6); LOAD(7); LOAD(8); LOAD(9)
	LOAD(10); LOAD(11); LOAD(12); LOAD(13); LOAD(14); LOAD(15); LOAD(16)
	LOAD(17); LOAD(18); LOAD(19); LOAD(20); LOAD(21); LOAD(22); LOAD(23)
	LOAD(24); LOAD(25); LOAD(26); LOAD(27); LOAD(28); LOAD(29); LOAD(30)
	LOAD(31)
	addi	sp, sp, FRAME_SIZE
	sret
