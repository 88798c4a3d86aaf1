import type { Element } from './test-support/stanza';
import { describe, expect, it } from 'vitest';
import { Roster } from './roster';
import { stanza } from './test-support/stanza';

function query(items: string): Element {
  const q = stanza(`<iq type='result'><query xmlns='jabber:iq:roster'>${items}</query></iq>`).getChild(
    'query',
    'jabber:iq:roster',
  );
  if (!q) throw new Error('no query');
  return q;
}

describe('Roster (RFC 6121 §2)', () => {
  it('loads items with names, sorted unique groups, subscription and pending ask', () => {
    const roster = new Roster();
    const bad = roster.replace(
      query(
        `<item jid='Bob@X' name=' Bob ' subscription='both'><group>Work</group><group>Friends</group><group>Work</group><group> </group></item>` +
          `<item jid='carol@x' ask='subscribe'/><item jid='dave@x' subscription='weird'/><item name='no jid'/><item jid='e@x/res'/>`,
      ),
    );
    expect(bad).toBe(2);
    expect(roster.list()).toEqual([
      { peer: 'bob@x', name: 'Bob', groups: ['Friends', 'Work'], subscription: 'both' },
      { peer: 'carol@x', groups: [], subscription: 'none', pending: true },
      { peer: 'dave@x', groups: [], subscription: 'none' },
    ]);
  });

  it('applies pushes of one item, including removal, and refuses others', () => {
    const roster = new Roster();
    roster.replace(query(`<item jid='bob@x' subscription='to'/>`));
    expect(roster.push(query(`<item jid='bob@x' subscription='both' name='B'/>`))).toBe(true);
    expect(roster.get('bob@x')).toMatchObject({ subscription: 'both', name: 'B' });
    expect(roster.push(query(`<item jid='a@x'/><item jid='b@x'/>`))).toBe(false);
    expect(roster.push(query(`<item jid='bob@x' subscription='remove'/>`))).toBe(true);
    expect(roster.list()).toEqual([]);
  });

  it('hands out copies the app cannot change under it', () => {
    const roster = new Roster();
    roster.replace(query(`<item jid='bob@x'><group>G</group></item>`));
    roster.list()[0]?.groups.push('mutated');
    expect(roster.get('bob@x')?.groups).toEqual(['G']);
  });
});
