/** The four OTR states people see, from what the core reports. */
import { describe, expect, it } from 'vitest';
import { OTR_LABEL, otrExplanation, otrLevel, type OtrLevel } from './otr-view';

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
