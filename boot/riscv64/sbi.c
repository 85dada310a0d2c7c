/* Calls into OpenSBI (the SBI v0.2+ calling convention, and the legacy one). */
#include "riscv.h"

#define SBI_EXT_LEGACY_SET_TIMER 0x0
#define SBI_EXT_TIME 0x54494D45

struct sbiret {
	long error;
	long value;
};

#define SBI_EXT_IPI 0x735049
#define SBI_EXT_HSM 0x48534D

/* ecall with extension eid, function fid and up to three arguments. */
static struct sbiret sbi_call3(long eid, long fid, unsigned long arg0, unsigned long arg1,
			       unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register long a6 __asm__("a6") = fid;
	register long a7 __asm__("a7") = eid;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){ (long)a0, (long)a1 };
}

static struct sbiret sbi_call(long eid, long fid, unsigned long arg0)
{
	return sbi_call3(eid, fid, arg0, 0, 0);
}

/*
 * HSM hart_start: hart hartid starts in S-mode at physical start, paging
 * off, with a0 = hartid and a1 = opaque.  Returns the SBI error (0 = ok).
 */
long sbi_hart_start(unsigned long hartid, uintptr_t start, unsigned long opaque)
{
	return sbi_call3(SBI_EXT_HSM, 0, hartid, start, opaque).error;
}

/* IPI send_ipi: a supervisor software interrupt (sip.SSIP) to hart hartid. */
long sbi_send_ipi(unsigned long hartid)
{
	return sbi_call3(SBI_EXT_IPI, 0, 1, hartid, 0).error;
}

/*
 * Program the next timer interrupt for time stime (which also clears a
 * pending one): the TIME extension, else the legacy call.
 */
void sbi_set_timer(uint64_t stime)
{
	static int legacy;

	if (!legacy && sbi_call(SBI_EXT_TIME, 0, stime).error == 0)
		return;
	legacy = 1;
	sbi_call(SBI_EXT_LEGACY_SET_TIMER, 0, stime);
}
