/*
 * size_t __memcpy_fallible(void *dst, const void *src, size_t len)
 *
 *   rdi  dst, advanced as bytes are stored
 *   rsi  src, advanced as bytes are loaded
 *   rdx  len
 *   rcx  bytes not yet copied; returned in rax
 *
 * rep movsb does the bulk.  When it faults, rcx/rsi/rdi describe the
 * iterations it completed, but a fast-string implementation may stop short
 * of the inaccessible byte, so we go on one byte at a time until a byte
 * access itself faults: the count is then exact, and nothing past it was
 * stored.
 */
#include "asm.h"

	.text
FUNC(__memcpy_fallible)
	USER_ACCESS_BEGIN
	movq	%rdx, %rcx
1:	rep movsb
	jmp	.Lcopy_done

.Lcopy_retry:			/* the trap handler closed the window: reopen */
	USER_ACCESS_BEGIN
	testq	%rcx, %rcx
	jz	.Lcopy_done
2:	movb	(%rsi), %al
3:	movb	%al, (%rdi)
	incq	%rsi
	incq	%rdi
	decq	%rcx
	jnz	2b
.Lcopy_done:
	USER_ACCESS_END
	movq	%rcx, %rax
	ret
ENDFUNC(__memcpy_fallible)

	VMIO_EX(1b, .Lcopy_retry)
	VMIO_EX(2b, .Lcopy_done)
	VMIO_EX(3b, .Lcopy_done)

	.section .note.GNU-stack, "", @progbits
