# selftest/kernelci: the LAVA definition and converter (stub helpers), the
# example jobs, KCIDB JSON against its schema, make install and make dist.
ATF_PROGS += selftest/kernelci/kernelci_test
LDLIBS.selftest/kernelci/kernelci_test := -ljson-c
