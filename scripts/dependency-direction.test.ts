/**
 * Proves that the compiler, with the real per-folder tsconfigs, refuses imports
 * against the dependency direction (design.md): the fixture files exist only in
 * memory, added to each project as if someone had written them there.
 */
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function diagnosticsFor(project: string, fixtureName: string, code: string): string[] {
  const configPath = join(ROOT, project, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const fixturePath = join(ROOT, project, fixtureName);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    resolve(fileName) === fixturePath
      ? ts.createSourceFile(fileName, code, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => resolve(fileName) === fixturePath || fileExists(fileName);
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, fixturePath],
    options: { ...parsed.options, noEmit: true },
    host,
    ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
  });
  return [...program.getSemanticDiagnostics(), ...program.getSyntacticDiagnostics()]
    .filter((d) => d.file && resolve(d.file.fileName) === fixturePath)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('the compiler enforces the dependency direction', () => {
  it('accepts a clean otr/ module (the control case)', () => {
    expect(
      diagnosticsFor(
        'otr',
        'fixture-clean.ts',
        "import { toHex } from './bytes';\nexport const h = toHex(new Uint8Array(1));\n",
      ),
    ).toEqual([]);
  });

  it('refuses Node built-ins in otr/', () => {
    const errors = diagnosticsFor(
      'otr',
      'fixture-node.ts',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    );
    expect(errors.join('\n')).toMatch(/TS2307: Cannot find module 'node:fs'/);
  });

  it('refuses Node globals in otr/', () => {
    const errors = diagnosticsFor('otr', 'fixture-process.ts', 'export const env = process.env;\n');
    expect(errors.join('\n')).toMatch(/Cannot find name 'process'/);
  });

  it('refuses DOM globals in otr/', () => {
    const errors = diagnosticsFor('otr', 'fixture-dom.ts', 'export const d = document.title;\n');
    expect(errors.join('\n')).toMatch(/Cannot find name 'document'/);
  });

  it('refuses an app/ import in otr/', () => {
    const errors = diagnosticsFor(
      'otr',
      'fixture-app.ts',
      "import { UserError } from '../app/core/errors';\nexport const e = UserError;\n",
    );
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('refuses an app/ import in protocols/', () => {
    const errors = diagnosticsFor(
      'protocols',
      'fixture-app.ts',
      "import { UserError } from '../app/core/errors';\nexport const e = UserError;\n",
    );
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('lets the renderer import the API contract but not the core', () => {
    expect(
      diagnosticsFor(
        'renderer',
        'src/fixture-api.ts',
        "import type { CommandName } from '../../app/api/contract';\nexport type C = CommandName;\n",
      ),
    ).toEqual([]);
    const errors = diagnosticsFor(
      'renderer',
      'src/fixture-core.ts',
      "import { UserError } from '../../app/core/errors';\nexport const e = UserError;\n",
    );
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('refuses Node built-ins in the renderer', () => {
    const errors = diagnosticsFor(
      'renderer',
      'src/fixture-node.ts',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    );
    expect(errors.join('\n')).toMatch(/TS2307/);
  });

  it('keeps otr/test-support pure: otr/ only, no Node, no app/, no testkit/', () => {
    expect(
      diagnosticsFor(
        'otr/test-support',
        'fixture-clean.ts',
        "import { toHex } from '../bytes';\nexport const h = toHex(new Uint8Array(1));\n",
      ),
    ).toEqual([]);
    const node = diagnosticsFor(
      'otr/test-support',
      'fixture-node.ts',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    );
    expect(node.join('\n')).toMatch(/TS2307: Cannot find module 'node:fs'/);
    const app = diagnosticsFor(
      'otr/test-support',
      'fixture-app.ts',
      "import { createOpensslModPow } from '../../app/otr-host/openssl-modpow';\nexport const m = createOpensslModPow;\n",
    );
    expect(app.join('\n')).toMatch(/TS6307/);
    const testkit = diagnosticsFor(
      'otr/test-support',
      'fixture-testkit.ts',
      "import { REPO_ROOT } from '../../testkit/repo-root';\nexport const r = REPO_ROOT;\n",
    );
    expect(testkit.join('\n')).toMatch(/TS6307/);
  });

  it('lets testkit/ import otr/, its fixtures, protocols/ and app/', () => {
    const code = [
      "import { createNodeOtrEnv } from '../app/otr-host/node-env';",
      "import { policyForLevel } from '../otr';",
      "import { ALICE_KEY } from '../otr/test-support/fixtures';",
      "import type { ProtocolAdapter } from '../protocols/adapter';",
      'export const all = [createNodeOtrEnv, policyForLevel, ALICE_KEY];',
      'export type A = ProtocolAdapter;',
      '',
    ].join('\n');
    expect(diagnosticsFor('testkit', 'fixture-layers.ts', code)).toEqual([]);
  });

  it.each(['otr', 'protocols', 'app', 'main'])(
    'refuses a testkit/ import in %s/ (only tests, scripts/bench and e2e/ use it)',
    (project) => {
      const errors = diagnosticsFor(
        project,
        'fixture-testkit.ts',
        "import { REPO_ROOT } from '../testkit/repo-root';\nexport const r = REPO_ROOT;\n",
      );
      expect(errors.join('\n')).toMatch(/TS6307/);
    },
  );
});
