/* SPDX-License-Identifier: BSD-2-Clause */
/* main() of the cases/vgreq subjects (see vg_subject.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_vg.h"
#include "vg_subject.h"

/* Where VG_USE stores what it reads. */
volatile unsigned long vg_sink;

void
vg_put(const char *scenario, const char *key, unsigned long value)
{
	printf("%s.%s=%lu\n", scenario, key, value);
	fflush(stdout);
}

void
vg_puts(const char *scenario, const char *key, const char *value)
{
	printf("%s.%s=%s\n", scenario, key, value);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	enum kc_vg_enc enc;
	int i, j;

	if (argc < 2 || kc_vg_enc_parse(argv[1], &enc) != 0) {
		fprintf(stderr, "usage: %s macro|raw scenario...\n", argv[0]);
		return (2);
	}
	kc_vg_set_encoding(enc);
	for (i = 2; i < argc; i++) {
		for (j = 0; vg_scenarios[j].name != NULL; j++)
			if (strcmp(vg_scenarios[j].name, argv[i]) == 0)
				break;
		if (vg_scenarios[j].name == NULL) {
			fprintf(stderr, "%s: unknown scenario %s\n", argv[0], argv[i]);
			return (2);
		}
		kc_vg_printf("kc-scenario %s\n", argv[i]);
		vg_scenarios[j].run(argv[i]);
	}
	/* Ends the last scenario: what Valgrind reports at exit is no one's. */
	kc_vg_printf("kc-scenario (exit)\n");
	return (0);
}
