# selftest/parity: the parity program's list is complete, its table precise,
# and a fault on the Valgrind side only fails a parity case.
ATF_PROGS += selftest/parity/parity_self_test
# Two cases run parity cases of clone_pidfd_test natively and under Valgrind.
TEST_METADATA.selftest/parity := timeout=300
# The parity table (cases/parity/parity_table.c) and the reading of an
# unparseable report (parity_report.c), checked directly.
OBJS.selftest/parity/parity_self_test := cases/parity/parity_table.o cases/parity/parity_report.o
CFLAGS.selftest/parity/parity_self_test := -Icases/parity
