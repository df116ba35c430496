# selftest/lib: lib units, result writers, leftovers checker.
ATF_PROGS += selftest/lib/kfacts_test selftest/lib/known_test selftest/lib/results_test \
	selftest/lib/atfrun_test
HELPER_PROGS += selftest/lib/fixture/h_verdicts
LDLIBS.selftest/lib/results_test := -ljson-c
