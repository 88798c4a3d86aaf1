import { describe, expect, it } from 'vitest';
import { parseMask, RelayPrefix, WORST_CASE } from './relay-prefix';

describe('RelayPrefix', () => {
  it('leaves exactly what fits after ":nick!user@host PRIVMSG target :" in 510 bytes', () => {
    const p = new RelayPrefix(['alice'], 'alice');
    p.setUserHost('~alice', '127.0.0.1');
    const prefix = ':alice!~alice@127.0.0.1 PRIVMSG bob :';
    expect(p.maxBodyFor('bob')).toBe(510 - prefix.length);
  });

  it('counts the longest nick the account may use, so a reconnect under an alternative still fits', () => {
    const p = new RelayPrefix(['alice', 'alice_', 'alice__'], 'alice');
    p.setUserHost('~alice', 'h');
    const worst = ':alice__!~alice@h PRIVMSG bob :';
    expect(p.maxBodyFor('bob')).toBe(510 - worst.length);
  });

  it('recomputes when the nick changes to a longer one', () => {
    const p = new RelayPrefix(['al'], 'al');
    p.setUserHost('u', 'h');
    const before = p.maxBodyFor('bob');
    p.setNick('a-much-longer-nick');
    expect(p.maxBodyFor('bob')).toBe(before - 16);
  });

  it('assumes the worst for user and host until the server says', () => {
    const p = new RelayPrefix(['alice'], 'alice');
    expect(p.known).toBe(false);
    const worst = 510 - (1 + 5 + 1 + WORST_CASE.userLen + 1 + WORST_CASE.hostLen + ' PRIVMSG bob :'.length);
    expect(p.maxBodyFor('bob')).toBe(worst);
    p.setUserHost('~alice', '127.0.0.1');
    expect(p.known).toBe(true);
    expect(p.maxBodyFor('bob')).toBeGreaterThan(worst);
  });

  it('counts a long username with the "~" a server may add', () => {
    const p = new RelayPrefix(['n'], 'averyverylongusername');
    expect(p.maxBodyFor('t')).toBe(510 - (1 + 1 + 1 + 22 + 1 + WORST_CASE.hostLen + ' PRIVMSG t :'.length));
  });

  it('sizes maxBody for the longest nick the server allows as target, and bytes not characters', () => {
    const p = new RelayPrefix(['ünï'], 'u');
    p.setUserHost('u', 'h');
    p.setLimits({ nickLen: 30 });
    expect(p.maxBody()).toBe(p.maxBodyFor('x'.repeat(30)));
    expect(p.maxBodyFor('t')).toBe(510 - (1 + 5 + 1 + 1 + 1 + 1 + ' PRIVMSG t :'.length));
  });
});

describe('parseMask', () => {
  it('reads nick!user@host and refuses anything else', () => {
    expect(parseMask('bob!~bob@127.0.0.1')).toEqual({ nick: 'bob', user: '~bob', host: '127.0.0.1' });
    expect(parseMask('bob')).toBeUndefined();
    expect(parseMask('bob@host')).toBeUndefined();
  });
});
