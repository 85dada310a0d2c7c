/*
 * The console device and the exit path: COM1 (a 16550, polled) under
 * common/kprintf.c, QEMU's isa-debug-exit, and vmio's panic hook.
 */
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

#define LSR_THRE 0x20 /* transmit holding register empty */

/* Send one character, waiting until the transmitter has room. */
void console_putc(char c)
{
	while (!(inb(COM1 + 5) & LSR_THRE))
		;
	outb(COM1, (uint8_t)c);
}

/* Stop QEMU: isa-debug-exit turns code into status (code << 1) | 1. */
_Noreturn void platform_exit(int code)
{
	__asm__ volatile("outl %0, %1" ::"a"((uint32_t)code), "Nd"((uint16_t)DEBUG_EXIT_PORT));
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* vmio calls this on a contract violation: report it and fail. */
void vmio_panic(const char *why)
{
	kprintf("vmio panic: %s\n0 passed, 1 failed\n", why);
	platform_exit(3);
}
