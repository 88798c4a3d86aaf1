/*
 * The libotr interop harness: libotr 4.1.1 (Debian's libotr5) behind a line
 * protocol, so Sotto's TypeScript tests can talk to the reference OTR
 * implementation, and a bench mode measuring libotr on the same machine as
 * our engine. See README.md beside this file for the protocol.
 *
 *   harness --account NAME --protocol PROTO --dir DIR [--policy N] [--max-msg-size N]
 *   harness --bench NAME [--iterations N] [--dir DIR]
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

int main(int argc, char **argv)
{
    int i;

    /* libotr checks the header version against the library's and sets up
     * libgcrypt; nothing of libotr may run before it. */
    OTRL_INIT;

    for (i = 1; i < argc; i++)
	if (!strcmp(argv[i], "--bench")) return bench_main(argc, argv);
    return peer_main(argc, argv);
}
