# Rules of the arch wing that need the module.mk lists (included by the top
# Makefile after them).
#
# KC_XHELPERS (set in module.mk files, with KC_XROUTINES.<prog>: the routine
# basenames it links) are plain programs checking lib/arch routines.  The
# native build also builds each static, with only its routines (the .S of
# that arch's folder, else the lib/<routine>.c fallback), for every other
# arch of lib/arch whose Debian cross gcc is installed, into
# $(B)/<dir>/<arch>/<prog>: the selftests run them under qemu-<arch>.
# Static: they need no sysroot, only the cross libc.

ifndef KC_XBUILD
# The cross gcc of arch $1: Debian's, or the one extracted from another
# suite (loongarch64: matrix/fetch-cross-gcc.sh), where present.
kc_xcc = $(if $(KC_CCSUITE.$(1)),$(KC_CACHE)/cross-gcc-$(1)/usr/bin/$(KC_CROSS.$(1))-gcc-$(KC_CCVER.$(1)),$(KC_CROSS.$(1))-gcc)
# (An extracted gcc links against the arch's sysroot, matrix/fetch-sysroot.sh.)
KC_XARCHES := $(foreach a,$(filter-out $(ARCH),$(KC_ARCHES)),$(if \
	$(shell command -v $(call kc_xcc,$(a)) 2>/dev/null),$(if $(KC_CCSUITE.$(a)),$(if \
	$(wildcard $(KC_CACHE)/sysroot-$(a)/.kc-complete),$(a)),$(a))))

# Sources of routine $1 on arch $2.
kc_xroutine = $(or $(wildcard lib/arch/$(2)/$(1).S),lib/$(1).c)
kc_archinc = $(if $(wildcard lib/arch/$(1)/kc_arch.h),lib/arch/$(1),lib/arch/generic)
# The valgrind.h for arch $1: the host's, or that of Debian suite
# KC_VGHSUITE.<arch> (matrix/fetch-valgrind.sh) where the host's predates the
# arch (riscv64: 3.25).
kc_vginc = $(if $(KC_VGHSUITE.$(1)),$(KC_CACHE)/valgrind-$(KC_VGHSUITE.$(1))/root/usr/include,$(B)/inc)

# $1: program, $2: arch.
define kc_xhelper_rule
all: $(B)/$(dir $(1))$(2)/$(notdir $(1))
$(B)/$(dir $(1))$(2)/$(notdir $(1)): $(1).c $(foreach r,$(KC_XROUTINES.$(1)),$(call kc_xroutine,$(r),$(2))) \
	    $(wildcard $(call kc_archinc,$(2))/kc_arch.h) lib/arch/kc_arch_common.h lib/arch/asm.h
	@mkdir -p $$(@D) $(B)/inc && ln -sfn /usr/include/valgrind $(B)/inc/valgrind
	@$(if $(KC_VGHSUITE.$(2)),KC_CACHE=$(KC_CACHE) matrix/fetch-valgrind.sh $(KC_VGHSUITE.$(2)) >/dev/null)
	$(call kc_xcc,$(2)) $(if $(KC_CCSUITE.$(2)),--sysroot=$(KC_CACHE)/sysroot-$(2)) -static -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE \
	    -isystem $(call kc_vginc,$(2)) -Ilib -Ilib/arch -I$(call kc_archinc,$(2)) \
	    -DKC_ARCH_TRIPLET='"$(firstword $(KC_TRIPLET.$(2)))"' -Wa,--noexecstack \
	    -o $$@ $$(filter %.c %.S,$$^)
endef
$(foreach p,$(KC_XHELPERS),$(foreach a,$(KC_XARCHES),$(eval $(call kc_xhelper_rule,$(p),$(a)))))
endif

# A cross build's programs cannot run on the build host directly: kyua runs
# them through the qemu-user wrappers of a matrix environment.
ifdef KC_XBUILD
check selftest bench matrix: kc-xbuild-cannot-run
.PHONY: kc-xbuild-cannot-run
kc-xbuild-cannot-run:
	@echo "make ARCH=$(ARCH): $(B)/ holds $(ARCH) programs; run them under" \
	    "qemu-user with make matrix ENVS=qemu-user:$(ARCH):11.1 (or 10.0, 7.2)," \
	    "without ARCH=" >&2; exit 2
endif
