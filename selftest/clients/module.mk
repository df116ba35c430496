# selftest/clients: kc-goclass (matrix/clients/go, `make client-go`) on canned,
# trimmed runs of Go's Valgrind mode (selftest/clients/canned); no Go, no network.
ATF_PROGS += selftest/clients/goclass_test
# Kyua metadata (mk/registry.mk): a few classifier runs on small files.
TEST_METADATA.selftest/clients := timeout=60
LDLIBS.selftest/clients/goclass_test := -ljson-c
# Shared tool-selftest helpers (selftest/st_tool.h).
OBJS.selftest/clients/goclass_test := selftest/st_tool.o
