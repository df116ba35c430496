# selftest/matrix: kc-matrix and its page on canned runs (selftest/matrix/canned),
# the page checked in headless Chromium.
ATF_PROGS += selftest/matrix/matrix_test
LDLIBS.selftest/matrix/matrix_test := -ljson-c
