/*
 * Periodic interrupts from the constant timer: TCFG counts down from
 * InitVal at the constant-clock frequency (CPUCFG words 4 and 5: 100 MHz
 * on QEMU), sets ESTAT.IS[11] at zero and reloads in periodic mode; TICLR
 * clears the interrupt; ECFG.LIE[11] unmasks it.
 */
#include "csr.h"
#include "plat.h"
#include "trap.h"

/* The constant timer's frequency in Hz. */
static uint64_t timer_hz(void)
{
	uint64_t freq = cpucfg(4);
	uint32_t ratio = cpucfg(5);
	uint64_t mul = ratio & 0xffff, div = ratio >> 16;

	if (!freq || !mul || !div)
		return 100000000;
	return freq * mul / div;
}

void plat_timer_start(uint32_t period_us)
{
	uint64_t n = timer_hz() * period_us / 1000000;

	n &= ~(uint64_t)3; /* InitVal lives in bits [n:2] */
	if (n < 4)
		n = 4;
	csr_write(CSR_TCFG, n | TCFG_PERIODIC | TCFG_EN);
	csr_write(CSR_TICLR, 1);
	csr_xchg(CSR_ECFG, ECFG_LIE_TI, ECFG_LIE_TI);
}

void plat_timer_stop(void)
{
	csr_xchg(CSR_ECFG, 0, ECFG_LIE_TI);
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_TICLR, 1);
}

/* Acknowledge a tick and count it at the interrupted PC. */
void timer_tick(uintptr_t era)
{
	csr_write(CSR_TICLR, 1);
	plat_timer_tick_at(era);
}
