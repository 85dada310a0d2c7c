/* The user test region as the tests see it (see ureg.h). */
#include "ureg.h"

#include "vmio/arch.h"
#include "vtest.h"

uint8_t *ureg_base;
size_t ureg_ps;

static size_t page_of(const uint8_t *a)
{
	return (size_t)(a - ureg_base) / ureg_ps;
}

static int inside(const uint8_t *a)
{
	return a >= ureg_base && a < ureg_base + UREG_PAGES * ureg_ps;
}

int ureg_readable(const uint8_t *a)
{
	return inside(a) && ureg_page_mapped((unsigned)page_of(a));
}

int ureg_writable(const uint8_t *a)
{
	return inside(a) && ureg_page_writable((unsigned)page_of(a));
}

uint8_t ureg_expected(const uint8_t *a)
{
	size_t off = (size_t)(a - ureg_base);

	if (page_of(a) == UREG_RO)
		return plat_ro_byte(off - UREG_RO * ureg_ps);
	return ureg_pattern(off);
}

static size_t run(const uint8_t *a, size_t len, int (*ok)(const uint8_t *))
{
	size_t n = 0;

	while (n < len && ok(a + n)) {
		/* Whole pages at a time: accessibility only changes at page edges. */
		size_t to_edge = ureg_ps - (size_t)(a + n - ureg_base) % ureg_ps;
		n += to_edge;
	}
	return n < len ? n : len;
}

size_t ureg_read_run(const uint8_t *a, size_t len)
{
	return run(a, len, ureg_readable);
}

size_t ureg_write_run(const uint8_t *a, size_t len)
{
	return run(a, len, ureg_writable);
}

/* Calls fn on each piece of [a, a+len) that stays within one page. */
static void per_page(uint8_t *a, size_t len, uint8_t *buf,
		     void (*fn)(uint8_t *piece, size_t n, uint8_t *buf))
{
	while (len) {
		size_t to_edge = ureg_ps - (size_t)(a - ureg_base) % ureg_ps;
		size_t n = len < to_edge ? len : to_edge;

		fn(a, n, buf);
		a += n, len -= n;
		if (buf)
			buf += n;
	}
}

static void read_piece(uint8_t *piece, size_t n, uint8_t *out)
{
	if (ureg_readable(piece)) {
		VT_EQ(__memcpy_fallible(out, piece, n), 0);
	} else {
		for (size_t i = 0; i < n; i++)
			out[i] = 0;
	}
}

static void restore_piece(uint8_t *piece, size_t n, uint8_t *unused)
{
	uint8_t chunk[256];

	(void)unused;
	if (!ureg_writable(piece))
		return;
	while (n) {
		size_t m = n < sizeof(chunk) ? n : sizeof(chunk);

		for (size_t i = 0; i < m; i++)
			chunk[i] = ureg_expected(piece + i);
		VT_EQ(__memcpy_fallible(piece, chunk, m), 0);
		piece += m, n -= m;
	}
}

void ureg_read_back(uint8_t *out, const uint8_t *a, size_t len)
{
	per_page((uint8_t *)a, len, out, read_piece);
}

void ureg_restore(uint8_t *a, size_t len)
{
	per_page(a, len, NULL, restore_piece);
}

void ureg_setup(void)
{
	static int done;

	ureg_ps = plat_info()->page_size;
	ureg_base = (uint8_t *)plat_user_base();
	if (!done) {
		ureg_restore(ureg_base, UREG_PAGES * ureg_ps);
		done = 1;
	}
}
