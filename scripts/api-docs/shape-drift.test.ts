import { describe, expect, it } from 'vitest';
import { cellShape, docDefinitions, docRows } from './md-shapes';
import { apiSchemaDocument } from './schema-document';
import { shapeDrift, type DriftContext } from './shape-drift';

const schema = apiSchemaDocument();
const drift = (cell: string, part: Record<string, unknown>, definitions = '') => {
  const ctx: DriftContext = { defs: schema.$defs, docDefs: docDefinitions(definitions) };
  return shapeDrift(cellShape(cell)!, part, ctx, 'x');
};
const command = (name: string) => schema.commands[name]!;

describe('shape drift between a doc cell and the contract', () => {
  it('finds nothing when they agree', () => {
    expect(drift('`{accountId, peer, instanceTag?}`', command('otr.selectInstance').params)).toEqual([]);
    expect(
      drift(
        'XMPP: `{protocol: "xmpp", jid, password, host?, port?, tls?: "starttls"\\|"direct"\\|"none", autoConnect?}`; IRC: `{protocol: "irc", nick, host, port, tls?: boolean, password?, autoConnect?}`',
        command('account.add').params,
      ),
    ).toEqual([]);
  });

  it('names a field the doc lacks, and one the contract lacks', () => {
    expect(drift('`{accountId}`', command('buddy.remove').params)).toEqual([
      'x: peer is in the contract but not in docs/API.md',
    ]);
    expect(drift('`{accountId, peer, nick}`', command('buddy.remove').params)).toEqual([
      'x: nick is in docs/API.md but not in the contract',
    ]);
  });

  it('names a field optional in one and required in the other', () => {
    expect(drift('`{accountId, peer?}`', command('buddy.remove').params)).toEqual([
      'x.peer: docs/API.md says optional, the contract says required',
    ]);
  });

  it('checks lists of values, types by name, lists and "—"', () => {
    expect(
      drift('`{accountId?, availability: "available"\\|"away", status?}`', command('presence.set').params),
    ).toEqual([
      'x.availability: docs/API.md lists available|away, the contract available|away|dnd|xa|invisible|offline',
    ]);
    expect(drift('`{accountId, state: "gone"}`', schema.events['account.state']!)).toEqual([
      'x: error is in the contract but not in docs/API.md',
      'x.state: docs/API.md lists gone, the contract offline|connecting|online|reconnecting|error',
    ]);
    expect(drift('`{accountId, peer, accept: string}`', command('buddy.authorize').params)).toEqual([
      'x.accept: docs/API.md says string, the contract has a boolean',
    ]);
    expect(drift('`{accountId, warnings}`', command('account.add').result)).toEqual([]);
    expect(drift('`{accountId[], warnings[]}`', command('account.add').result)).toEqual([
      'x.accountId: docs/API.md says a list, the contract has a string',
    ]);
    expect(drift('—', command('buddy.remove').params)).toEqual([
      'x: docs/API.md says "—", the contract has {accountId, peer}',
    ]);
  });

  it('follows names to their definitions in the doc and in $defs', () => {
    expect(drift('`[Buddy]`', command('buddy.list').result, '`Buddy = {accountId, peer}`')[0]).toBe(
      'x[]: name is in the contract but not in docs/API.md',
    );
    expect(drift('`[Buddy]`', command('buddy.list').result)).toEqual([
      'x[]: docs/API.md uses Buddy but never writes Buddy = {…}',
    ]);
  });

  it('reads table rows with escaped bars inside cells', () => {
    expect(docRows('| `a.b` | `{x: "1"\\|"2"}` | — |\n')).toEqual([{ name: 'a.b', cells: ['`{x: "1"\\|"2"}`', '—'] }]);
  });
});
