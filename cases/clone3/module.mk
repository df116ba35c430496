# cases/clone3: one ATF program per facet of clone3(2), plus the container
# degradation contract.  Kyua metadata (mk/registry.mk) of every program:
TEST_METADATA.cases/clone3 := timeout=60
ATF_PROGS += cases/clone3/clone3_size_test
ATF_PROGS += cases/clone3/clone3_flags_test
ATF_PROGS += cases/clone3/clone3_stack_test
ATF_PROGS += cases/clone3/clone3_pidfd_test
ATF_PROGS += cases/clone3/clone3_vfork_test
ATF_PROGS += cases/clone3/clone3_clear_sighand_test
ATF_PROGS += cases/clone3/clone3_contract_test
ATF_PROGS += cases/clone3/clone3_newtime_test
ATF_PROGS += cases/clone3/clone3_set_tid_test
ATF_PROGS += cases/clone3/clone3_cgroup_test
ATF_PROGS += cases/clone3/clone3_v71_flags_test
ATF_PROGS += cases/clone3/clone3_ns_eperm_test
ATF_PROGS += cases/clone3/clone3_set_tid_values_test
ATF_PROGS += cases/clone3/clone3_basic_test
ATF_PROGS += cases/clone3/clone_legacy_test
