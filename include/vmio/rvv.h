/*
 * The riscv64 vector path (meson option riscv64_vector=rvv): the embedder
 * says once, at boot, that the CPU has the V extension (RVV 1.0), typically
 * after finding "v" in the device tree's riscv,isa.  From then on
 * __memcpy_fallible, __memset_fallible, __strnlen_fallible and
 * __strncpy_fallible use vector registers at every call
 * made while sstatus.VS is not Off, and the scalar path at calls made with
 * VS Off.  VS alone cannot tell whether V exists (QEMU lets S-mode set VS on
 * a CPU without V), hence the call.
 *
 * A call on the vector path clobbers v0..v7, vl and vtype and leaves vstart
 * 0, like a function call that may use them under the vector calling
 * convention; the embedder saves a user program's vector state first, as
 * Linux does around kernel_vector_begin() (docs/library_usage.md).  Without
 * the option (riscv64_vector=none), or on another ISA, the call changes
 * nothing the primitives read: they stay scalar.
 */
#ifndef VMIO_RVV_H
#define VMIO_RVV_H

#if defined(__riscv) && !defined(VMIO_HOST)

/*
 * The write-once global behind the switch: 0 until vmio_rvv_enable(), then
 * the sstatus.VS field mask (0x600), which each primitive ANDs with sstatus
 * at its entry.  Written by vmio_rvv_enable() only; read-only to the
 * embedder.
 */
extern unsigned long __vmio_rvv_vs;

/*
 * Declare that this CPU (and every CPU that will run vmio) has RVV 1.0.
 * Call once at boot, before other CPUs start calling vmio; calling it again
 * stores the same value.
 */
/*@ assigns __vmio_rvv_vs;
    ensures __vmio_rvv_vs == 0x600; */
void vmio_rvv_enable(void);

#endif

#endif
