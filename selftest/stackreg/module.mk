# selftest/stackreg: kc_stack_switch and kc_stackpool unit tests (the proofs
# that the stackreg cases can fail are rows of selftest/faults/faults.txt).
# Kyua metadata (mk/registry.mk): the directory's, then each exception's.
TEST_METADATA.selftest/stackreg := timeout=300
ATF_PROGS += selftest/stackreg/stack_switch_test
# No Valgrind run: the switch natively and under qemu-user.
TEST_METADATA.selftest/stackreg/stack_switch_test := timeout=60
HELPER_PROGS += selftest/stackreg/h_stack_switch

# The register and alignment probes are lib/arch/<arch>/switch_probe.S (in
# libkc; lib/switch_probe.c where the folder has none).  Also built static for
# the other arches whose cross gcc is installed (mk/arch-rules.mk); the
# aarch64 one runs under qemu-user in stack_switch_test.
KC_XHELPERS += selftest/stackreg/h_stack_switch
KC_XROUTINES.selftest/stackreg/h_stack_switch := stack_switch switch_probe

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
