/* What boot/common/usermode.c and syscall.c share (not the ISAs, not the tests). */
#ifndef USERMODE_PRIV_H
#define USERMODE_PRIV_H

#include <stdint.h>

#include "user_abi.h"

#define USER_STACK_BUF 64 /* bytes of the kernel-stack buffer published to programs */
#define USER_NAME_MAX 32  /* lookup(): the longest name, NUL included */
#define SOURCE_LEN (1u << 20) /* bytes read() and readv() offer */

struct ksys {
	int rows;                  /* print a table row per verdict */
	struct user_info info;     /* what get_info returns */
	uint8_t secret[64];        /* kernel data no call may reveal or change */
	uint8_t secret_copy[64];   /* what it must still hold */
	uint8_t *stack_buf;        /* USER_STACK_BUF bytes on the kernel stack, = secret_copy */
	uint32_t text_sum;         /* kernel_text_sum() at the start */
	unsigned syscalls, expects, expects_failed, kernel_failed, access_open;
};

extern struct ksys user_sys;

uint32_t kernel_text_sum(void);
void syscall_table_head(void);

/* Whether the read-only page of the test region still holds plat_ro_byte() (usermode.c). */
int user_ro_page_intact(void);

/* The frame (kernel address) behind page i of the test region; NULL for a hole (user_frames.c). */
void *ureg_frame(unsigned i);

#endif
