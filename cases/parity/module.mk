# cases/parity: each kernel program's cases natively and under Valgrind,
# verdicts compared (the parity table is lib/kc_parity.c).
ATF_PROGS += cases/parity/parity_test
