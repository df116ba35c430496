# cases/pidfd: one ATF program per facet of the process-fd API.
ATF_PROGS += cases/pidfd/pidfd_open_test
