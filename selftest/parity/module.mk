# selftest/parity: the parity program's list is complete, its table precise,
# and a fault on the Valgrind side only fails a parity case.
ATF_PROGS += selftest/parity/parity_self_test
