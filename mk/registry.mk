# The program registry: ATF_PROGS of the module.mk files is the only list of
# test programs, and TEST_METADATA.<dir> (a directory's defaults) plus
# TEST_METADATA.<dir>/<prog> (its exceptions, each with a one-line reason in
# the module.mk) are their kyua metadata, as key=value words: timeout=60,
# required_user=root, required_programs=valgrind, is_exclusive=true.  From
# them the build writes
#   $(B)/kc-programs.txt   one line per ATF program, relative to the build
#                          root, then its metadata: "cases/pidfd/x_test timeout=60"
#   $(B)/**/Kyuafile       one per directory, next to its binaries (FreeBSD's
#                          bsd.test.mk does the same); $(B)/Kyuafile includes
#                          cases/, $(B)/selftest/Kyuafile is the selftest root
# (mk/registry.sh).  Included by the top Makefile after every module.mk.

# A program's metadata: its directory's defaults, then its own (the later
# value of a key wins; mk/registry.sh merges them).
kc_meta = $(strip $(TEST_METADATA.$(patsubst %/,%,$(dir $(1)))) $(TEST_METADATA.$(1)))

# Late hooks: a module.mk that derives programs from other directories' lists
# (cases/parity) appends the name of a variable holding make code to
# REGISTRY_HOOKS; it is evaluated here, when every list is complete.
$(foreach h,$(REGISTRY_HOOKS),$(eval $(value $(h))))

# Every program has a timeout, and metadata words are key=value.
$(foreach p,$(ATF_PROGS),$(if $(filter timeout=%,$(call kc_meta,$(p))),,\
    $(error $(p): no timeout=N in TEST_METADATA.$(p) or TEST_METADATA.$(patsubst %/,%,$(dir $(p))))))
$(foreach p,$(ATF_PROGS),$(foreach w,$(call kc_meta,$(p)),$(if $(findstring =,$(w)),,\
    $(error $(p): metadata word '$(w)' is not key=value))))

# kyua starts cases in Kyuafile order, `parallelism` at a time: the
# directories whose cases run under Valgrind (the longest) come first, so
# that no long case starts last and runs alone at the end (make bench).
KC_RUN_FIRST := cases/stackreg cases/parity cases/vgreq
kc_first = $(foreach d,$(KC_RUN_FIRST),$(filter $(d)/%,$(1)))
KC_PROGS_ORDERED := $(call kc_first,$(ATF_PROGS)) $(filter-out $(call kc_first,$(ATF_PROGS)),$(ATF_PROGS))

REGISTRY_LINES := $(foreach p,$(KC_PROGS_ORDERED),'$(p) $(call kc_meta,$(p))')

# Rewritten when a module.mk (or this file) changes; mk/registry.sh leaves
# unchanged files alone.
$(B)/kc-programs.txt: $(MAKEFILE_LIST) mk/registry.sh
	@mkdir -p $(@D)
	@printf '%s\n' $(REGISTRY_LINES) | mk/registry.sh $(B)
