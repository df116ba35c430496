# matrix/kernel: Debian kernels under qemu-system.  kc-run is the static
# runner (/init of the initramfs, and a plain program on the host) that runs
# every case of every program and prints KTAP v1; it links no ATF library.
#
# KC_VERSION: the version kc-run prints ("# kconform <version>" of its KTAP
# header) and make dist names its artefacts with (mk/install.mk).  Taken
# once per make and exported, so a sub-make (check's `$(MAKE) all`) gets
# the same value without running git again.  kc-run depends on
# $(KC_VERSION_FILE), which holds the value it was built with and is
# rewritten only when the value differs (a commit, a tree that became dirty
# or clean, `make KC_VERSION=...`): that rebuilds kc-run alone, and a make
# with nothing changed does nothing.
KC_VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo unknown)
KC_VERSION := $(KC_VERSION)
export KC_VERSION
KC_VERSION_FILE := $(B)/matrix/kernel/kc_version.txt
KC_RUN_SRCS := matrix/kernel/kc-run.c matrix/kernel/kc_run_case.c matrix/kernel/kc_run_ktap.c

all: $(B)/matrix/kernel/kc-run $(B)/kc-programs.txt

ifneq ($(strip $(if $(wildcard $(KC_VERSION_FILE)),$(file <$(KC_VERSION_FILE)))),$(KC_VERSION))
$(KC_VERSION_FILE): kc-version-changed
endif
.PHONY: kc-version-changed
$(KC_VERSION_FILE):
	@mkdir -p $(@D)
	printf '%s\n' '$(KC_VERSION)' > $@

$(B)/matrix/kernel/kc-run: $(KC_RUN_SRCS) matrix/kernel/kc_run.h $(KC_VERSION_FILE)
	@mkdir -p $(@D)
	$(CC) -static $(KC_CFLAGS) $(CFLAGS) -DKC_RUN_VERSION='"$(KC_VERSION)"' -o $@ $(KC_RUN_SRCS)
