/*
 * Small helpers for the harness: base64 and hex for the line protocol,
 * line output, a monotonic clock, and names for libotr's enums.
 *
 * We write our own base64 rather than using libotr's otrl_base64_* because
 * libotr's decoder skips characters outside the alphabet; the harness wants a
 * driver bug (a stray space, a truncated field) to be an ERR, not a quietly
 * different message.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *b64_encode(const unsigned char *data, size_t len)
{
    size_t outlen = 4 * ((len + 2) / 3);
    char *out = malloc(outlen + 1);
    size_t i, o = 0;

    if (!out) return NULL;
    for (i = 0; i + 2 < len; i += 3) {
	unsigned int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
	out[o++] = B64[(v >> 18) & 63];
	out[o++] = B64[(v >> 12) & 63];
	out[o++] = B64[(v >> 6) & 63];
	out[o++] = B64[v & 63];
    }
    if (len - i == 1) {
	unsigned int v = data[i] << 16;
	out[o++] = B64[(v >> 18) & 63];
	out[o++] = B64[(v >> 12) & 63];
	out[o++] = '=';
	out[o++] = '=';
    } else if (len - i == 2) {
	unsigned int v = (data[i] << 16) | (data[i + 1] << 8);
	out[o++] = B64[(v >> 18) & 63];
	out[o++] = B64[(v >> 12) & 63];
	out[o++] = B64[(v >> 6) & 63];
	out[o++] = '=';
    }
    out[o] = '\0';
    return out;
}

static int b64_value(char c)
{
    const char *p = c ? strchr(B64, c) : NULL;
    return p ? (int)(p - B64) : -1;
}

unsigned char *b64_decode(const char *text, size_t *outlen)
{
    size_t len = strlen(text), i, o = 0;
    unsigned char *out;

    if (len % 4 != 0) return NULL;
    out = malloc(len / 4 * 3 + 1);
    if (!out) return NULL;
    for (i = 0; i < len; i += 4) {
	int last = (i + 4 == len);
	int a = b64_value(text[i]), b = b64_value(text[i + 1]);
	int c = text[i + 2] == '=' && last ? -2 : b64_value(text[i + 2]);
	int d = text[i + 3] == '=' && last ? -2 : b64_value(text[i + 3]);
	if (a < 0 || b < 0 || c == -1 || d == -1 || (c == -2 && d != -2)) {
	    free(out);
	    return NULL;
	}
	out[o++] = (unsigned char)((a << 2) | (b >> 4));
	if (c >= 0) out[o++] = (unsigned char)(((b & 15) << 4) | (c >> 2));
	if (d >= 0) out[o++] = (unsigned char)(((c & 3) << 6) | d);
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

char *hex_encode(const unsigned char *data, size_t len)
{
    char *out = malloc(2 * len + 1);
    size_t i;

    if (!out) return NULL;
    for (i = 0; i < len; i++) snprintf(out + 2 * i, 3, "%02x", data[i]);
    out[2 * len] = '\0';
    return out;
}

int hex_decode(const char *hex, unsigned char *out, size_t len)
{
    size_t i;

    if (strlen(hex) != 2 * len) return -1;
    for (i = 0; i < len; i++) {
	unsigned int v;
	char pair[3] = { hex[2 * i], hex[2 * i + 1], '\0' };
	if (!strchr("0123456789abcdefABCDEF", pair[0]) || !pair[0] ||
		!strchr("0123456789abcdefABCDEF", pair[1]) || !pair[1])
	    return -1;
	sscanf(pair, "%x", &v);
	out[i] = (unsigned char)v;
    }
    return 0;
}

void out_line(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

void out_b64_field(FILE *f, const char *s)
{
    char *enc = b64_encode((const unsigned char *)s, strlen(s));
    fputs(enc ? enc : "", f);
    free(enc);
}

double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

const char *msgevent_name(OtrlMessageEvent ev)
{
    switch (ev) {
	case OTRL_MSGEVENT_NONE: return "NONE";
	case OTRL_MSGEVENT_ENCRYPTION_REQUIRED: return "ENCRYPTION_REQUIRED";
	case OTRL_MSGEVENT_ENCRYPTION_ERROR: return "ENCRYPTION_ERROR";
	case OTRL_MSGEVENT_CONNECTION_ENDED: return "CONNECTION_ENDED";
	case OTRL_MSGEVENT_SETUP_ERROR: return "SETUP_ERROR";
	case OTRL_MSGEVENT_MSG_REFLECTED: return "MSG_REFLECTED";
	case OTRL_MSGEVENT_MSG_RESENT: return "MSG_RESENT";
	case OTRL_MSGEVENT_RCVDMSG_NOT_IN_PRIVATE: return "RCVDMSG_NOT_IN_PRIVATE";
	case OTRL_MSGEVENT_RCVDMSG_UNREADABLE: return "RCVDMSG_UNREADABLE";
	case OTRL_MSGEVENT_RCVDMSG_MALFORMED: return "RCVDMSG_MALFORMED";
	case OTRL_MSGEVENT_LOG_HEARTBEAT_RCVD: return "LOG_HEARTBEAT_RCVD";
	case OTRL_MSGEVENT_LOG_HEARTBEAT_SENT: return "LOG_HEARTBEAT_SENT";
	case OTRL_MSGEVENT_RCVDMSG_GENERAL_ERR: return "RCVDMSG_GENERAL_ERR";
	case OTRL_MSGEVENT_RCVDMSG_UNENCRYPTED: return "RCVDMSG_UNENCRYPTED";
	case OTRL_MSGEVENT_RCVDMSG_UNRECOGNIZED: return "RCVDMSG_UNRECOGNIZED";
	case OTRL_MSGEVENT_RCVDMSG_FOR_OTHER_INSTANCE:
	    return "RCVDMSG_FOR_OTHER_INSTANCE";
    }
    return "UNKNOWN";
}

const char *smpevent_name(OtrlSMPEvent ev)
{
    switch (ev) {
	case OTRL_SMPEVENT_NONE: return "NONE";
	case OTRL_SMPEVENT_ERROR: return "ERROR";
	case OTRL_SMPEVENT_ABORT: return "ABORT";
	case OTRL_SMPEVENT_CHEATED: return "CHEATED";
	case OTRL_SMPEVENT_ASK_FOR_ANSWER: return "ASK_FOR_ANSWER";
	case OTRL_SMPEVENT_ASK_FOR_SECRET: return "ASK_FOR_SECRET";
	case OTRL_SMPEVENT_IN_PROGRESS: return "IN_PROGRESS";
	case OTRL_SMPEVENT_SUCCESS: return "SUCCESS";
	case OTRL_SMPEVENT_FAILURE: return "FAILURE";
    }
    return "UNKNOWN";
}

const char *msgstate_name(OtrlMessageState st)
{
    switch (st) {
	case OTRL_MSGSTATE_PLAINTEXT: return "plaintext";
	case OTRL_MSGSTATE_ENCRYPTED: return "encrypted";
	case OTRL_MSGSTATE_FINISHED: return "finished";
    }
    return "unknown";
}

const char *errcode_name(OtrlErrorCode code)
{
    switch (code) {
	case OTRL_ERRCODE_NONE: return "NONE";
	case OTRL_ERRCODE_ENCRYPTION_ERROR: return "ENCRYPTION_ERROR";
	case OTRL_ERRCODE_MSG_NOT_IN_PRIVATE: return "MSG_NOT_IN_PRIVATE";
	case OTRL_ERRCODE_MSG_UNREADABLE: return "MSG_UNREADABLE";
	case OTRL_ERRCODE_MSG_MALFORMED: return "MSG_MALFORMED";
    }
    return "UNKNOWN";
}
