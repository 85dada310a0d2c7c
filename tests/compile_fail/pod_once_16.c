/* Must NOT compile: a 16-byte value is not PodOnce (no single load moves it). */
#include "vmio/reader.h"

struct sixteen {
	uint64_t lo, hi;
};

int read_sixteen(struct vm_reader *r, struct sixteen *v)
{
	return vm_reader_read_once(r, v);
}
