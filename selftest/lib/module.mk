# selftest/lib: lib units, result writers, leftovers checker.
ATF_PROGS += selftest/lib/kfacts_test selftest/lib/known_test selftest/lib/results_test \
	selftest/lib/atfrun_test selftest/lib/lint_test selftest/lib/watchdog_test
HELPER_PROGS += selftest/lib/fixture/h_verdicts selftest/lib/fixture/h_watchdog selftest/lib/fixture/h_probes
# The fixture suite's own Kyuafile (not part of the registry: results_test
# runs it on purpose), next to its program like the generated ones.
all: $(B)/selftest/lib/fixture/Kyuafile
$(B)/selftest/lib/fixture/Kyuafile: selftest/lib/fixture/Kyuafile
	@mkdir -p $(@D)
	cp $< $@
LDLIBS.selftest/lib/results_test := -ljson-c
# Kyua metadata (mk/registry.mk): the directory's, then each exception's.
TEST_METADATA.selftest/lib := timeout=60
# Table checks, and kfeature__probes_fail_above_floor (deadline 40 s: it
# runs probes in children), whose timeout 50 s the program's must cover.
TEST_METADATA.selftest/lib/kfacts_test := timeout=50
TEST_METADATA.selftest/lib/known_test := timeout=30
# Runs kyua on a fixture suite (selftest/lib/fixture) and the result tools.
TEST_METADATA.selftest/lib/results_test := timeout=300
# Lists the cases of every program of the tree.
TEST_METADATA.selftest/lib/lint_test := timeout=120
# Hung fixture cases, each ended by the watchdog.
TEST_METADATA.selftest/lib/watchdog_test := timeout=90
OBJS.selftest/lib/watchdog_test := selftest/st_lane.o
# A lane's case child set up and ended as a fresh run (lib/kc_batch.h).
ATF_PROGS += selftest/lib/lane_test
HELPER_PROGS += selftest/lib/fixture/h_lane
OBJS.selftest/lib/lane_test := selftest/st_lane.o

# The client-request bytes (lib/arch/*/vg_request.S and valgrind.h), checked
# natively and, built static for another arch (KC_XHELPERS: mk/arch-rules.mk,
# where its cross gcc is installed), for aarch64 under qemu-user (the case
# skips otherwise).
ATF_PROGS += selftest/lib/vg_encoding_test
HELPER_PROGS += selftest/lib/h_vg_encoding
KC_XHELPERS += selftest/lib/h_vg_encoding
KC_XROUTINES.selftest/lib/h_vg_encoding := vg_request

# Every lib/arch folder's four routines (vg_request, stack_switch +
# switch_probe, vfork_clone, vfork_clone3) under qemu-user: the three
# helpers built static per arch (KC_XHELPERS, mk/arch-rules.mk); a helper
# not built (its cross gcc missing) fails the arch's case naming the package.
ATF_PROGS += selftest/lib/arch_qemu_test
TEST_METADATA.selftest/lib/arch_qemu_test := timeout=600
HELPER_PROGS += selftest/lib/h_vfork
KC_XHELPERS += selftest/lib/h_vfork
# kc_vfork(3).c: the C side of the raw routines (errno from the raw return).
KC_XROUTINES.selftest/lib/h_vfork := vfork_clone vfork_clone3 kc_vfork kc_vfork3
# Shared tool-selftest helpers (selftest/st_tool.h).
OBJS.selftest/lib/results_test := selftest/st_tool.o

# The shell scripts of the tree are shellcheck-clean, and the check can fail.
ATF_PROGS += selftest/lib/shlint_test
TEST_METADATA.selftest/lib/shlint_test := timeout=100
