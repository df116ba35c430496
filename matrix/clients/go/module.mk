# matrix/clients/go: Go's Valgrind-instrumented runtime as a real client
# (`make client-go`, run.sh).  kc-goclass reads the XML through lib/kc_vgxml
# and writes the report with json-c.
TOOL_PROGS += matrix/clients/go/kc-goclass
LDLIBS.matrix/clients/go/kc-goclass := -ljson-c
