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
# Runs every cases/clone3 case, then checks no cgroup/process/namespace is
# left.  is_exclusive: it counts the kconform.clone3.* cgroups of the run's
# cgroup and the nsfs mounts of the run's mount namespace, which
# profiles_test (the same clone3 cases under sandbox profiles) creates too
# when it runs at the same time.
TEST_METADATA.selftest/clone3/leftovers_test := is_exclusive=true
OBJS.selftest/clone3/leftovers_test := selftest/clone3/sel3_list.o
ATF_PROGS += selftest/clone3/sandbox_test
# kc-sandbox's command line only: no case runs.
TEST_METADATA.selftest/clone3/sandbox_test := timeout=60
