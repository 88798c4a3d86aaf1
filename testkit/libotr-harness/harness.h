/*
 * The libotr interop harness: shared declarations.
 *
 * Two modes share this header: the peer mode (peer.c), one libotr user
 * speaking a line protocol on stdin/stdout so TypeScript tests can hold whole
 * conversations with the reference implementation; and the bench mode
 * (bench.c), libotr against itself in one process, so our engine's figures can
 * be printed beside the reference measured on the same machine.
 */
#ifndef SOTTO_LIBOTR_HARNESS_H
#define SOTTO_LIBOTR_HARNESS_H

#include <stddef.h>
#include <stdio.h>

/* libotr demands this order: proto.h defines types message.h uses. */
#include <libotr/proto.h>
#include <libotr/message.h>
#include <libotr/privkey.h>
#include <libotr/instag.h>
#include <libotr/userstate.h>
#include <libotr/context.h>
#include <libotr/tlv.h>

/* ---- util.c ---------------------------------------------------------- */

/* Base64 (RFC 4648, with padding). Free-form text crosses the line protocol
 * in base64 so that spaces, newlines and tabs (whitespace tags!) survive. */
char *b64_encode(const unsigned char *data, size_t len);
/* Strict: returns NULL on any character outside the alphabet or bad padding,
 * so a driver bug shows up as ERR instead of a silently different message.
 * The result is NUL-terminated (for C-string use); *outlen excludes the NUL. */
unsigned char *b64_decode(const char *text, size_t *outlen);

/* Lower-case hex of len bytes, into a fresh buffer. */
char *hex_encode(const unsigned char *data, size_t len);
/* Exactly 2*len hex digits into out; returns 0 on success. */
int hex_decode(const char *hex, unsigned char *out, size_t len);

/* Print one protocol line: "WORD field field ...", flushed at once so the
 * driver sees events even if a later libotr call crashes the process. */
void out_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "WORD <b64 of s>" style fields without building the string twice. */
void out_b64_field(FILE *f, const char *s);

/* Monotonic time in milliseconds (CLOCK_MONOTONIC; wall-clock jumps would
 * corrupt the benchmarks). */
double now_ms(void);

/* Names of libotr enum values, for event lines. */
const char *msgevent_name(OtrlMessageEvent ev);
const char *smpevent_name(OtrlSMPEvent ev);
const char *msgstate_name(OtrlMessageState st);
const char *errcode_name(OtrlErrorCode code);

/* ---- peer.c: the one libotr user of peer mode ------------------------ */

extern OtrlUserState us;
extern const char *account, *protocol;
extern OtrlPolicy policy;
extern int max_msg_size;
/* Non-empty messages libotr injected since the counter was last zeroed. */
extern int injected;
/* Set by the convert_msg callback when libotr decrypts a data message. */
extern int decrypted;
extern OtrlMessageAppOps ops;

/* "WORD <b64 of s> [tail]" on one line. */
void out_word_b64(const char *word, const char *s, const char *tail);
/* "WIRE <b64 peer> <b64 message>": a message to carry to the peer. */
void out_wire(const char *peer, const char *message);
void write_fingerprints_now(void);
int peer_main(int argc, char **argv);

/* ---- commands.c ------------------------------------------------------- */

/* Runs one command (fields already split); NULL means OK, otherwise the
 * reason for ERR. Sets *quit for `quit`. */
const char *peer_dispatch(char **fields, int n, int *quit);

/* ---- bench.c ---------------------------------------------------------- */

int bench_main(int argc, char **argv);

#endif
