/** The four OTR states people see, from what the core reports. */
import { describe, expect, it } from 'vitest';
import { OTR_LABEL, otrExplanation, otrLabel, otrLevel, type OtrLevel } from './otr-view';

const LEVELS: OtrLevel[] = ['not-private', 'unverified', 'private', 'finished'];

describe('otrLevel', () => {
  it('calls a conversation the core has not reported on not private', () => {
    expect(otrLevel(undefined)).toBe('not-private');
  });

  it('calls plaintext not private, even with a verified key', () => {
    expect(otrLevel({ state: 'plaintext', verified: false })).toBe('not-private');
    expect(otrLevel({ state: 'plaintext', verified: true })).toBe('not-private');
  });

  it('calls encryption with an unverified key unverified', () => {
    expect(otrLevel({ state: 'encrypted', verified: false })).toBe('unverified');
  });

  it('calls encryption with a verified key private', () => {
    expect(otrLevel({ state: 'encrypted', verified: true })).toBe('private');
  });

  it('calls a conversation the buddy ended finished, whether or not the key was verified', () => {
    expect(otrLevel({ state: 'finished', verified: false })).toBe('finished');
    expect(otrLevel({ state: 'finished', verified: true })).toBe('finished');
  });
});

describe('OTR_LABEL and otrExplanation', () => {
  it('gives each level its own word', () => {
    expect(LEVELS.map((l) => OTR_LABEL[l])).toEqual(['Not private', 'Unverified', 'Private', 'Finished']);
  });

  it('gives each level its own sentence, naming the buddy', () => {
    const sentences = LEVELS.map((l) => otrExplanation(l, 'bob@example.org'));
    expect(new Set(sentences).size).toBe(LEVELS.length);
    for (const s of sentences) expect(s).toContain('bob@example.org');
  });

  it('says plainly that a not-private conversation is readable on the way', () => {
    expect(otrExplanation('not-private', 'bob')).toMatch(/not encrypted/);
  });

  it('asks for authentication when the buddy is unverified', () => {
    expect(otrExplanation('unverified', 'bob')).toMatch(/Authenticate/);
  });

  it('tells the user to end or restart a finished conversation before writing', () => {
    expect(otrExplanation('finished', 'bob')).toMatch(/End it too, or start a new one/);
  });
});

describe('otrLabel: the protocol version beside the word', () => {
  it('names OTR v4 and v3 beside Private, Unverified and Finished', () => {
    expect(otrLabel('private', 4)).toBe('Private (OTR v4)');
    expect(otrLabel('unverified', 4)).toBe('Unverified (OTR v4)');
    expect(otrLabel('finished', 4)).toBe('Finished (OTR v4)');
    expect(otrLabel('private', 3)).toBe('Private (OTR v3)');
    expect(otrLabel('unverified', 3)).toBe('Unverified (OTR v3)');
    expect(otrLabel('private', 2)).toBe('Private (OTR v2)');
  });

  it('gives no version to a conversation that is not private, whatever an old status said', () => {
    expect(otrLabel('not-private', 4)).toBe('Not private');
  });

  it('keeps the plain word when the core does not say the version', () => {
    for (const l of LEVELS) expect(otrLabel(l, undefined)).toBe(OTR_LABEL[l]);
  });

  it('keeps the plain word at the start, so the state reads first', () => {
    for (const l of LEVELS) expect(otrLabel(l, 4).startsWith(OTR_LABEL[l])).toBe(true);
  });

  it('says the version in the explanation of an encrypted conversation', () => {
    expect(otrExplanation('private', 'bob', 4)).toContain('OTR version 4');
    expect(otrExplanation('unverified', 'bob', 3)).toContain('OTR version 3');
    expect(otrExplanation('not-private', 'bob', 4)).not.toContain('version');
  });
});
