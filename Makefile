# kconform: build, run and self-test the conformance suite.
#
# Every directory contributes a module.mk that appends to the variables
# below; this file holds only the rules.  Objects and binaries go under
# $(B) (a mirror of the source tree), next to the Kyuafiles mk/registry.mk
# generates there: kyua runs $(B)/Kyuafile.

B	?= build
CC	?= cc
PKGS	 = atf-c expat libseccomp sqlite3 json-c

CFLAGS	?= -O2 -g
# Parallel build inside check, selftest, bench and matrix.
JOBS	?= $(shell nproc 2>/dev/null || echo 2)
KC_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -Ilib -Ilib/arch \
	    $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
ASFLAGS	 = -Ilib/arch -Wa,--noexecstack
LDLIBS_ATF = $(shell $(PKG_CONFIG) --libs atf-c 2>/dev/null || echo -latf-c)

# ARCH (the lib/arch/ folder; `make ARCH=<arch>` cross-builds into build-<arch>/).
include mk/arch.mk

# Filled in by the module.mk files.
LIB_SRCS	:=	# lib/*.c (fallbacks are filtered below)
ATF_PROGS	:=	# ATF test programs, as paths under cases/ or selftest/
HELPER_PROGS	:=	# helper/subject programs run by the cases
TOOL_PROGS	:=	# lib/tools and matrix programs
EXTRA_LDLIBS	:=	# libraries every program links with

include lib/module.mk
include $(sort $(wildcard cases/*/module.mk))
include $(sort $(wildcard selftest/*/module.mk))
include $(sort $(wildcard matrix/module.mk))
include mk/registry.mk
# make install, make dist.
include mk/install.mk

# lib/arch/$(ARCH)/<routine>.S replaces the ENOSYS fallback lib/<routine>.c.
ARCH_SRCS  := $(sort $(wildcard lib/arch/$(ARCH)/*.S))
ARCH_NAMES := $(basename $(notdir $(ARCH_SRCS)))
LIB_ALL	   := $(filter-out $(addprefix lib/,$(addsuffix .c,$(ARCH_NAMES))),$(LIB_SRCS))
LIB_OBJS   := $(LIB_ALL:%.c=$(B)/%.o) $(ARCH_SRCS:%.S=$(B)/%.o)
LIBKC	   := $(B)/lib/libkc.a

ALL_PROGS  := $(ATF_PROGS) $(HELPER_PROGS) $(if $(KC_XBUILD),,$(TOOL_PROGS))
ALL_BINS   := $(addprefix $(B)/,$(ALL_PROGS))

.PHONY: all check selftest bench soak deps clean compare matrix matrix-quick client-go
.DEFAULT_GOAL := all

all: $(ALL_BINS) $(B)/kc-programs.txt

$(B)/%.o: %.c | $(KC_XREADY)
	@mkdir -p $(@D)
	$(CC) $(KC_CFLAGS) $(CFLAGS) $(CFLAGS.$*) -MMD -MP -c -o $@ $<

$(B)/%.o: %.S | $(KC_XREADY)
	@mkdir -p $(@D)
	$(CC) $(ASFLAGS) -MMD -MP -c -o $@ $<

$(LIBKC): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# A program is built from <prog>.c plus lib; per-program extras come from
# LDLIBS.<prog> and OBJS.<prog>, set in the module.mk next to it.
.SECONDEXPANSION:
$(ALL_BINS): $(B)/%: $(B)/%.o $$(addprefix $(B)/,$$(OBJS.$$*)) $(LIBKC)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBKC) \
	    $(LDLIBS.$*) $(LDLIBS_ATF) $(EXTRA_LDLIBS)

include mk/arch-rules.mk

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# --- commands of the README -------------------------------------------------

# Run as root on a fresh Debian machine: installs the packages (see README).
deps:
	@lib/tools/deps.sh $(if $(KC_XBUILD),$(ARCH))

check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@lib/tools/run-suite.sh --build-root $(B) $(if $(VALGRIND),--valgrind $(VALGRIND)) \
	    $(if $(SANDBOX),--sandbox $(SANDBOX) --name $(SANDBOX)) $(if $(RESULTS),--results $(RESULTS))

selftest: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@lib/tools/run-selftest.sh --build-root $(B) $(if $(VALGRIND),--valgrind $(VALGRIND))

bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@$(if $(KERNELS),KC_BENCH_KERNELS="$(KERNELS)") lib/tools/bench.sh --build-root $(B) $(if $(VALGRIND),--valgrind $(VALGRIND))

# Flakes: two instances at once, the kernel directories N times, all 5 times.
soak: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@lib/tools/soak.sh --build-root $(B) -n $(or $(N),50) $(if $(FULL),--full $(FULL)) \
	    $(if $(VALGRIND),--valgrind $(VALGRIND))

compare:
	@test -n "$(BASE)" || { echo "usage: make compare BASE=results/baselines/<file>.json [RUN=results/latest/results.json]" >&2; exit 2; }
	@$(B)/lib/tools/kc-compare $(BASE) $(or $(RUN),results/latest/results.json)

matrix: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@matrix/run-matrix.sh --build-root $(B) $(ENVS)

# The quick matrix CI runs: x86_64 and aarch64 under one Debian kernel each
# (qemu-system; aarch64 cross-built into build-aarch64/ first) and two
# arches under qemu-user, without their Valgrind (KC_QEMU_VALGRIND=no: its
# cases skip there; under qemu the Valgrind directories take 10-30 minutes
# an arch and have their own columns in make matrix).
QUICK_ENVS ?= kernel:x86_64:7.3 kernel:aarch64:7.2 qemu-user:aarch64:10.0 qemu-user:loongarch64:11.1
matrix-quick: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@KC_QEMU_VALGRIND=no matrix/run-matrix.sh --build-root $(B) $(QUICK_ENVS)

# Go's Valgrind-instrumented runtime as a real client (README, "make client-go").
client-go: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@matrix/clients/go/run.sh --build-root $(B) $(if $(REPS),--reps $(REPS)) $(VALGRIND)

clean:
	rm -rf $(B)
