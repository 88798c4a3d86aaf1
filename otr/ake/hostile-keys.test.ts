import { describe, expect, it } from 'vitest';
import { dsaSign, dsaVerify, publicKeyOf, type DsaPrivateKey, type DsaSignature } from '../crypto/dsa';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import {
  revealSignatureForger,
  revealSignatureScene,
  signatureScene,
  type ForgeScene,
  type Identity,
} from '../test-support/forge-ake';
import { HOSTILE_KEYS, LARGE_Q_KEY, signatureThatVerifies, type HostileKey } from '../test-support/hostile-keys';
import { ALICE_TAG, BOB_TAG, makePair } from '../test-support/pair';
import {
  decodeMessage,
  encodeMessage,
  type DhKey,
  type ProtocolVersion,
  type RevealSignature,
  type Signature,
} from '../wire/messages';
import { classify, encodeOtrMessage } from '../wire/text-messages';
import { handleAkeMessage, startAke, type AkeParty } from './ake';

const attacker = (): AkeParty => ({
  env: testEnv('mallory'),
  longTerm: ALICE_KEY,
  ourTag: ALICE_TAG,
  theirTag: BOB_TAG,
});
const victim = (): AkeParty => ({ env: testEnv('victim'), longTerm: BOB_KEY, ourTag: BOB_TAG, theirTag: ALICE_TAG });

/** Signs like a real key holder would: a valid signature when the key allows one. */
const honestly = (key: DsaPrivateKey): Identity => ({
  key: publicKeyOf(key),
  sign: (m) => dsaSign(key, m, testEnv('signer').random, testEnv('signer').math),
});

/** A hostile key signing as well as it can: a signature plain DSA accepts (subgroup cases), else an arbitrary one. */
function hostile(h: HostileKey): Identity {
  const env = testEnv(`hostile ${h.what}`);
  return {
    key: h.key,
    sign: (m) => (h.x === undefined ? { r: 1n, s: 1n } : signatureThatVerifies(h.key, h.x, m, env)),
  };
}

const expectedRefusal = (h: HostileKey) => (h.tooLong ? new RegExp(`DSA ${h.tooLong} is too long`) : h.reason);

type Scene = (v: ProtocolVersion, a: AkeParty, b: AkeParty) => ForgeScene<RevealSignature> | ForgeScene<Signature>;
const scenes: [string, Scene][] = [
  ['Reveal Signature', revealSignatureScene],
  ['Signature', signatureScene],
];
const versions: ProtocolVersion[] = [2, 3];

describe.each(scenes)('a %s message whose signer key is hostile', (_, scene) => {
  describe.each(versions)('protocol version %i', (version) => {
    it.each(HOSTILE_KEYS.map((h) => [h.what, h] as const))(
      'is ignored when the key has %s, and the real one still completes',
      (_, h) => {
        const s = scene(version, attacker(), victim());
        const step = handleAkeMessage(s.victim, s.forge(hostile(h)), victim());
        expect(step.ignored).toMatch(expectedRefusal(h));
        expect(step.complete).toBeUndefined();
        expect(step.send).toBeUndefined();
        expect(step.auth).toBe(s.victim);
        expect(handleAkeMessage(step.auth, s.honest, victim()).complete?.theirLongTerm).toEqual(publicKeyOf(ALICE_KEY));
      },
    );

    it('completes with a valid key of another size (2048-bit p, 256-bit q)', () => {
      const s = scene(version, attacker(), victim());
      const step = handleAkeMessage(s.victim, s.forge(honestly(LARGE_Q_KEY)), victim());
      expect(step.ignored).toBeUndefined();
      expect(step.complete?.theirLongTerm).toEqual(publicKeyOf(LARGE_Q_KEY));
    });

    it.each([
      ['r = 0', (sig: DsaSignature) => ({ ...sig, r: 0n })],
      ['s = 0', (sig: DsaSignature) => ({ ...sig, s: 0n })],
      ['r = q', (sig: DsaSignature) => ({ ...sig, r: ALICE_KEY.q })],
      ['s = q', (sig: DsaSignature) => ({ ...sig, s: ALICE_KEY.q })],
    ])('is ignored when the signature has %s', (_, change) => {
      const s = scene(version, attacker(), victim());
      const id = honestly(ALICE_KEY);
      const step = handleAkeMessage(s.victim, s.forge({ ...id, sign: (m) => change(id.sign(m)) }), victim());
      expect(step.ignored).toMatch(/the signature does not verify/);
      expect(step.complete).toBeUndefined();
    });
  });
});

describe('the subgroup checks', () => {
  it.each(HOSTILE_KEYS.filter((h) => h.x !== undefined).map((h) => [h.what, h] as const))(
    'are what refuses a key with %s: its signature alone would verify',
    (_, h) => {
      const s = revealSignatureScene(3, attacker(), victim());
      let signed: { m: Uint8Array; sig: DsaSignature } | undefined;
      const id = hostile(h);
      const step = handleAkeMessage(
        s.victim,
        s.forge({ ...id, sign: (m) => ((signed = { m, sig: id.sign(m) }), signed.sig) }),
        victim(),
      );
      expect(signed && dsaVerify(h.key, signed.m, signed.sig, testEnv('check').math)).toBe(true);
      expect(step.ignored).toMatch(h.reason);
    },
  );
});

describe('a Conversation receiving a hostile key', () => {
  it('reports an ignored AKE message, stays plaintext, and completes with the real key afterwards', () => {
    const { bob } = makePair('manual');
    const mallory = attacker();
    const commit = startAke(mallory, 3);
    const toBob = (m: Parameters<typeof encodeMessage>[0]) => bob.conv.receive(encodeOtrMessage(encodeMessage(m)));
    const answer = toBob(commit.send!);
    const c = classify(answer.send[0]?.text ?? '');
    if (c.kind !== 'encoded') throw new Error('bob did not answer with a D-H Key');
    const forger = revealSignatureForger(commit.auth, decodeMessage(c.bytes) as DhKey, mallory);
    const y = HOSTILE_KEYS.find((h) => h.what.startsWith('y = p - y'))!;
    let out: ReturnType<typeof toBob> | undefined;
    expect(() => (out = toBob(forger.forge(hostile(y))))).not.toThrow();
    expect(out?.events).toEqual([{ type: 'ake-ignored', reason: expect.stringMatching(y.reason) }]);
    expect(out?.send).toEqual([]);
    expect(bob.conv.status().state).toBe('plaintext');
    const real = toBob(forger.honest);
    expect(real.events.map((e) => e.type)).toContain('gone-secure');
    expect(bob.conv.status().state).toBe('encrypted');
  });
});
