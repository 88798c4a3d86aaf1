import { describe, expect, it } from 'vitest';
import { ScramError, ScramMechanism, fromBinaryString, toBinaryString } from './scram';
import { saslPrep } from './saslprep';
import { MechanismFactory, chooseMechanism } from './sasl';

async function exchange(mech: ScramMechanism, serverFirst: string): Promise<string> {
  await mech.response({ username: 'user' });
  mech.challenge(toBinaryString(serverFirst));
  return fromBinaryString(await mech.response({ password: 'pencil' }));
}

describe('SCRAM (RFC 5802, RFC 7677 test vectors)', () => {
  it('SCRAM-SHA-1: RFC 5802 §5', async () => {
    const mech = new ScramMechanism('SCRAM-SHA-1', 'sha1', () => 'fyko+d2lbbFgONRv9qkxdawL');
    expect(fromBinaryString(await mech.response({ username: 'user' }))).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    mech.challenge(toBinaryString('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(fromBinaryString(await mech.response({ password: 'pencil' }))).toBe(
      'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    );
    mech.verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=');
    expect(mech.serverVerified).toBe(true);
  });

  it('SCRAM-SHA-256: RFC 7677 §3', async () => {
    const mech = new ScramMechanism('SCRAM-SHA-256', 'sha256', () => 'rOprNGfwEbeRWgbNEkqO');
    const final = await exchange(
      mech,
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    );
    expect(final).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    mech.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    expect(mech.serverVerified).toBe(true);
  });

  it('refuses a server that cannot prove it knows the password', async () => {
    const mech = new ScramMechanism('SCRAM-SHA-1', 'sha1', () => 'fyko+d2lbbFgONRv9qkxdawL');
    await exchange(mech, 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
    expect(() => mech.verifyServerFinal('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toThrow(ScramError);
    expect(() => mech.verifyServerFinal('e=other-error')).toThrow(/other-error/);
    expect(mech.serverVerified).toBe(false);
  });

  it('refuses a nonce that is not ours, too few or too many iterations, and a missing salt', async () => {
    const cases = [
      'r=someone-else,s=QSXCR+Q6sek8bf92,i=4096',
      'r=nonce,s=QSXCR+Q6sek8bf92,i=4096', // not extended by the server
      'r=nonceXYZ,s=QSXCR+Q6sek8bf92,i=1',
      'r=nonceXYZ,s=QSXCR+Q6sek8bf92,i=100000000',
      'r=nonceXYZ,i=4096',
      'e=invalid-proof',
    ];
    for (const serverFirst of cases) {
      const mech = new ScramMechanism('SCRAM-SHA-1', 'sha1', () => 'nonce');
      await expect(exchange(mech, serverFirst)).rejects.toBeInstanceOf(ScramError);
    }
  });

  it('escapes = and , in the user name and carries UTF-8 both ways', async () => {
    const mech = new ScramMechanism('SCRAM-SHA-1', 'sha1', () => 'n');
    expect(fromBinaryString(await mech.response({ username: 'a=b,ü' }))).toBe('n,,n=a=3Db=2Cü,r=n');
  });
});

describe('SASLprep (RFC 4013 mapping and NFKC)', () => {
  it('maps non-ASCII spaces to space, drops soft hyphens, normalizes compatibility forms', () => {
    expect(saslPrep('I\u00ADX')).toBe('IX');
    expect(saslPrep('a\u00A0b')).toBe('a b');
    expect(saslPrep('\u2168')).toBe('IX');
    expect(saslPrep('user')).toBe('user');
  });
});

describe('mechanism choice (RFC 6120 §6.3.3)', () => {
  it('prefers SCRAM, strongest first, as the factory orders them', () => {
    expect(new MechanismFactory()._mechs.map((m) => m.name)).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']);
    expect(chooseMechanism(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'], false, false)).toBe('SCRAM-SHA-256');
  });

  it('uses PLAIN only inside TLS or on loopback', () => {
    expect(chooseMechanism(['PLAIN'], false, false)).toBeUndefined();
    expect(chooseMechanism(['PLAIN'], true, false)).toBe('PLAIN');
    expect(chooseMechanism(['PLAIN'], false, true)).toBe('PLAIN');
  });
});
