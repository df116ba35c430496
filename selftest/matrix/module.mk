# selftest/matrix: kc-matrix and its page on canned runs (selftest/matrix/canned),
# the page checked in headless Chromium.
ATF_PROGS += selftest/matrix/matrix_test
# Kyua metadata (mk/registry.mk): kc-matrix on canned runs, the page rendered
# and checked by headless Chromium.
TEST_METADATA.selftest/matrix := timeout=300
LDLIBS.selftest/matrix/matrix_test := -ljson-c
# Shared tool-selftest helpers (selftest/st_tool.h).
OBJS.selftest/matrix/matrix_test := selftest/st_tool.o
