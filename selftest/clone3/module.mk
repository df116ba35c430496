# selftest/clone3: kc-sandbox, the sandbox profiles against the built cases,
# and the leftovers (cgroups, namespaces, processes) of cases/clone3.
# Kyua metadata (mk/registry.mk): the directory's, then each exception's.
TEST_METADATA.selftest/clone3 := timeout=300
# Runs every built cases/clone3 and cases/pidfd case under each sandbox profile.
TEST_METADATA.selftest/clone3/profiles_test := timeout=900
ATF_PROGS += selftest/clone3/profiles_test
# The case enumeration shared by the programs of this directory.
OBJS.selftest/clone3/profiles_test := selftest/clone3/sel3_list.o
ATF_PROGS += selftest/clone3/leftovers_test
OBJS.selftest/clone3/leftovers_test := selftest/clone3/sel3_list.o
ATF_PROGS += selftest/clone3/sandbox_test
# kc-sandbox's command line only: no case runs.
TEST_METADATA.selftest/clone3/sandbox_test := timeout=60
