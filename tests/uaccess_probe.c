/*
 * Compiled for check_uaccess_insns.py: vmio_unsafe_get_user and
 * vmio_unsafe_put_user of each size, as an embedder's code inside a
 * user-access window would use them.  Each function's path from its entry
 * to its first return must be the access and at most two more
 * instructions, with no call.
 */
#include "vmio/uaccess.h"

#define PROBE(bits)                                                          \
	uint##bits##_t probe_get_u##bits(const uint##bits##_t *p);           \
	uint##bits##_t probe_get_u##bits(const uint##bits##_t *p)            \
	{                                                                    \
		uint##bits##_t v;                                            \
		vmio_unsafe_get_user(v, p, fault);                           \
		return v;                                                    \
	fault:                                                               \
		return 0;                                                    \
	}                                                                    \
	void probe_put_u##bits(uint##bits##_t *p, uint##bits##_t v);         \
	void probe_put_u##bits(uint##bits##_t *p, uint##bits##_t v)          \
	{                                                                    \
		vmio_unsafe_put_user(v, p, fault);                           \
	fault:                                                               \
		return;                                                      \
	}

PROBE(8)
PROBE(16)
PROBE(32)
PROBE(64)
