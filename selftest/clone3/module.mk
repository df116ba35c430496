# selftest/clone3: kc-sandbox, the sandbox profiles against the built cases,
# and the leftovers (cgroups, namespaces, processes) of cases/clone3.
ATF_PROGS += selftest/clone3/profiles_test
# The case enumeration shared by the programs of this directory.
OBJS.selftest/clone3/profiles_test := selftest/clone3/sel3_list.o
ATF_PROGS += selftest/clone3/leftovers_test
OBJS.selftest/clone3/leftovers_test := selftest/clone3/sel3_list.o
ATF_PROGS += selftest/clone3/sandbox_test
