/* SPDX-License-Identifier: BSD-2-Clause */
/* ATF's expectation windows, told to a lane too (see kc_expect.h). */
#include <stdarg.h>
#include <stdio.h>

#include <atf-c.h>

#include "kc_batch.h"
#include "kc_expect.h"

void
kc_expect_fail(const char *fmt, ...)
{
	char reason[2048];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	kc_batch_expect(reason);
	atf_tc_expect_fail("%s", reason);
}

void
kc_expect_pass(void)
{
	kc_batch_expect(NULL);
	atf_tc_expect_pass();
}
