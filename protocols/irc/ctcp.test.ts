import { describe, expect, it } from 'vitest';
import { ctcp, ctcpAnswer, meAction, parseCtcp, withoutControls } from './ctcp';

describe('parseCtcp', () => {
  it('reads type and parameters, with or without the closing \\x01', () => {
    expect(parseCtcp('\x01VERSION\x01')).toEqual({ type: 'VERSION', params: '' });
    expect(parseCtcp('\x01ping 123 456\x01')).toEqual({ type: 'PING', params: '123 456' });
    expect(parseCtcp('\x01ACTION waves')).toEqual({ type: 'ACTION', params: 'waves' });
  });

  it('is not fooled by ordinary text or junk', () => {
    expect(parseCtcp('hello \x01VERSION\x01')).toBeUndefined();
    expect(parseCtcp('\x01\x01')).toBeUndefined();
    expect(parseCtcp('\x01 VERSION\x01')).toBeUndefined();
    expect(parseCtcp(`\x01${'A'.repeat(40)}\x01`)).toBeUndefined();
  });
});

describe('ctcpAnswer', () => {
  it('answers nothing by default: no client name, no clock, not even PING', () => {
    for (const type of ['VERSION', 'TIME', 'PING', 'CLIENTINFO', 'USERINFO', 'FINGER', 'SOURCE', 'DCC']) {
      expect(ctcpAnswer({ type, params: 'x' }, {})).toBeUndefined();
    }
  });

  it('answers what the user configured, and only that', () => {
    const fixed = () => new Date(0);
    expect(ctcpAnswer({ type: 'VERSION', params: '' }, { version: 'Sotto\r\nPRIVMSG x' })).toBe(
      'VERSION Sotto  PRIVMSG x',
    );
    expect(ctcpAnswer({ type: 'PING', params: '42' }, { ping: true })).toBe('PING 42');
    expect(ctcpAnswer({ type: 'PING', params: 'x'.repeat(100) }, { ping: true })).toBeUndefined();
    expect(ctcpAnswer({ type: 'TIME', params: '' }, { time: true }, fixed)).toBe(`TIME ${new Date(0).toString()}`);
    expect(ctcpAnswer({ type: 'TIME', params: '' }, { version: 'v', ping: true })).toBeUndefined();
  });
});

describe('ACTION helpers', () => {
  it('turns "/me x" into an ACTION and leaves other text alone', () => {
    expect(meAction('/me waves')).toBe('waves');
    expect(meAction('/ME waves')).toBe('waves');
    expect(meAction('/me ')).toBeUndefined();
    expect(meAction('/meh')).toBeUndefined();
    expect(ctcp('ACTION', 'waves')).toBe('\x01ACTION waves\x01');
    expect(withoutControls('a\x01b\x7fc')).toBe('a b c');
  });
});
