# selftest/ktap: the KTAP contract of kc-run and the strict parser kc-ktap.
ATF_PROGS += selftest/ktap/ktap_test
# Kyua metadata (mk/registry.mk): kc-run on a fixture and real programs, and
# kc-ktap on canned inputs and a real guest console.
TEST_METADATA.selftest/ktap := timeout=300
HELPER_PROGS += selftest/ktap/fixture/h_ktap selftest/ktap/fixture/h_ktap_skip
LDLIBS.selftest/ktap/ktap_test := -ljson-c
# Shared tool-selftest helpers (selftest/st_tool.h).
OBJS.selftest/ktap/ktap_test := selftest/st_tool.o
# A hanging or panicking guest is broken in its own matrix column (a
# stand-in qemu-system-x86_64 on PATH; seconds).
ATF_PROGS += selftest/ktap/boot_test
LDLIBS.selftest/ktap/boot_test := -ljson-c
OBJS.selftest/ktap/boot_test := selftest/st_tool.o
