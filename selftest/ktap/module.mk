# selftest/ktap: the KTAP contract of kc-run and the strict parser kc-ktap.
ATF_PROGS += selftest/ktap/ktap_test
HELPER_PROGS += selftest/ktap/fixture/h_ktap selftest/ktap/fixture/h_ktap_skip
LDLIBS.selftest/ktap/ktap_test := -ljson-c
