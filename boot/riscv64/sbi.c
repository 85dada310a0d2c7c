/* Calls into OpenSBI (the SBI v0.2+ calling convention, and the legacy one). */
#include "riscv.h"

#define SBI_EXT_LEGACY_SET_TIMER 0x0
#define SBI_EXT_TIME 0x54494D45

struct sbiret {
	long error;
	long value;
};

/* ecall with extension eid, function fid and one argument. */
static struct sbiret sbi_call(long eid, long fid, unsigned long arg0)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = 0;
	register long a6 __asm__("a6") = fid;
	register long a7 __asm__("a7") = eid;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){ (long)a0, (long)a1 };
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
