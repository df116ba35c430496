# selftest/lib: lib units, result writers, leftovers checker.
ATF_PROGS += selftest/lib/kfacts_test selftest/lib/known_test selftest/lib/results_test \
	selftest/lib/atfrun_test selftest/lib/lint_test
HELPER_PROGS += selftest/lib/fixture/h_verdicts
LDLIBS.selftest/lib/results_test := -ljson-c

# The client-request bytes (lib/arch/*/vg_request.S and valgrind.h), checked
# natively and, built static for another arch (KC_XHELPERS: mk/arch-rules.mk,
# where its cross gcc is installed), for aarch64 under qemu-user (the case
# skips otherwise).
ATF_PROGS += selftest/lib/vg_encoding_test
HELPER_PROGS += selftest/lib/h_vg_encoding
KC_XHELPERS += selftest/lib/h_vg_encoding
KC_XROUTINES.selftest/lib/h_vg_encoding := vg_request
