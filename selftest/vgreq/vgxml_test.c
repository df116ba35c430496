/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Valgrind XML reader (lib/kc_vgxml) on canned outputs: protocol 4
 * (3.19), protocol 6 (3.27) with summaries, thousands separators and delta
 * suffixes, and malformed documents that must be rejected.
 */
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_vgxml.h"

#define HEAD(v) "<?xml version=\"1.0\"?>\n<valgrindoutput>\n" \
	"<protocolversion>" v "</protocolversion>\n" \
	"<protocoltool>memcheck</protocoltool>\n" \
	"<status><state>RUNNING</state><time>00:00:00:00.01</time></status>\n"
#define TAIL "<status><state>FINISHED</state><time>1</time></status>\n" \
	"<errorcounts></errorcounts><suppcounts></suppcounts>\n</valgrindoutput>\n"

static const char p4[] = HEAD("4")
    "<clientmsg><tid>1</tid><text>hello &lt;&gt; &lt;&amp;&gt;%s world\n  </text></clientmsg>\n"
    "<error><unique>0x0</unique><tid>1</tid><kind>InvalidWrite</kind>"
    "<what>Invalid write of size 1</what>"
    "<stack><frame><ip>0x109603</ip><obj>/x/s</obj><fn>sc_rz_before</fn>"
    "<dir>/x</dir><file>s.c</file><line>55</line></frame>"
    "<frame><ip>0x1096FF</ip><fn>main</fn></frame></stack>"
    "<auxwhat>Address 0x4a4203f is 1 bytes before a block of size 40 alloc'd</auxwhat>"
    "<stack><frame><ip>0x1095F0</ip><fn>sc_rz_before</fn><file>s.c</file><line>52</line></frame></stack>"
    "</error>\n"
    "<error><unique>0x1</unique><tid>1</tid><kind>Leak_DefinitelyLost</kind>"
    "<xwhat><text>1,032 (+1,032) bytes in 3 (+3) blocks are definitely lost in loss record 1 of 1</text>"
    "<leakedbytes>1,032 (+1,032)</leakedbytes><leakedblocks>3 (+3)</leakedblocks></xwhat>"
    "<stack><frame><ip>0x1</ip><fn>leak</fn></frame></stack></error>\n"
    TAIL;

static const char p6[] = HEAD("6")
    "<error><unique>0x0</unique><tid>1</tid><kind>InvalidRead</kind>"
    "<what>Invalid read of size 1</what>"
    "<stack><frame><ip>0x10</ip><fn>f</fn></frame></stack>"
    "<auxwhat>Address 0x4 is 4 bytes inside a block of size 40 free'd</auxwhat>"
    "<stack><frame><ip>0x20</ip><fn>blk_free</fn></frame></stack>"
    "<auxwhat>Block was alloc'd at</auxwhat>"
    "<stack><frame><ip>0x30</ip><fn>blk_alloc</fn></frame></stack></error>\n"
    "<status><state>FINISHED</state><time>1</time></status>\n"
    "<heap_summary><memory_in_use_at_exit><bytes>2,048</bytes><blocks>2</blocks>"
    "</memory_in_use_at_exit><total_heap_usage><allocs>8</allocs><frees>8</frees>"
    "<bytes_allocated>1,234,567</bytes_allocated></total_heap_usage></heap_summary>\n"
    "<all_heap_blocks_freed>false</all_heap_blocks_freed>\n"
    "<leak_summary><definitely_lost><bytes>0</bytes><blocks>0</blocks></definitely_lost></leak_summary>\n"
    "<errorcounts></errorcounts><suppcounts></suppcounts>\n"
    "<error_summary><errors>1</errors></error_summary>\n</valgrindoutput>\n";

/* Protocol 4: errors, stacks, auxwhat, client message, separators, deltas. */
ATF_TC(vgxml__protocol4);
ATF_TC_HEAD(vgxml__protocol4, tc)
{
	atf_tc_set_md_var(tc, "descr", "Protocol 4 output (3.19) parses into "
	    "errors, frames, client messages and exact leak numbers");
}
ATF_TC_BODY(vgxml__protocol4, tc)
{
	struct kc_vg_report r;
	char err[160];
	const struct kc_vg_error *e;

	ATF_REQUIRE_EQ_MSG(0, kc_vgxml_parse(p4, strlen(p4), &r, err, sizeof(err)),
	    "%s", err);
	ATF_CHECK_EQ(4, r.protocol);
	ATF_CHECK_STREQ("memcheck", r.tool);
	ATF_CHECK(r.finished);
	ATF_CHECK(!r.has_summary);
	ATF_REQUIRE_EQ(2, r.nerrors);
	ATF_REQUIRE_EQ(1, r.nmsgs);
	ATF_CHECK_STREQ("hello <> <&>%s world\n  ", r.msgs[0].text);
	ATF_CHECK(r.msgs[0].seq < r.errors[0].seq);
	e = kc_vg_find(&r, "InvalidWrite", "1 bytes before a block of size 40");
	ATF_REQUIRE(e != NULL);
	ATF_CHECK_EQ(2, e->nstacks);
	ATF_CHECK_STREQ("sc_rz_before", kc_vg_top_frame(e, 0)->fn);
	ATF_CHECK_EQ(55, e->stack[0].frames[0].line);
	ATF_CHECK_EQ(0x109603, e->stack[0].frames[0].ip);
	ATF_CHECK_EQ(52, e->stack[1].frames[0].line);
	e = kc_vg_find(&r, "Leak_DefinitelyLost", NULL);
	ATF_REQUIRE(e != NULL);
	ATF_CHECK(e->has_leak);
	ATF_CHECK_EQ(1032, e->leakedbytes);
	ATF_CHECK_EQ(3, e->leakedblocks);
	ATF_CHECK_EQ(1, r.nleakchecks);
	kc_vgxml_free(&r);
}

/* Protocol 6: summaries with separators; three stacks of a use after free. */
ATF_TC(vgxml__protocol6);
ATF_TC_HEAD(vgxml__protocol6, tc)
{
	atf_tc_set_md_var(tc, "descr", "Protocol 6 output (3.26+) parses, "
	    "with heap summary numbers and auxwhat stacks");
}
ATF_TC_BODY(vgxml__protocol6, tc)
{
	struct kc_vg_report r;
	char err[160], *n;
	const struct kc_vg_error *e;

	ATF_REQUIRE_EQ_MSG(0, kc_vgxml_parse(p6, strlen(p6), &r, err, sizeof(err)),
	    "%s", err);
	ATF_CHECK_EQ(6, r.protocol);
	ATF_CHECK(r.has_summary);
	ATF_CHECK_EQ(2048, r.in_use_bytes);
	ATF_CHECK_EQ(8, r.frees);
	ATF_CHECK_EQ(1234567, r.bytes_allocated);
	e = kc_vg_find(&r, "InvalidRead", "free'd");
	ATF_REQUIRE(e != NULL);
	ATF_CHECK_EQ(3, e->nstacks);
	ATF_CHECK_STREQ("blk_free", kc_vg_top_frame(e, 1)->fn);
	ATF_CHECK_STREQ("blk_alloc", kc_vg_top_frame(e, 2)->fn);
	n = kc_vg_normalize(&r, NULL);
	ATF_REQUIRE(n != NULL);
	ATF_CHECK_MATCH("Address 0x\\.\\. is 4 bytes inside", n);
	free(n);
	kc_vgxml_free(&r);
}

/* Malformed documents are errors, never an empty report. */
ATF_TC(vgxml__malformed_rejected);
ATF_TC_HEAD(vgxml__malformed_rejected, tc)
{
	atf_tc_set_md_var(tc, "descr", "Truncated, unclosed, unknown-protocol "
	    "and bad-number documents are rejected with a reason");
}
ATF_TC_BODY(vgxml__malformed_rejected, tc)
{
	static const char *const bad[] = {
		/* truncated mid-run (Valgrind killed) */
		HEAD("4") "<error><unique>0x0</unique><kind>InvalidRead</kind>",
		/* 3.26.0's unclosed </still_reachable> (bug 514613) */
		HEAD("6") "<leak_summary><still_reachable><bytes>1</bytes>"
		    "</leak_summary>" TAIL,
		HEAD("3") TAIL,
		HEAD("4") "<error><kind>Leak_DefinitelyLost</kind><xwhat><text>x</text>"
		    "<leakedbytes>12abc</leakedbytes></xwhat></error>" TAIL,
		HEAD("4") "<error><what>no kind</what></error>" TAIL,
		"<notvalgrind/>",
		"",
	};
	struct kc_vg_report r;
	char err[160];
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ATF_CHECK_EQ_MSG(-1, kc_vgxml_parse(bad[i], strlen(bad[i]), &r,
		    err, sizeof(err)), "document %u accepted", i);
		ATF_CHECK_MSG(err[0] != '\0', "document %u: no reason", i);
		ATF_CHECK_EQ(0, r.nerrors);
	}
}

/* Numbers: separators and delta suffixes accepted, junk refused. */
ATF_TC(vgxml__numbers);
ATF_TC_HEAD(vgxml__numbers, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_vgxml_number: \"1,032\", \"48 (+48)\", "
	    "\"3 (-1)\" parse; \"\", \"1x\", \",1\" do not");
}
ATF_TC_BODY(vgxml__numbers, tc)
{
	unsigned long v;

	ATF_CHECK(kc_vgxml_number("1,032", &v) == 0 && v == 1032);
	ATF_CHECK(kc_vgxml_number("48 (+48)", &v) == 0 && v == 48);
	ATF_CHECK(kc_vgxml_number("3 (-1)", &v) == 0 && v == 3);
	ATF_CHECK(kc_vgxml_number("1,234,567", &v) == 0 && v == 1234567);
	ATF_CHECK_EQ(-1, kc_vgxml_number("", &v));
	ATF_CHECK_EQ(-1, kc_vgxml_number("1x", &v));
	ATF_CHECK_EQ(-1, kc_vgxml_number(",1", &v));
	ATF_CHECK_EQ(-1, kc_vgxml_number("4 (+)", &v));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, vgxml__protocol4);
	ATF_TP_ADD_TC(tp, vgxml__protocol6);
	ATF_TP_ADD_TC(tp, vgxml__malformed_rejected);
	ATF_TP_ADD_TC(tp, vgxml__numbers);

	return (atf_no_error());
}
