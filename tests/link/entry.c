/*
 * A trivial kernel entry for the link tests: it calls into every part of
 * the library an embedder's kernel would, so that the link resolves their
 * relocations at the address under test.  It is linked, never run.
 */
#include "vmio/vmio.h"

static unsigned char src[64], dst[64];
volatile uintptr_t link_sink;

__attribute__((section(".text.entry"))) void _start(void);
__attribute__((section(".text.entry"))) void _start(void)
{
	struct vm_freader r;
	struct vm_reader kr = vm_reader_from_bytes(src, sizeof(src));
	struct vm_writer kw = vm_writer_from_bytes(dst, sizeof(dst));

	vmio_extable_init();
	link_sink = vmio_extable_size();
	link_sink = vmio_extable_fixup((uintptr_t)&_start);
	link_sink = (uintptr_t)vmio_user_range_set(0x10000, 0x20000);
	link_sink = (uintptr_t)vm_freader_from_user_space(&r, (void *)0x10000, 8);
	link_sink = vm_reader_read(&kr, &kw);
	link_sink = __memcpy_fallible(dst, src, sizeof(dst));
	link_sink = __memset_fallible(dst, 0, sizeof(dst));
	for (;;)
		;
}
