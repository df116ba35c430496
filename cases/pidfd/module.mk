# cases/pidfd: one ATF program per facet of the process-fd API.  The kyua
# metadata of every program (mk/registry.mk): the directory's, then its own.
TEST_METADATA.cases/pidfd := timeout=60
ATF_PROGS += cases/pidfd/pidfd_open_test
ATF_PROGS += cases/pidfd/clone_pidfd_test
# Exec target of the vfork-style clone cases (found through srcdir).
HELPER_PROGS += cases/pidfd/pidfd_exec_helper
# Bodies of children with threads or changed ids, exec'd so that their
# pidfd can come from clone(CLONE_PIDFD) (lib/kc_pidsrc.h kc_spawn_exec_pidfd).
HELPER_PROGS += cases/pidfd/pidfd_body_helper
ATF_PROGS += cases/pidfd/vfork_pidfd_test
ATF_PROGS += cases/pidfd/go_probe_test
ATF_PROGS += cases/pidfd/waitid_pidfd_test
ATF_PROGS += cases/pidfd/pidfd_send_signal_test
ATF_PROGS += cases/pidfd/pidfd_poll_test
# pidfd_poll__kill_poll_iterations: a 120 s watchdog for -v iterations=N soak runs.
TEST_METADATA.cases/pidfd/pidfd_poll_test := timeout=130
ATF_PROGS += cases/pidfd/pidfd_getfd_test
ATF_PROGS += cases/pidfd/pidfd_info_test
ATF_PROGS += cases/pidfd/pidfd_fdinfo_test
ATF_PROGS += cases/pidfd/waitid_test
ATF_PROGS += cases/pidfd/pidfd_exec_thread_test
