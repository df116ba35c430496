# selftest/stackreg: kc_stack_switch and kc_stackpool unit tests, and the
# fault injection that proves the stackreg cases can fail.
ATF_PROGS += selftest/stackreg/stack_switch_test
HELPER_PROGS += selftest/stackreg/h_stack_switch

# The register and alignment probes are lib/arch/<arch>/switch_probe.S (in
# libkc; lib/switch_probe.c where the folder has none).  Also built static for
# the other arches whose cross gcc is installed (mk/arch-rules.mk); the
# aarch64 one runs under qemu-user in stack_switch_test.
KC_XHELPERS += selftest/stackreg/h_stack_switch
KC_XROUTINES.selftest/stackreg/h_stack_switch := stack_switch switch_probe

# kc_stackpool unit checks, run natively and under Valgrind by stackpool_test.
ATF_PROGS += selftest/stackreg/stackpool_test
HELPER_PROGS += selftest/stackreg/h_stackpool

# Fault injection: the stackreg cases fail when the subject drops an annotation.
ATF_PROGS += selftest/stackreg/fault_test

# Skips without Valgrind, failures with a broken one (the runner code is
# shared with selftest/vgreq/novg_test).
ATF_PROGS += selftest/stackreg/novg_test
OBJS.selftest/stackreg/novg_test := selftest/vgreq/novg.o
CFLAGS.selftest/stackreg/novg_test := -Iselftest/vgreq
