/*
 * The demo image: after the banner, a user program's system calls as a
 * table (tests/user/programs.c: each call, its arguments, the result by
 * name, what the kernel checked), the user programs that fault and how
 * each ended, then a short self-check: the fallible primitives stop
 * exactly at a real fault on this target, and the tables said what they
 * should.
 */
#include <stdio.h>

#include "plat.h"
#include "user_expect.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vtest.h"

static uint8_t kbuf[64];

VT_CASE(copy_stops_at_the_read_only_page)
{
	size_t ps = plat_info()->page_size;
	uint8_t *end_rw = (uint8_t *)plat_user_base() + (UREG_RW + UREG_RW_PAGES) * ps;

	for (int i = 0; i < 64; i++)
		kbuf[i] = (uint8_t)i;
	/* 24 bytes fit before the read-only page that follows the read-write ones. */
	VT_EQ(__memcpy_fallible(end_rw - 24, kbuf, 64), 40);
}

VT_CASE(fill_refused_by_read_only_page)
{
	uint8_t *ro = (uint8_t *)plat_user_base() + UREG_RO * plat_info()->page_size;

	VT_EQ(__memset_fallible(ro, 0, 16), 16);
}

VT_CASE(once_load_from_read_only_page)
{
	uint8_t *ro = (uint8_t *)plat_user_base() + UREG_RO * plat_info()->page_size;
	uint32_t v = 0;

	VT_EQ(vmio_arch_load_u32_fallible(ro + 4, &v), 0);
	VT_EQ(v, plat_ro_byte(4) | plat_ro_byte(5) << 8 |
		 plat_ro_byte(6) << 16 | (uint32_t)plat_ro_byte(7) << 24);
	VT_EQ(vmio_arch_load_u32_fallible(ro + plat_info()->page_size, &v), VMIO_EFAULT);
}

static struct user_result calls, faults[UPROG_COUNT];

VT_CASE(user_calls_all_as_expected)
{
	VT_EQ(calls.faulted, 0);
	VT_EQ(calls.code, 0);
	VT_CHECK(calls.expects > 0);
	VT_EQ(calls.expects_failed, 0);
	VT_EQ(calls.kernel_failed, 0);
	VT_EQ(calls.access_open, 0);
}

VT_CASE(user_faults_end_the_program_not_the_kernel)
{
	for (unsigned p = UPROG_SYSCALLS + 1; p < UPROG_COUNT; p++) {
		VT_EQ(faults[p].faulted, 1);
		VT_EQ(faults[p].addr, user_fault_addr(p));
		VT_EQ(faults[p].kernel_failed, 0);
	}
}

int guest_main(void)
{
	printf("\nSystem calls from user mode on %s (kernel side: vmio readers and writers "
	       "from from_user_space only)\n", plat_info()->isa);
	user_run(UPROG_SYSCALLS, 1, &calls);
	printf("\nUser programs that fault (each ends with a report; the kernel goes on)\n");
	for (unsigned p = UPROG_SYSCALLS + 1; p < UPROG_COUNT; p++) {
		user_run(p, 0, &faults[p]);
		user_fault_row(p, &faults[p]);
	}
	printf("\nSelf-check\n");
	return vt_run() ? 1 : 0;
}
