# selftest/faults: the fault table (faults.txt, one row per conformance case:
# the fault that makes it fail) and its runner.
ATF_PROGS += selftest/faults/fault_table_test

# The runner reads the table next to itself.
all: $(B)/selftest/faults/faults.txt
$(B)/selftest/faults/faults.txt: selftest/faults/faults.txt
	@mkdir -p $(@D)
	cp $< $@

# The program list the runner enumerates: one line per ATF program, path
# relative to the build root.  Stand-in until the registry (module.mk with
# per-program metadata) emits $(B)/kc-programs.txt; its rule replaces this.
all: $(B)/kc-programs.txt
$(B)/kc-programs.txt: $(wildcard cases/*/module.mk)
	@mkdir -p $(@D)
	printf '%s\n' $(filter cases/%,$(ATF_PROGS)) > $@
