# lib/: policy (C).  lib/arch/$(ARCH)/*.S: mechanism; each replaces the
# lib/<routine>.c fallback of the same basename (see the top Makefile).
LIB_SRCS += $(sort $(wildcard lib/*.c))
EXTRA_LDLIBS += -lexpat -lseccomp -lpthread

# Tools: results writer, baseline comparison, leftover checker.
TOOL_PROGS += $(patsubst %.c,%,$(wildcard lib/tools/*.c))
LDLIBS.lib/tools/kc-report := -lsqlite3 -ljson-c
# --kcidb: results.json as KCIDB I/O JSON.
OBJS.lib/tools/kc-report := lib/tools/kcidb/kc_kcidb.o
LDLIBS.lib/tools/kc-compare := -ljson-c
LDLIBS.lib/tools/kc-matrix := -ljson-c
LDLIBS.lib/tools/kc-ktap := -ljson-c
