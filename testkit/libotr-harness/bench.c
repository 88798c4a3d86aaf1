/*
 * Bench mode: libotr 4.1.1 against itself in one process, two users (alice
 * and bob, each with its own OtrlUserState), messages carried in memory
 * through inject_message. Only the OTR work is timed (both sides' compute);
 * key loading, context resets and result checks are outside the clock.
 *
 * Prints one JSON line, e.g.
 *   {"name":"ake","unit":"ms","median":9.1,"p90":10.2,"iterations":20,...}
 * For "ms" benchmarks median and p90 are of the time per iteration. For
 * "messages/s" ones each iteration is a round of messages: median is the rate
 * of the median round and p90 the rate of the 90th-percentile (slow) round,
 * so p90 <= median there.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define PROTO "bench"

typedef struct Party {
    const char *name;        /* our account; the other side's peer name */
    OtrlUserState us;
    struct Party *other;
    char **inbox;            /* FIFO of wire messages addressed to us */
    size_t head, count, cap;
    int asked_secret;        /* SMP: we were asked for the secret */
    int smp_result;          /* 1 success, -1 failure or cheating */
    long plaintexts;         /* messages delivered to "the user" */
} Party;

static Party alice = { .name = "alice" }, bob = { .name = "bob" };
static int bench_mms = 0;
static const char SECRET[] = "correct horse battery staple";

static void fatal(const char *what)
{
    fprintf(stderr, "harness bench: %s\n", what);
    exit(1);
}

/* ---- callbacks: just enough for two in-memory users -------------------- */

static OtrlPolicy b_policy(void *opdata, ConnContext *ctx)
{
    (void)opdata; (void)ctx;
    return OTRL_POLICY_MANUAL;
}

static int b_logged_in(void *o, const char *a, const char *p, const char *r)
{
    (void)o; (void)a; (void)p; (void)r;
    return 1;
}

static void b_inject(void *opdata, const char *acc, const char *proto,
	const char *recipient, const char *message)
{
    Party *to = ((Party *)opdata)->other;
    (void)acc; (void)proto; (void)recipient;
    if (!*message) return;
    if (to->head + to->count == to->cap) {
	/* Compact, then grow: the inbox is drained after every step. */
	memmove(to->inbox, to->inbox + to->head, to->count * sizeof(char *));
	to->head = 0;
	if (to->count == to->cap) {
	    to->cap = to->cap ? 2 * to->cap : 64;
	    to->inbox = realloc(to->inbox, to->cap * sizeof(char *));
	    if (!to->inbox) fatal("out of memory");
	}
    }
    to->inbox[to->head + to->count++] = strdup(message);
}

static int b_mms(void *opdata, ConnContext *ctx)
{
    (void)opdata; (void)ctx;
    return bench_mms;
}

static void b_smp(void *opdata, OtrlSMPEvent ev, ConnContext *ctx,
	unsigned short progress, char *question)
{
    Party *p = opdata;
    (void)ctx; (void)progress; (void)question;
    if (ev == OTRL_SMPEVENT_ASK_FOR_SECRET) p->asked_secret = 1;
    else if (ev == OTRL_SMPEVENT_SUCCESS) p->smp_result = 1;
    else if (ev != OTRL_SMPEVENT_IN_PROGRESS) p->smp_result = -1;
}

static OtrlMessageAppOps bops = {
    .policy = b_policy,
    .is_logged_in = b_logged_in,
    .inject_message = b_inject,
    .max_message_size = b_mms,
    .handle_smp_event = b_smp,
};

/* ---- moving messages ----------------------------------------------------- */

static ConnContext *best(Party *p)
{
    return otrl_context_find(p->us, p->other->name, p->name, PROTO,
	    OTRL_INSTAG_BEST, 0, NULL, NULL, NULL);
}

/* Delivers queued messages, both ways, until neither side has anything to
 * say. Bob's SMP answer is given as soon as libotr asks for it. */
static void pump(void)
{
    long steps = 0;

    while (alice.count || bob.count) {
	Party *p = bob.count ? &bob : &alice;
	char *msg = p->inbox[p->head++], *plain = NULL;

	p->count--;
	if (otrl_message_receiving(p->us, &bops, p, p->name, PROTO,
		    p->other->name, msg, &plain, NULL, NULL, NULL, NULL) == 0
		&& plain)
	    p->plaintexts++;
	otrl_message_free(plain);
	free(msg);
	if (p->asked_secret) {
	    p->asked_secret = 0;
	    otrl_message_respond_smp(p->us, &bops, p, best(p),
		    (const unsigned char *)SECRET, strlen(SECRET));
	}
	if (++steps > 1000000) fatal("messages never stop flowing");
    }
}

static void send_text(Party *from, const char *text)
{
    char *newmsg = NULL;
    gcry_error_t err = otrl_message_sending(from->us, &bops, from, from->name,
	    PROTO, from->other->name, OTRL_INSTAG_BEST, text, NULL, &newmsg,
	    OTRL_FRAGMENT_SEND_ALL, NULL, NULL, NULL);
    if (err) fatal("otrl_message_sending failed");
    otrl_message_free(newmsg);
}

/* Forgets both sides' conversations, then runs one AKE from a query bob
 * sends to alice. Returns the milliseconds the AKE itself took. */
static double run_ake(void)
{
    double t0, t1;

    otrl_context_forget_all(alice.us);
    otrl_context_forget_all(bob.us);
    t0 = now_ms();
    b_inject(&bob, NULL, NULL, NULL, "?OTRv3?");
    pump();
    t1 = now_ms();
    if (!best(&alice) || best(&alice)->msgstate != OTRL_MSGSTATE_ENCRYPTED ||
	    !best(&bob) || best(&bob)->msgstate != OTRL_MSGSTATE_ENCRYPTED)
	fatal("the AKE did not reach ENCRYPTED on both sides");
    return t1 - t0;
}

static double run_smp(void)
{
    double t0, t1;

    alice.smp_result = bob.smp_result = 0;
    t0 = now_ms();
    otrl_message_initiate_smp(alice.us, &bops, &alice, best(&alice),
	    (const unsigned char *)SECRET, strlen(SECRET));
    pump();
    t1 = now_ms();
    if (alice.smp_result != 1 || bob.smp_result != 1)
	fatal("the SMP did not succeed on both sides");
    return t1 - t0;
}

/* One round of `count` messages of `bytes` bytes; alternating or one way. */
static double run_messages(int count, int bytes, int alternate)
{
    char *text = malloc((size_t)bytes + 1);
    long before = alice.plaintexts + bob.plaintexts;
    double t0, t1;
    int i;

    if (!text) fatal("out of memory");
    memset(text, 'm', (size_t)bytes);
    text[bytes] = '\0';
    t0 = now_ms();
    for (i = 0; i < count; i++) {
	send_text(alternate && (i & 1) ? &bob : &alice, text);
	pump();
    }
    t1 = now_ms();
    free(text);
    if (alice.plaintexts + bob.plaintexts - before != count)
	fatal("not every message was decrypted");
    return t1 - t0;
}

/* ---- set-up, statistics, main -------------------------------------------- */

static void load_party(Party *p, const char *dir)
{
    char keyfile[4096], instfile[4096];

    snprintf(keyfile, sizeof keyfile, "%s/bench-%s.private_key", dir, p->name);
    snprintf(instfile, sizeof instfile, "%s/bench-%s.instance_tags", dir,
	    p->name);
    p->us = otrl_userstate_create();
    /* Keys are cached in DIR: generating two DSA keys per run would make
     * every benchmark as slow as the keygen one. */
    if (access(keyfile, F_OK) == 0) {
	if (otrl_privkey_read(p->us, keyfile)) fatal("cannot read a bench key");
    }
    if (!otrl_privkey_find(p->us, p->name, PROTO) &&
	    otrl_privkey_generate(p->us, keyfile, p->name, PROTO))
	fatal("cannot generate a bench key");
    if (access(instfile, F_OK) == 0) otrl_instag_read(p->us, instfile);
    if (!otrl_instag_find(p->us, p->name, PROTO) &&
	    otrl_instag_generate(p->us, instfile, p->name, PROTO))
	fatal("cannot create a bench instance tag");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Linear interpolation between the closest ranks. */
static double percentile(const double *sorted, int n, double p)
{
    double pos = p * (n - 1);
    int lo = (int)floor(pos);
    int hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

int bench_main(int argc, char **argv)
{
    const char *name = NULL, *dir = NULL;
    char tmpdir[] = "/tmp/sotto-libotr-bench-XXXXXX";
    int iterations = 0, i, per_round = 0, bytes = 0, is_rate;
    double *ms;

    for (i = 1; i + 1 < argc; i += 2) {
	if (!strcmp(argv[i], "--bench")) name = argv[i + 1];
	else if (!strcmp(argv[i], "--iterations")) iterations = atoi(argv[i + 1]);
	else if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
	else fatal("unknown option (see --help in README.md)");
    }
    if (!name || i != argc || iterations < 0) fatal("usage: harness --bench NAME [--iterations N] [--dir DIR]");
    if (!strcmp(name, "keygen")) iterations = iterations ? iterations : 3;
    else if (!strcmp(name, "ake") || !strcmp(name, "smp"))
	iterations = iterations ? iterations : 20;
    else if (!strcmp(name, "data-alternating") || !strcmp(name, "data-one-way"))
	iterations = iterations ? iterations : 10, per_round = 200, bytes = 100;
    else if (!strcmp(name, "fragmented"))
	iterations = iterations ? iterations : 10, per_round = 100,
	bytes = 1000, bench_mms = 400;
    else fatal("unknown benchmark: keygen, ake, data-alternating, "
	    "data-one-way, fragmented or smp");
    is_rate = per_round > 0;

    if (!dir) {
	if (!mkdtemp(tmpdir)) fatal("cannot make a temp dir");
	dir = tmpdir;
    } else if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
	fatal("cannot create the key cache dir");
    }
    ms = calloc((size_t)iterations, sizeof(double));
    if (!ms) fatal("out of memory");

    if (!strcmp(name, "keygen")) {
	for (i = 0; i < iterations; i++) {
	    OtrlUserState u = otrl_userstate_create();
	    FILE *f = tmpfile();
	    double t0 = now_ms();
	    if (!f || otrl_privkey_generate_FILEp(u, f, "keygen", PROTO))
		fatal("key generation failed");
	    ms[i] = now_ms() - t0;
	    fclose(f);
	    otrl_userstate_free(u);
	}
    } else {
	alice.other = &bob;
	bob.other = &alice;
	load_party(&alice, dir);
	load_party(&bob, dir);
	run_ake(); /* warm-up, and the session the other benchmarks use */
	if (!strcmp(name, "smp")) run_smp();
	else if (is_rate) run_messages(per_round / 10 + 1, bytes,
		!strcmp(name, "data-alternating"));
	for (i = 0; i < iterations; i++) {
	    if (!strcmp(name, "ake")) ms[i] = run_ake();
	    else if (!strcmp(name, "smp")) ms[i] = run_smp();
	    else ms[i] = run_messages(per_round, bytes,
		    !strcmp(name, "data-alternating"));
	}
    }
    if (dir == tmpdir) {
	char path[sizeof tmpdir + 64];
	const char *files[] = { "bench-alice.private_key",
	    "bench-alice.instance_tags", "bench-bob.private_key",
	    "bench-bob.instance_tags" };
	for (i = 0; i < 4; i++) {
	    snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
	    unlink(path);
	}
	rmdir(tmpdir);
    }

    qsort(ms, (size_t)iterations, sizeof(double), cmp_double);
    if (is_rate) {
	printf("{\"name\":\"%s\",\"unit\":\"messages/s\",\"median\":%.1f,"
		"\"p90\":%.1f,\"iterations\":%d,\"messagesPerIteration\":%d,"
		"\"messageBytes\":%d,\"maxMessageSize\":%d,\"libotr\":\"%s\"}\n",
		name, per_round * 1000.0 / percentile(ms, iterations, 0.5),
		per_round * 1000.0 / percentile(ms, iterations, 0.9),
		iterations, per_round, bytes, bench_mms, otrl_version());
    } else {
	/* max: the worst case, which key generation is judged by too. */
	printf("{\"name\":\"%s\",\"unit\":\"ms\",\"median\":%.3f,"
		"\"p90\":%.3f,\"max\":%.3f,\"iterations\":%d,\"libotr\":\"%s\"}\n",
		name, percentile(ms, iterations, 0.5),
		percentile(ms, iterations, 0.9), ms[iterations - 1], iterations,
		otrl_version());
    }
    free(ms);
    return 0;
}
