/*
 * riscv_trap_entry: the stvec target (direct mode).
 *
 * sscratch is 0 while the hart runs the kernel and holds the kernel stack
 * for traps from a user program while one runs (user_entry.S sets it, and
 * the way back to U-mode below sets it again).  The entry swaps sp with
 * sscratch: non-zero means the trap came from U-mode, and the frame goes
 * on that kernel stack; the user's gp and tp are saved and the kernel's,
 * which user_enter kept, are loaded.  From S-mode the frame is pushed on
 * the current sp, unless sp has no room left above the stack's guard page:
 * then the kernel stack overflowed, and the frame goes on the overflow
 * stack for the dump.
 *   struct riscv_frame { x[32] (x[0] unused, x[2] = sp before the trap),
 *                        sepc, sstatus, scause, stval }     288 bytes
 * SUM is cleared before any C runs.  No vector register or CSR is touched:
 * vstart must reach a vmio fixup as the faulting vector access left it
 * (vmio/rvv.h).  User programs run with sstatus.VS Off (vector.c), so a
 * trap from U-mode has no user vector state to keep; it turns VS on for
 * the kernel, and sret restores the user's sstatus with VS Off.  riscv_trap(frame) may change sepc and
 * sstatus in the frame; sret then resumes with them (for an interrupt that
 * restores the interrupted SUM and SIE, through SPIE).
 * No linker relaxation here: gp is the user's until it is reloaded.
 */
#define FRAME 288
#define SSTATUS_SUM (1 << 18)
#define SSTATUS_SPP (1 << 8)
#define SSTATUS_VS_INITIAL (1 << 9)

	.option norelax

	.text
	.globl riscv_trap_entry
	.type riscv_trap_entry, @function
	.balign 4
riscv_trap_entry:
	csrrw	sp, sscratch, sp
	beqz	sp, .Lfrom_kernel
	addi	sp, sp, -FRAME		/* from U-mode: on the kernel stack */
	sd	t0, 5*8(sp)
	csrr	t0, sscratch
	sd	t0, 2*8(sp)		/* the user's sp */
	csrw	sscratch, zero
	ld	t0, 5*8(sp)
	j	.Lsave
.Lfrom_kernel:
	csrrw	sp, sscratch, zero	/* sp back, sscratch 0 again */
	csrw	sscratch, t0
	la	t0, __stack_bottom + FRAME
	bgeu	sp, t0, 1f
	la	t0, __overflow_stack_top
	j	2f
1:	mv	t0, sp
2:	addi	t0, t0, -FRAME
	sd	sp, 2*8(t0)
	mv	sp, t0
	csrr	t0, sscratch
	csrw	sscratch, zero
.Lsave:
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	sd	zero, 0(sp)
	csrr	t0, sepc
	sd	t0, 32*8(sp)
	csrr	t0, sstatus
	sd	t0, 33*8(sp)
	csrr	t0, scause
	sd	t0, 34*8(sp)
	csrr	t0, stval
	sd	t0, 35*8(sp)
	li	t0, SSTATUS_SUM
	csrc	sstatus, t0
	ld	t1, 33*8(sp)
	andi	t1, t1, SSTATUS_SPP
	bnez	t1, 3f
	la	t0, user_kernel_gp_tp	/* from U-mode: the kernel's gp and tp */
	ld	gp, 0(t0)
	ld	tp, 8(t0)
	li	t0, SSTATUS_VS_INITIAL	/* and VS on: the user ran with VS Off */
	csrs	sstatus, t0
3:
	mv	a0, sp
	call	riscv_trap

	ld	t0, 32*8(sp)
	csrw	sepc, t0
	ld	t0, 33*8(sp)
	csrw	sstatus, t0
	andi	t0, t0, SSTATUS_SPP
	bnez	t0, 4f
	addi	t0, sp, FRAME		/* back to U-mode: its traps start here again */
	csrw	sscratch, t0
4:
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	sp, 2*8(sp)
	sret
	.size riscv_trap_entry, . - riscv_trap_entry
