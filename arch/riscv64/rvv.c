/*
 * The switch of the riscv64 vector path (vmio/rvv.h).  One aligned word,
 * written once at boot before other CPUs use vmio, so no reader sees it
 * half-written.
 */
#include "vmio/rvv.h"

#define SSTATUS_VS 0x600UL /* sstatus.VS, bits 10:9 */

unsigned long __vmio_rvv_vs;

/* Let the primitives use V whenever sstatus.VS is not Off. */
void vmio_rvv_enable(void)
{
	__atomic_store_n(&__vmio_rvv_vs, SSTATUS_VS, __ATOMIC_RELAXED);
}
