# selftest/kernelci: the LAVA definition and converter (stub helpers), the
# example jobs, KCIDB JSON against its schema, make install and make dist.
ATF_PROGS += selftest/kernelci/kernelci_test
LDLIBS.selftest/kernelci/kernelci_test := -ljson-c
# kyua metadata for the registry's generated Kyuafile (mk/registry.mk);
# make dist packs the whole tree, about 5-60 s under load.
TEST_METADATA.selftest/kernelci := timeout=300
# Shared tool-selftest helpers (selftest/st_tool.h).
OBJS.selftest/kernelci/kernelci_test := selftest/st_tool.o
