/*
 * Peer mode: one libotr 4.1.1 user (one account) driven by a line protocol,
 * so tests can hold whole OTR conversations with the reference library.
 *
 * Every command line gets zero or more event lines, then exactly one OK or
 * ERR line, so the driver knows when a command is done. Events that libotr
 * raises through callbacks are printed as they fire, in the order libotr
 * fires them. Nothing happens between commands: libotr has no threads and
 * timers only run when the driver says `poll`.
 *
 * Secrets (SMP secrets, private keys) are never printed; the only key
 * material printed is the extra symmetric key, whose purpose is to be shown.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

OtrlUserState us;
const char *account = NULL, *protocol = NULL;
static char *keyfile, *fpfile, *instagfile;
OtrlPolicy policy = OTRL_POLICY_DEFAULT;
int max_msg_size = 0;
/* Non-empty messages libotr injected during the current command: tells
 * `send` whether libotr already sent the message itself (see cmd_send). */
int injected;
/* Set when libotr decrypted a data message during the current command. */
int decrypted;
/* Defined at the end of the callbacks; the SMP callback needs it earlier. */
OtrlMessageAppOps ops;

/* ---- output helpers ---------------------------------------------------- */

/* "WORD <b64 of s>" plus an optional raw tail, on one line. */
void out_word_b64(const char *word, const char *s, const char *tail)
{
    fputs(word, stdout);
    fputc(' ', stdout);
    out_b64_field(stdout, s);
    if (tail) {
	fputc(' ', stdout);
	fputs(tail, stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
}

void out_wire(const char *peer, const char *message)
{
    fputs("WIRE ", stdout);
    out_b64_field(stdout, peer);
    fputc(' ', stdout);
    out_b64_field(stdout, message);
    fputc('\n', stdout);
    fflush(stdout);
}

static void print_trust(ConnContext *ctx)
{
    Fingerprint *fp = ctx->active_fingerprint;
    char *hex, tail[256];

    if (!fp || !fp->fingerprint) return;
    hex = hex_encode(fp->fingerprint, 20);
    snprintf(tail, sizeof tail, "%s %s", hex,
	    fp->trust && *fp->trust ? fp->trust : "-");
    out_word_b64("TRUST", ctx->username, tail);
    free(hex);
}

void write_fingerprints_now(void)
{
    gcry_error_t err = otrl_privkey_write_fingerprints(us, fpfile);
    if (err)
	fprintf(stderr, "harness: cannot write %s: %s\n", fpfile,
		gcry_strerror(err));
}

/* ---- libotr callbacks -------------------------------------------------- */

static OtrlPolicy cb_policy(void *opdata, ConnContext *ctx)
{
    (void)opdata; (void)ctx;
    return policy;
}

/* Never expected: the key is made at start. If libotr asks anyway, the
 * event says so, since a key generated mid-message delays the reply. */
static void cb_create_privkey(void *opdata, const char *acc, const char *proto)
{
    (void)opdata;
    out_line("CREATE_PRIVKEY");
    otrl_privkey_generate(us, keyfile, acc, proto);
}

/* Always "online": libotr then sends disconnect TLVs and heartbeats, which
 * is what a test against a live peer wants to see. */
static int cb_is_logged_in(void *opdata, const char *acc, const char *proto,
	const char *recipient)
{
    (void)opdata; (void)acc; (void)proto; (void)recipient;
    return 1;
}

static void cb_inject(void *opdata, const char *acc, const char *proto,
	const char *recipient, const char *message)
{
    (void)opdata; (void)acc; (void)proto;
    if (!*message) {
	/* libotr "sends" an empty message when asked to send in the
	 * FINISHED state. No network carries an empty message, so it is
	 * reported apart and never shuttled to the other side. */
	out_word_b64("EMPTY_INJECT", recipient, NULL);
	return;
    }
    injected++;
    out_wire(recipient, message);
}

static void cb_new_fingerprint(void *opdata, OtrlUserState ust,
	const char *acc, const char *proto, const char *username,
	unsigned char fingerprint[20])
{
    char *hex = hex_encode(fingerprint, 20);
    (void)opdata; (void)ust; (void)acc; (void)proto;
    out_word_b64("NEW_FINGERPRINT", username, hex);
    free(hex);
}

static void cb_write_fingerprints(void *opdata)
{
    (void)opdata;
    write_fingerprints_now();
}

static void cb_gone_secure(void *opdata, ConnContext *ctx)
{
    char tail[16];
    (void)opdata;
    snprintf(tail, sizeof tail, "%x", ctx->their_instance);
    out_word_b64("GONE_SECURE", ctx->username, tail);
}

static void cb_gone_insecure(void *opdata, ConnContext *ctx)
{
    (void)opdata;
    out_word_b64("GONE_INSECURE", ctx->username, NULL);
}

static void cb_still_secure(void *opdata, ConnContext *ctx, int is_reply)
{
    (void)opdata;
    out_word_b64("STILL_SECURE", ctx->username, is_reply ? "1" : "0");
}

static int cb_max_message_size(void *opdata, ConnContext *ctx)
{
    (void)opdata; (void)ctx;
    return max_msg_size;
}

static void cb_received_symkey(void *opdata, ConnContext *ctx,
	unsigned int use, const unsigned char *usedata, size_t usedatalen,
	const unsigned char *symkey)
{
    char *data = b64_encode(usedata, usedatalen);
    char *key = hex_encode(symkey, OTRL_EXTRAKEY_BYTES);
    (void)opdata; (void)ctx;
    out_line("RECEIVED_SYMKEY %u %s %s", use, data, key);
    free(data);
    free(key);
}

/* The texts Pidgin's OTR plugin uses, so a peer sees familiar errors. */
static const char *cb_otr_error_message(void *opdata, ConnContext *ctx,
	OtrlErrorCode code)
{
    const char *text;
    (void)opdata; (void)ctx;
    switch (code) {
	case OTRL_ERRCODE_ENCRYPTION_ERROR:
	    text = "Error occurred encrypting message."; break;
	case OTRL_ERRCODE_MSG_NOT_IN_PRIVATE:
	    text = "You sent encrypted data to a peer who wasn't expecting it.";
	    break;
	case OTRL_ERRCODE_MSG_UNREADABLE:
	    text = "You transmitted an unreadable encrypted message."; break;
	case OTRL_ERRCODE_MSG_MALFORMED:
	    text = "You transmitted a malformed data message."; break;
	default:
	    text = "Unknown error."; break;
    }
    fputs("ERROR_MSG ", stdout);
    fputs(errcode_name(code), stdout);
    out_word_b64("", text, NULL);
    return text;
}

static void cb_handle_smp_event(void *opdata, OtrlSMPEvent ev,
	ConnContext *ctx, unsigned short progress, char *question)
{
    (void)opdata;
    fprintf(stdout, "SMP %s %u ", smpevent_name(ev), progress);
    if (question) out_b64_field(stdout, question);
    else fputc('-', stdout);
    fputc('\n', stdout);
    fflush(stdout);
    /* libotr has already stored the result when it raises these. */
    if (ev == OTRL_SMPEVENT_SUCCESS || ev == OTRL_SMPEVENT_FAILURE)
	print_trust(ctx);
    /* message.h asks the application to abort on these; Pidgin's plugin
     * does, so a peer must expect the abort TLV that follows. */
    if (ev == OTRL_SMPEVENT_CHEATED || ev == OTRL_SMPEVENT_ERROR)
	otrl_message_abort_smp(us, &ops, opdata, ctx);
}

static void cb_handle_msg_event(void *opdata, OtrlMessageEvent ev,
	ConnContext *ctx, const char *message, gcry_error_t err)
{
    (void)opdata; (void)ctx;
    fprintf(stdout, "MSG_EVENT %s ", msgevent_name(ev));
    if (message) out_b64_field(stdout, message);
    else fputc('-', stdout);
    fprintf(stdout, " %u\n", (unsigned)gcry_err_code(err));
    fflush(stdout);
}

static void cb_create_instag(void *opdata, const char *acc, const char *proto)
{
    (void)opdata;
    out_line("CREATE_INSTAG");
    otrl_instag_generate(us, instagfile, acc, proto);
}

/* libotr calls this right after decrypting a data message: the one sure
 * sign that a shown message was encrypted (a reassembled fragment may as
 * well be plaintext). We convert nothing: *dest stays NULL. */
static void cb_convert_msg(void *opdata, ConnContext *ctx,
	OtrlConvertType type, char **dest, const char *src)
{
    (void)opdata; (void)ctx; (void)dest; (void)src;
    if (type == OTRL_CONVERT_RECEIVING) decrypted = 1;
}

/* libotr asks for a periodic otrl_message_poll; the harness has no clock
 * of its own, so it reports the wish and the driver sends `poll`. */
static void cb_timer_control(void *opdata, unsigned int interval)
{
    (void)opdata;
    out_line("TIMER %u", interval);
}

OtrlMessageAppOps ops = {
    .policy = cb_policy,
    .create_privkey = cb_create_privkey,
    .is_logged_in = cb_is_logged_in,
    .inject_message = cb_inject,
    .new_fingerprint = cb_new_fingerprint,
    .write_fingerprints = cb_write_fingerprints,
    .gone_secure = cb_gone_secure,
    .gone_insecure = cb_gone_insecure,
    .still_secure = cb_still_secure,
    .max_message_size = cb_max_message_size,
    .received_symkey = cb_received_symkey,
    .otr_error_message = cb_otr_error_message,
    .handle_smp_event = cb_handle_smp_event,
    .handle_msg_event = cb_handle_msg_event,
    .create_instag = cb_create_instag,
    .convert_msg = cb_convert_msg,
    .timer_control = cb_timer_control,
};


/* ---- start-up and the command loop -------------------------------------- */

static char *path_in(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (p) snprintf(p, len, "%s/%s", dir, name);
    return p;
}

/* Reads one of libotr's files if it exists; a file that exists but does
 * not parse is fatal, so a test never runs against keys it did not mean. */
static void read_if_present(const char *path, const char *what,
	gcry_error_t (*reader)(OtrlUserState, const char *))
{
    gcry_error_t err;

    if (access(path, F_OK) != 0) return;
    err = reader(us, path);
    if (err) {
	fprintf(stderr, "harness: cannot read %s %s: %s\n", what, path,
		gcry_strerror(err));
	exit(2);
    }
}

static gcry_error_t read_fingerprints(OtrlUserState u, const char *path)
{
    return otrl_privkey_read_fingerprints(u, path, NULL, NULL);
}

static int usage(void)
{
    fprintf(stderr, "usage: harness --account NAME --protocol PROTO --dir DIR"
	    " [--policy N] [--max-msg-size N]\n"
	    "       harness --bench NAME [--iterations N] [--dir DIR]\n");
    return 64;
}

#define MAX_FIELDS_LINE 8

/* Splits on single spaces, keeping empty fields (an empty string is an
 * empty base64 field). Returns the field count, or -1 when too many. */
static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;

    for (;;) {
	char *sp = strchr(p, ' ');
	if (n == max) return -1;
	f[n++] = p;
	if (!sp) return n;
	*sp = '\0';
	p = sp + 1;
    }
}

int peer_main(int argc, char **argv)
{
    const char *dir = NULL;
    unsigned char fp[20];
    char *fphex, *line = NULL;
    size_t cap = 0;
    ssize_t len;
    OtrlInsTag *tag;
    gcry_error_t err;
    int i, quit = 0;

    for (i = 1; i + 1 < argc; i += 2) {
	if (!strcmp(argv[i], "--account")) account = argv[i + 1];
	else if (!strcmp(argv[i], "--protocol")) protocol = argv[i + 1];
	else if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
	else if (!strcmp(argv[i], "--policy"))
	    policy = (OtrlPolicy)strtoul(argv[i + 1], NULL, 0);
	else if (!strcmp(argv[i], "--max-msg-size"))
	    max_msg_size = (int)strtol(argv[i + 1], NULL, 0);
	else return usage();
    }
    if (i != argc || !account || !protocol || !dir || !*account) return usage();
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
	fprintf(stderr, "harness: cannot create %s: %s\n", dir, strerror(errno));
	return 2;
    }
    keyfile = path_in(dir, "otr.private_key");
    fpfile = path_in(dir, "otr.fingerprints");
    instagfile = path_in(dir, "otr.instance_tags");

    us = otrl_userstate_create();
    read_if_present(keyfile, "private keys", otrl_privkey_read);
    read_if_present(instagfile, "instance tags", otrl_instag_read);
    read_if_present(fpfile, "fingerprints", read_fingerprints);

    /* Both before the first message: otherwise libotr asks for them
     * through callbacks in the middle of otrl_message_sending/receiving,
     * and a key generation there stalls the conversation. */
    if (!otrl_instag_find(us, account, protocol)) {
	err = otrl_instag_generate(us, instagfile, account, protocol);
	if (err) {
	    fprintf(stderr, "harness: instance tag: %s\n", gcry_strerror(err));
	    return 2;
	}
    }
    if (!otrl_privkey_find(us, account, protocol)) {
	fprintf(stderr, "harness: generating a DSA key for %s (%s)\n",
		account, protocol);
	err = otrl_privkey_generate(us, keyfile, account, protocol);
	if (err) {
	    fprintf(stderr, "harness: key generation: %s\n", gcry_strerror(err));
	    return 2;
	}
    }
    tag = otrl_instag_find(us, account, protocol);
    if (!tag || !otrl_privkey_fingerprint_raw(us, fp, account, protocol)) {
	fprintf(stderr, "harness: no key or instance tag after creating them\n");
	return 2;
    }
    fphex = hex_encode(fp, 20);
    out_line("READY %s %x", fphex, tag->instag);
    free(fphex);

    while (!quit && (len = getline(&line, &cap, stdin)) >= 0) {
	char *f[MAX_FIELDS_LINE];
	const char *reason;
	int n;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
	    line[--len] = '\0';
	n = split_fields(line, f, MAX_FIELDS_LINE);
	if (n < 0) reason = "too many fields";
	else reason = peer_dispatch(f, n, &quit);
	if (reason) out_word_b64("ERR", reason, NULL);
	else out_line("OK");
    }
    free(line);
    otrl_userstate_free(us);
    return 0;
}
