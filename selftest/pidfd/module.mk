# selftest/pidfd: fault injection proving the cases/pidfd cases skip only
# when the API is absent and fail when the kernel misbehaves; a run as nobody.
ATF_PROGS += selftest/pidfd/pidfd_fault_test selftest/pidfd/pidfd_nobody_test
# Each runs every cases/pidfd case (pidfd_nobody_test skips when not root).
TEST_METADATA.selftest/pidfd := timeout=300
# Both share the program list and the run/expect helpers.
OBJS.selftest/pidfd/pidfd_fault_test := selftest/pidfd/kc_pidfd_selftest.o
OBJS.selftest/pidfd/pidfd_nobody_test := selftest/pidfd/kc_pidfd_selftest.o
