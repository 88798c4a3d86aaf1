/**
 * docs/API.md and docs/api-schema.json against the contract: the doc describes
 * every command and event and nothing else, the shapes it writes for people
 * (field names, optional fields, lists of values) are the contract's, and the
 * committed JSON Schema is exactly what `npm run api-docs` makes of the contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, events } from '../app/api/contract';
import { cellShape, docDefinitions, docRows } from './api-docs/md-shapes';
import { apiSchemaDocument, apiSchemaText } from './api-docs/schema-document';
import { shapeDrift, type DriftContext } from './api-docs/shape-drift';

const docsDir = join(import.meta.dirname, '..', 'docs');
const doc = readFileSync(join(docsDir, 'API.md'), 'utf8');
const rows = docRows(doc);
const documented = new Set(rows.map((row) => row.name));

describe('docs/API.md', () => {
  it('describes every command and event', () => {
    const missing = [...Object.keys(commands), ...Object.keys(events)].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('describes nothing the contract does not have', () => {
    const known = new Set([...Object.keys(commands), ...Object.keys(events)]);
    expect([...documented].filter((name) => !known.has(name))).toEqual([]);
  });

  it('writes the shapes the contract has', () => {
    const schema = apiSchemaDocument();
    const ctx: DriftContext = { defs: schema.$defs, docDefs: docDefinitions(doc) };
    const drift = (cell: string | undefined, part: Record<string, unknown>, where: string) => {
      const shape = cellShape(cell ?? '');
      return shape ? shapeDrift(shape, part, ctx, where) : [];
    };
    const problems = rows.flatMap(({ name, cells }) => {
      const command = schema.commands[name];
      if (command)
        return [
          ...drift(cells[0], command.params, `${name} params`),
          ...drift(cells[1], command.result, `${name} result`),
        ];
      return drift(cells[0], schema.events[name]!, `${name} payload`);
    });
    expect(problems).toEqual([]);
  });

  it('sends readers to docs/api-schema.json for the exact shapes', () => {
    expect(doc.includes('(api-schema.json)'), 'a link to api-schema.json').toBe(true);
  });
});

describe('docs/api-schema.json', () => {
  it('is what `npm run api-docs` makes of the contract (run it after changing app/api/contract.ts)', () => {
    expect(readFileSync(join(docsDir, 'api-schema.json'), 'utf8')).toBe(apiSchemaText());
  });
});
