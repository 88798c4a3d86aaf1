/*
 * Peer mode, the commands: one function per command of the line protocol
 * (see README.md). Each returns NULL for OK or the reason for ERR; events
 * are printed by the libotr callbacks in peer.c while libotr runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static char errbuf[512];

static const char *fail(const char *fmt, const char *detail)
{
    snprintf(errbuf, sizeof errbuf, fmt, detail);
    return errbuf;
}

/* Decodes a base64 field; NULL (and an ERR) when it is not base64. */
static char *text_arg(const char *field, size_t *lenp)
{
    size_t len = 0;
    char *s = (char *)b64_decode(field, &len);
    if (lenp) *lenp = len;
    return s;
}

static ConnContext *master_of(const char *peer)
{
    return otrl_context_find(us, peer, account, protocol,
	    OTRL_INSTAG_MASTER, 0, NULL, NULL, NULL);
}

/* The child libotr would pick for sending: encrypted first, then trusted,
 * then most recent. SMP and symkey run on it, as in Pidgin. */
static ConnContext *best_of(const char *peer)
{
    return otrl_context_find(us, peer, account, protocol,
	    OTRL_INSTAG_BEST, 0, NULL, NULL, NULL);
}

static const char *cmd_send(char **f, int n)
{
    char *peer, *text, *newmsg = NULL;
    otrl_instag_t instag = OTRL_INSTAG_BEST;
    gcry_error_t err;
    const char *result = NULL;

    if (n < 3 || n > 4) return "usage: send PEER_B64 TEXT_B64 [INSTAG_HEX]";
    if (n == 4) instag = (otrl_instag_t)strtoul(f[3], NULL, 16);
    peer = text_arg(f[1], NULL);
    text = text_arg(f[2], NULL);
    if (!peer || !text) {
	result = "send: a field is not base64";
	goto done;
    }
    injected = 0;
    err = otrl_message_sending(us, &ops, NULL, account, protocol, peer,
	    instag, text, NULL, &newmsg, OTRL_FRAGMENT_SEND_ALL, NULL,
	    NULL, NULL);
    if (err) {
	/* libotr: never fall back to sending the text in the clear. */
	result = fail("otrl_message_sending: %s", gcry_strerror(err));
    } else if (injected == 0) {
	/* With SEND_ALL libotr has already injected whatever it built, and
	 * *messagep is only a copy of it: printing it again would send it
	 * twice. When it injected nothing, newmsg NULL means "send the text
	 * unchanged" (no OTR policy, or no tag to add), and "" means send
	 * nothing (FINISHED). */
	if (!newmsg) out_wire(peer, text);
	else if (*newmsg) out_wire(peer, newmsg);
    }
    otrl_message_free(newmsg);
done:
    free(peer);
    free(text);
    return result;
}

static const char *cmd_recv(char **f, int n)
{
    char *peer, *msg, *newmsg = NULL;
    OtrlTLV *tlvs = NULL, *t;
    int ignore;
    const char *result = NULL;

    if (n != 3) return "usage: recv PEER_B64 MSG_B64";
    peer = text_arg(f[1], NULL);
    msg = text_arg(f[2], NULL);
    if (!peer || !msg) {
	result = "recv: a field is not base64";
	goto done;
    }
    decrypted = 0;
    ignore = otrl_message_receiving(us, &ops, NULL, account, protocol, peer,
	    msg, &newmsg, &tlvs, NULL, NULL, NULL);
    /* TLVs come back even on ignored messages (SMP steps, disconnect and
     * symkey ride on empty data messages). Types in decimal. */
    if (tlvs) {
	fputs("TLVS", stdout);
	for (t = tlvs; t; t = t->next)
	    fprintf(stdout, "%c%u", t == tlvs ? ' ' : ',', t->type);
	fputc('\n', stdout);
	fflush(stdout);
    }
    if (ignore) {
	out_line("IGNORED");
    } else {
	/* NULL newmsg: an ordinary message, shown as it came. */
	out_word_b64("PLAIN", newmsg ? newmsg : msg,
		newmsg && decrypted ? "encrypted" : "unencrypted");
    }
    otrl_tlv_free(tlvs);
    otrl_message_free(newmsg);
done:
    free(peer);
    free(msg);
    return result;
}

/* The query libotr itself would send (`?OTRv23?` + an HTML explanation on
 * later lines), as Pidgin's plugin sends it: built and sent by hand, since
 * otrl_message_sending would fragment it. one_line keeps only the tag,
 * for IRC, where a newline ends the message. */
static const char *cmd_query(char **f, int n, int one_line)
{
    char *peer, *query;

    if (n != 2) return "usage: query PEER_B64";
    peer = text_arg(f[1], NULL);
    if (!peer) return "query: PEER is not base64";
    query = otrl_proto_default_query_msg(account, policy);
    if (!query) {
	free(peer);
	return "otrl_proto_default_query_msg failed";
    }
    if (one_line && strchr(query, '\n')) *strchr(query, '\n') = '\0';
    out_wire(peer, query);
    free(query);
    free(peer);
    return NULL;
}

static const char *cmd_end(char **f, int n)
{
    char *peer;

    if (n != 2) return "usage: end PEER_B64";
    peer = text_arg(f[1], NULL);
    if (!peer) return "end: PEER is not base64";
    otrl_message_disconnect_all_instances(us, &ops, NULL, account, protocol,
	    peer);
    free(peer);
    return NULL;
}

/* "<msgstate> <fingerprint|-> <ssid|-> <version> <instag|-> <trust|->" */
static void print_context(const char *word, ConnContext *c)
{
    Fingerprint *fp = c->active_fingerprint;
    char *fphex = fp && fp->fingerprint ? hex_encode(fp->fingerprint, 20) : NULL;
    char *ssid = c->sessionid_len ?
	hex_encode(c->sessionid, c->sessionid_len) : NULL;
    char instag[16] = "-";

    if (c->their_instance >= OTRL_MIN_VALID_INSTAG)
	snprintf(instag, sizeof instag, "%x", c->their_instance);
    if (strcmp(word, "INSTANCE") == 0)
	out_line("INSTANCE %s %s %s", instag, msgstate_name(c->msgstate),
		fphex ? fphex : "-");
    else
	out_line("STATUS %s %s %s %u %s %s", msgstate_name(c->msgstate),
		fphex ? fphex : "-", ssid ? ssid : "-", c->protocol_version,
		instag, fp && fp->trust && *fp->trust ? fp->trust : "-");
    free(fphex);
    free(ssid);
}

static const char *cmd_status(char **f, int n)
{
    char *peer;
    ConnContext *master, *c;

    if (n != 2) return "usage: status PEER_B64";
    peer = text_arg(f[1], NULL);
    if (!peer) return "status: PEER is not base64";
    master = master_of(peer);
    if (!master) {
	out_line("STATUS plaintext - - 0 - -");
    } else {
	print_context("STATUS", best_of(peer));
	for (c = master; c && c->m_context == master; c = c->next)
	    if (c != master) print_context("INSTANCE", c);
    }
    free(peer);
    return NULL;
}

static const char *cmd_number(char **f, int n, int *target)
{
    char *end;
    unsigned long v;

    if (n != 2) return "usage: policy N | maxsize N";
    errno = 0;
    v = strtoul(f[1], &end, 0);
    if (errno || *end || !*f[1] || v > 0x7fffffff) return "not a number";
    *target = (int)v;
    return NULL;
}

/* SMP and symkey act on the peer's best child, which must be encrypted:
 * libotr would silently do nothing otherwise, and tests want to know. */
static const char *encrypted_context(const char *field, ConnContext **cp)
{
    char *peer = text_arg(field, NULL);

    if (!peer) return "PEER is not base64";
    *cp = best_of(peer);
    free(peer);
    if (!*cp || (*cp)->msgstate != OTRL_MSGSTATE_ENCRYPTED)
	return "no encrypted session with this peer";
    return NULL;
}

static const char *cmd_smp(char **f, int n, const char *which)
{
    ConnContext *ctx;
    const char *err;
    char *secret = NULL, *question = NULL;
    size_t secretlen = 0;
    int start = strcmp(which, "start") == 0;

    if (strcmp(which, "abort") == 0) {
	if (n != 2) return "usage: smp_abort PEER_B64";
	if ((err = encrypted_context(f[1], &ctx))) return err;
	otrl_message_abort_smp(us, &ops, NULL, ctx);
	return NULL;
    }
    if (n != 3 && !(start && n == 4))
	return "usage: smp_start PEER SECRET [QUESTION] | smp_respond PEER SECRET";
    if ((err = encrypted_context(f[1], &ctx))) return err;
    secret = text_arg(f[2], &secretlen);
    if (n == 4) question = text_arg(f[3], NULL);
    if (!secret || (n == 4 && !question)) {
	err = "smp: a field is not base64";
    } else if (!start) {
	otrl_message_respond_smp(us, &ops, NULL, ctx,
		(unsigned char *)secret, secretlen);
    } else if (question) {
	otrl_message_initiate_smp_q(us, &ops, NULL, ctx, question,
		(unsigned char *)secret, secretlen);
    } else {
	otrl_message_initiate_smp(us, &ops, NULL, ctx,
		(unsigned char *)secret, secretlen);
    }
    if (secret) {
	memset(secret, 0, secretlen);
	free(secret);
    }
    free(question);
    return err;
}

static const char *cmd_symkey(char **f, int n)
{
    ConnContext *ctx;
    const char *err;
    unsigned char key[OTRL_EXTRAKEY_BYTES];
    char *usedata, *end, *hex;
    size_t usedatalen;
    unsigned long use;
    gcry_error_t gerr;

    if (n != 4) return "usage: symkey PEER_B64 USE USEDATA_B64";
    if ((err = encrypted_context(f[1], &ctx))) return err;
    use = strtoul(f[2], &end, 0);
    if (*end || !*f[2] || use > 0xffffffffUL) return "symkey: USE is not a number";
    usedata = text_arg(f[3], &usedatalen);
    if (!usedata) return "symkey: USEDATA is not base64";
    gerr = otrl_message_symkey(us, &ops, NULL, ctx, (unsigned int)use,
	    (unsigned char *)usedata, usedatalen, key);
    free(usedata);
    if (gerr) return fail("otrl_message_symkey: %s", gcry_strerror(gerr));
    hex = hex_encode(key, sizeof key);
    out_line("SYMKEY %s", hex);
    free(hex);
    return NULL;
}

static const char *cmd_trust(char **f, int n)
{
    char *peer;
    unsigned char raw[20];
    ConnContext *master;
    Fingerprint *fp;

    if (n != 4) return "usage: trust PEER_B64 FINGERPRINT_HEX TRUST_OR_-";
    if (hex_decode(f[2], raw, 20)) return "trust: FINGERPRINT is not 40 hex digits";
    peer = text_arg(f[1], NULL);
    if (!peer) return "trust: PEER is not base64";
    master = master_of(peer);
    free(peer);
    fp = master ? otrl_context_find_fingerprint(master, raw, 0, NULL) : NULL;
    if (!fp) return "trust: no such fingerprint for this peer";
    otrl_context_set_trust(fp, strcmp(f[3], "-") ? f[3] : NULL);
    write_fingerprints_now();
    return NULL;
}

const char *peer_dispatch(char **f, int n, int *quit)
{
    const char *cmd = f[0];
    int value;
    const char *err;

    if (!strcmp(cmd, "send")) return cmd_send(f, n);
    if (!strcmp(cmd, "recv")) return cmd_recv(f, n);
    if (!strcmp(cmd, "query")) return cmd_query(f, n, 0);
    if (!strcmp(cmd, "query1")) return cmd_query(f, n, 1);
    if (!strcmp(cmd, "end")) return cmd_end(f, n);
    if (!strcmp(cmd, "status")) return cmd_status(f, n);
    if (!strcmp(cmd, "smp_start")) return cmd_smp(f, n, "start");
    if (!strcmp(cmd, "smp_respond")) return cmd_smp(f, n, "respond");
    if (!strcmp(cmd, "smp_abort")) return cmd_smp(f, n, "abort");
    if (!strcmp(cmd, "symkey")) return cmd_symkey(f, n);
    if (!strcmp(cmd, "trust")) return cmd_trust(f, n);
    if (!strcmp(cmd, "policy") || !strcmp(cmd, "maxsize")) {
	if ((err = cmd_number(f, n, &value))) return err;
	if (cmd[0] == 'p') policy = (OtrlPolicy)value;
	else max_msg_size = value;
	return NULL;
    }
    if (!strcmp(cmd, "poll") && n == 1) {
	otrl_message_poll(us, &ops, NULL);
	return NULL;
    }
    if (!strcmp(cmd, "write") && n == 1) {
	write_fingerprints_now();
	return NULL;
    }
    if (!strcmp(cmd, "quit") && n == 1) {
	*quit = 1;
	return NULL;
    }
    return fail("unknown command or wrong arguments: %s", cmd);
}
