# selftest/stackreg: kc_stack_switch and kc_stackpool unit tests (the proofs
# that the stackreg cases can fail are rows of selftest/faults/faults.txt).
# Kyua metadata (mk/registry.mk): the directory's, then each exception's.
TEST_METADATA.selftest/stackreg := timeout=300
ATF_PROGS += selftest/stackreg/stack_switch_test
# No Valgrind run: the switch natively and under qemu-user.
TEST_METADATA.selftest/stackreg/stack_switch_test := timeout=60
HELPER_PROGS += selftest/stackreg/h_stack_switch

# The register and alignment probes are per-arch assembly, where one exists.
SWITCH_PROBE := $(wildcard selftest/stackreg/arch/$(ARCH)/switch_probe.S)
OBJS.selftest/stackreg/h_stack_switch := $(SWITCH_PROBE:%.S=%.o)
CFLAGS.selftest/stackreg/h_stack_switch := $(if $(SWITCH_PROBE),-DKC_HAVE_SWITCH_PROBE)

# The aarch64 routine, checked on another host: the same program cross-built
# static, run under qemu-aarch64-static by stack_switch_test.  Built only
# where the cross compiler is installed (the case skips otherwise).
XCC_AARCH64 := $(if $(filter-out aarch64,$(ARCH)),$(shell command -v aarch64-linux-gnu-gcc 2>/dev/null))
ifneq ($(XCC_AARCH64),)
XSRCS_SWITCH := selftest/stackreg/h_stack_switch.c lib/arch/aarch64/stack_switch.S \
	selftest/stackreg/arch/aarch64/switch_probe.S
all: $(B)/selftest/stackreg/aarch64/h_stack_switch
$(B)/selftest/stackreg/aarch64/h_stack_switch: $(XSRCS_SWITCH) lib/kc_stack.h lib/arch/asm.h
	@mkdir -p $(@D)
	$(XCC_AARCH64) -static -std=gnu11 -O2 -Wall -Wextra -Werror -DKC_HAVE_SWITCH_PROBE \
	    -Ilib -Ilib/arch -Wa,--noexecstack -o $@ $(XSRCS_SWITCH)
endif

# kc_stackpool unit checks, run natively and under Valgrind by stackpool_test.
ATF_PROGS += selftest/stackreg/stackpool_test
# One subject natively and under Valgrind.
TEST_METADATA.selftest/stackreg/stackpool_test := timeout=120
HELPER_PROGS += selftest/stackreg/h_stackpool

# Skips without Valgrind, failures with a broken one (the runner code is
# shared with selftest/vgreq/novg_test).
ATF_PROGS += selftest/stackreg/novg_test
OBJS.selftest/stackreg/novg_test := selftest/vgreq/novg.o
CFLAGS.selftest/stackreg/novg_test := -Iselftest/vgreq
