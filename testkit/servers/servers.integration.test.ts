/**
 * Smoke tests of the test servers themselves, with raw connections: if these
 * fail, every protocol test after them would fail for a reason unrelated to Sotto.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNgircd, type NgircdServer } from './ngircd';
import { startProsody, type ProsodyServer } from './prosody';
import { rawConnect } from './raw-line-client';

const streamHeader = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

describe('Prosody test server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ users: [{ name: 'alice', password: 'wonderland' }] });
  });
  afterAll(() => server?.dispose());

  async function plainLogin(password: string): Promise<string> {
    const client = await rawConnect(server.host, server.port);
    try {
      client.write(streamHeader(server.domain));
      const features = await client.waitFor(/<\/stream:features>/);
      expect(features).toContain('urn:ietf:params:xml:ns:xmpp-tls');
      expect(features).toContain('<mechanism>PLAIN</mechanism>');
      const auth = Buffer.from(`\0alice\0${password}`).toString('base64');
      client.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${auth}</auth>`);
      const answer = await client.waitFor(/<success|<failure[\s\S]*<\/failure>/);
      if (!/<success/.test(answer)) return 'failure';
      client.write(streamHeader(server.domain));
      await client.waitFor(/urn:ietf:params:xml:ns:xmpp-bind[\s\S]*<\/stream:features>/);
      client.write(
        `<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>smoke</resource></bind></iq>`,
      );
      const bound = await client.waitFor(/<jid>[^<]+<\/jid>/);
      return /<jid>([^<]+)<\/jid>/.exec(bound)?.[1] ?? 'no jid';
    } finally {
      client.close();
    }
  }

  it('logs a registered user in with SASL PLAIN on loopback and binds a resource', async () => {
    expect(await plainLogin('wonderland')).toBe(`alice@${server.domain}/smoke`);
  });

  it('refuses a wrong password', async () => {
    expect(await plainLogin('looking-glass')).toBe('failure');
  });

  it('survives a restart on the same port with its accounts', async () => {
    await server.stop({ crash: true });
    await server.start();
    expect(await plainLogin('wonderland')).toBe(`alice@${server.domain}/smoke`);
  });
});

describe('ngIRCd test server', () => {
  let server: NgircdServer;
  beforeAll(async () => {
    server = await startNgircd();
  });
  afterAll(() => server?.dispose());

  it('registers a nick and welcomes it', async () => {
    const client = await rawConnect(server.host, server.port);
    try {
      client.write('NICK smoky\r\nUSER smoky 0 * :Smoke Test\r\n');
      const welcome = await client.waitFor(/ 001 smoky /);
      expect(welcome).toContain(server.serverName);
    } finally {
      client.close();
    }
  });

  it('refuses a nick already in use', async () => {
    const first = await rawConnect(server.host, server.port);
    const second = await rawConnect(server.host, server.port);
    try {
      first.write('NICK taken\r\nUSER a 0 * :A\r\n');
      await first.waitFor(/ 001 taken /);
      second.write('NICK taken\r\nUSER b 0 * :B\r\n');
      expect(await second.waitFor(/ 433 /)).toMatch(/433 \* taken/);
    } finally {
      first.close();
      second.close();
    }
  });
});
