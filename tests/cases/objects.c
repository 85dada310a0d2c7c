/*
 * VmIo and VmIoOnce through real objects: a frame segment from the boot
 * code's frame allocator, and MMIO windows (the PCI host bridge's ECAM
 * space on bare metal; a plain buffer on the host).
 */
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

static struct vmio_segment seg;

/* A segment of 2 frames, zero-filled. */
static const struct vmio *segment(void)
{
	size_t ps = plat_info()->page_size;

	if (!seg.base) {
		void *frames = plat_frames_alloc(2);
		VT_CHECK(frames != NULL);
		vmio_segment_init(&seg, frames, 2, ps);
	}
	struct vm_writer w = vmio_segment_writer(&seg);
	vm_writer_fill_zeros(&w, vmio_segment_size(&seg));
	return &seg.io;
}

VT_CASE(segment_round_trips_and_bounds)
{
	const struct vmio *io = segment();
	size_t size = vmio_segment_size(&seg);
	uint32_t v = 0xcafef00d, got = 0;
	uint8_t bytes[16], back[16];

	for (unsigned i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(3 * i + 1);
	VT_EQ(vmio_write_val(io, 4, &v, sizeof(v)), 0);
	VT_EQ(vmio_read_val(io, 4, &got, sizeof(got)), 0);
	VT_EQ(got, v);
	/* Across the frame boundary. */
	VT_EQ(vmio_write_bytes(io, seg.frame_size - 7, bytes, sizeof(bytes)), 0);
	VT_EQ(vmio_read_bytes(io, seg.frame_size - 7, back, sizeof(back)), 0);
	VT_CHECK(memcmp(bytes, back, sizeof(bytes)) == 0);
	/* The last byte is in; one more is out, and nothing is written. */
	VT_EQ(vmio_write_bytes(io, size - 16, bytes, 16), 0);
	VT_EQ(vmio_write_bytes(io, size - 15, bytes, 16), VMIO_EINVAL);
	VT_EQ(vmio_read_bytes(io, size - 15, back, 16), VMIO_EINVAL);
	VT_EQ(vmio_read_bytes(io, SIZE_MAX - 3, back, 16), VMIO_EOVERFLOW);
	VT_EQ(vmio_read_bytes(io, size, back, 0), 0);
	VT_EQ(vmio_read_bytes(io, size + 1, back, 0), VMIO_EINVAL);
}

VT_CASE(segment_slices)
{
	const struct vmio *io = segment();
	uint16_t in[5] = { 1, 2, 3, 4, 5 }, out[5] = { 0 };

	VT_EQ(vmio_write_slice(io, 10, in, 5, sizeof(in[0])), 0);
	VT_EQ(vmio_read_slice(io, 10, out, 5, sizeof(out[0])), 0);
	VT_CHECK(memcmp(in, out, sizeof(in)) == 0);
	VT_EQ(vmio_read_slice(io, 0, out, SIZE_MAX / 2, 4), VMIO_EOVERFLOW);
}

VT_CASE(segment_write_vals_with_align)
{
	const struct vmio *io = segment();
	size_t size = vmio_segment_size(&seg), n = 99;
	uint32_t vals[3] = { 0x11111111, 0x22222222, 0x33333333 }, got = 0;

	/* align 16: offset 5 rounds up to 16, each item takes a 16-byte slot. */
	VT_EQ(vmio_write_vals(io, 5, vals, 3, sizeof(vals[0]), 16, &n), 0);
	VT_EQ(n, 3);
	for (unsigned i = 0; i < 3; i++) {
		VT_EQ(vmio_read_val(io, 16 + 16 * i, &got, sizeof(got)), 0);
		VT_EQ(got, vals[i]);
	}
	VT_EQ(vmio_read_val(io, 20, &got, sizeof(got)), 0);
	VT_EQ(got, 0);
	/* align 0 and 1: packed. */
	VT_EQ(vmio_write_vals(io, 101, vals, 3, sizeof(vals[0]), 1, &n), 0);
	VT_EQ(vmio_read_val(io, 105, &got, sizeof(got)), 0);
	VT_EQ(got, vals[1]);
	/* A bad align is an error, not a crash. */
	VT_EQ(vmio_write_vals(io, 0, vals, 3, sizeof(vals[0]), 12, &n), VMIO_EINVAL);
	VT_EQ(n, 0);
	/* Stops at the end: the writes that fit count, the rest do not. */
	VT_EQ(vmio_write_vals(io, size - 8, vals, 3, sizeof(vals[0]), 0, &n), 0);
	VT_EQ(n, 2);
	/* The first write fails: its error. */
	VT_EQ(vmio_write_vals(io, size, vals, 3, sizeof(vals[0]), 0, &n), VMIO_EINVAL);
	VT_EQ(n, 0);
}

VT_CASE(segment_fill_zeros)
{
	const struct vmio *io = segment();
	size_t size = vmio_segment_size(&seg);
	uint8_t ones[64], back[64];

	memset(ones, 1, sizeof(ones));
	VT_EQ(vmio_write_bytes(io, 0, ones, sizeof(ones)), 0);
	VT_EQ(vmio_fill_zeros(io, 8, 16), 0);
	VT_EQ(vmio_read_bytes(io, 0, back, sizeof(back)), 0);
	for (unsigned i = 0; i < sizeof(back); i++)
		VT_EQ(back[i], i >= 8 && i < 24 ? 0 : 1);
	/* Past the end, or partly past it: an error, and nothing written. */
	VT_EQ(vmio_write_bytes(io, size - 64, ones, sizeof(ones)), 0);
	VT_EQ(vmio_fill_zeros(io, size + 1, 4), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(io, size - 4, 8), VMIO_EINVAL);
	VT_EQ(vmio_read_bytes(io, size - 64, back, sizeof(back)), 0);
	for (unsigned i = 0; i < sizeof(back); i++)
		VT_EQ(back[i], 1);
	VT_EQ(vmio_fill_zeros(io, SIZE_MAX, 2), VMIO_EOVERFLOW);
}

/* VmIo::read into user memory: a fault on the writer's side. */
VT_CASE(segment_read_into_faulting_user_memory)
{
	const struct vmio *io = segment();
	struct vm_fwriter w;

	ureg_setup();
	VT_EQ(vm_fwriter_from_user_space(&w, ureg_page(UREG_RO) - 6, 32), 0);
	VT_EQ(vmio_read(io, 0, &w), VMIO_EFAULT);
	VT_EQ((uintptr_t)vm_fwriter_cursor(&w), (uintptr_t)ureg_page(UREG_RO));
	ureg_restore(ureg_page(UREG_RO) - 6, 6);
}

VT_CASE(mmio_window_on_a_buffer)
{
	static uint64_t regs[4];
	struct vmio_mmio m;
	uint32_t v32 = 0;
	uint16_t v16 = 0;
	uint8_t bytes[13], back[13];

	vmio_mmio_init(&m, (uintptr_t)regs, sizeof(regs));
	v32 = 0x12345678;
	VT_EQ(vmio_write_once(&m.once, 4, &v32), 0);
	VT_EQ(regs[0] >> 32, 0x12345678);
	VT_EQ(vmio_read_once(&m.once, 6, &v16), 0);
	VT_EQ(v16, 0x1234);
	VT_EQ(vmio_read_once(&m.once, 5, &v16), VMIO_EINVAL);
	VT_EQ(vmio_read_once(&m.once, 32, &v16), VMIO_EINVAL);
	VT_EQ(vmio_write_once(&m.once, 30, &v32), VMIO_EINVAL);
	for (unsigned i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(0xa0 + i);
	VT_EQ(vmio_write_bytes(&m.io, 3, bytes, sizeof(bytes)), 0);
	VT_EQ(vmio_read_bytes(&m.io, 3, back, sizeof(back)), 0);
	VT_CHECK(memcmp(bytes, back, sizeof(bytes)) == 0);
	VT_EQ(((uint8_t *)regs)[2], 0);
	VT_EQ(((uint8_t *)regs)[16], 0);
	VT_EQ(vmio_read_bytes(&m.io, 20, back, 13), VMIO_EINVAL);
}

#if !defined(VMIO_HOST)
/* The PCI host bridge's IDs through ECAM, with 2- and 4-byte once reads. */
VT_CASE(mmio_reads_pci_host_bridge_ids)
{
#if defined(__x86_64__)
	const uint16_t vendor = 0x8086, device = 0x29c0; /* q35 */
#else
	const uint16_t vendor = 0x1b36, device = 0x0008; /* QEMU's generic host bridge */
#endif
	uintptr_t ecam = plat_pci_ecam_base();
	struct vmio_mmio m;
	uint16_t v16 = 0, d16 = 0;
	uint32_t id = 0;

	VT_CHECK(ecam != 0);
	if (!ecam)
		return;
	vmio_mmio_init(&m, ecam, 4096);
	VT_EQ(vmio_read_once(&m.once, 0, &v16), 0);
	VT_EQ(vmio_read_once(&m.once, 2, &d16), 0);
	VT_EQ(vmio_read_once(&m.once, 0, &id), 0);
	VT_EQ(v16, vendor);
	VT_EQ(d16, device);
	VT_EQ(id, (uint32_t)device << 16 | vendor);
}
#endif

/* fill_zeros on an MMIO window: all or nothing, in its own chunks. */
VT_CASE(mmio_fill_zeros_all_or_nothing)
{
	static uint64_t regs[64]; /* 512 bytes */
	const uint8_t *bytes = (const uint8_t *)regs;
	struct vmio_mmio m;

	vmio_mmio_init(&m, (uintptr_t)regs, sizeof(regs));
	memset(regs, 0xff, sizeof(regs));
	VT_EQ(vmio_fill_zeros(&m.io, 0, 600), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(&m.io, 500, 13), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(&m.io, 513, 0), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(&m.io, SIZE_MAX, 2), VMIO_EOVERFLOW);
	for (unsigned i = 0; i < sizeof(regs); i++)
		VT_EQ(bytes[i], 0xff);
	VT_EQ(vmio_fill_zeros(&m.io, 512, 0), 0);
	VT_EQ(vmio_fill_zeros(&m.io, 3, 13), 0);
	VT_EQ(vmio_fill_zeros(&m.io, 499, 13), 0);
	for (unsigned i = 0; i < sizeof(regs); i++)
		VT_EQ(bytes[i], (i >= 3 && i < 16) || i >= 499 ? 0 : 0xff);
}

/* The generic fallback (an object without a fill_zeros op) checks the
 * whole range before it writes: a segment with that op taken away. */
VT_CASE(fill_zeros_fallback_all_or_nothing)
{
	const struct vmio *io = segment();
	size_t size = vmio_segment_size(&seg);
	struct vmio_ops plain = *io->ops;
	struct vmio_segment bare = seg;
	uint8_t ones[600], back[600];

	plain.fill_zeros = NULL;
	bare.io.ops = &plain;
	memset(ones, 1, sizeof(ones));
	VT_EQ(vmio_write_bytes(io, size - sizeof(ones), ones, sizeof(ones)), 0);
	VT_EQ(vmio_fill_zeros(&bare.io, size - 600, 601), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(&bare.io, size - 4, 8), VMIO_EINVAL);
	VT_EQ(vmio_fill_zeros(&bare.io, size + 1, 0), VMIO_EINVAL);
	VT_EQ(vmio_read_bytes(io, size - sizeof(back), back, sizeof(back)), 0);
	for (unsigned i = 0; i < sizeof(back); i++)
		VT_EQ(back[i], 1);
	/* More than the fallback's 256-byte zero buffer, to the last byte. */
	VT_EQ(vmio_fill_zeros(&bare.io, size - 599, 599), 0);
	VT_EQ(vmio_read_bytes(io, size - sizeof(back), back, sizeof(back)), 0);
	for (unsigned i = 0; i < sizeof(back); i++)
		VT_EQ(back[i], i ? 0 : 1);
}

/* The MMIO window's VmIo chunks: naturally aligned 8, 4, 2 or 1 bytes, the
 * widest that fits, tiling exactly the range asked for. */
VT_CASE(mmio_chunks_are_aligned_and_stay_in_range)
{
	static const unsigned widths[] = { 8, 4, 2, 1 };
	unsigned used[9] = { 0 };

	for (uintptr_t base = 0x1000; base < 0x1010; base++)
		for (size_t len = 0; len <= 40; len++) {
			uintptr_t p = base;
			size_t left = len;

			while (left) {
				size_t size = vmio_mmio_chunk(p, left);

				VT_CHECK(size == 1 || size == 2 || size == 4 || size == 8);
				VT_EQ(p % size, 0);
				VT_CHECK(size <= left);
				/* No wider access would have been aligned and in range. */
				for (unsigned i = 0; i < 4 && widths[i] > size; i++)
					VT_CHECK(p % widths[i] || widths[i] > left);
				used[size]++;
				p += size;
				left -= size;
			}
			VT_EQ(p, base + len);
			if (vt_case_failures())
				return;
		}
	VT_CHECK(used[1] && used[2] && used[4] && used[8]);
	VT_EQ(vmio_mmio_chunk(0x1003, 0), 1);
}
