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
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
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
    projectReferences: parsed.projectReferences,
  });
  return [...program.getSemanticDiagnostics(), ...program.getSyntacticDiagnostics()]
    .filter((d) => d.file && resolve(d.file.fileName) === fixturePath)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('the compiler enforces the dependency direction', () => {
  it('accepts a clean otr/ module (the control case)', () => {
    expect(diagnosticsFor('otr', 'fixture-clean.ts', "import { toHex } from './bytes';\nexport const h = toHex(new Uint8Array(1));\n")).toEqual([]);
  });

  it('refuses Node built-ins in otr/', () => {
    const errors = diagnosticsFor('otr', 'fixture-node.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
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
    const errors = diagnosticsFor('otr', 'fixture-app.ts', "import { UserError } from '../app/core/errors';\nexport const e = UserError;\n");
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('refuses an app/ import in protocols/', () => {
    const errors = diagnosticsFor('protocols', 'fixture-app.ts', "import { UserError } from '../app/core/errors';\nexport const e = UserError;\n");
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('lets the renderer import the API contract but not the core', () => {
    expect(diagnosticsFor('renderer', 'src/fixture-api.ts', "import type { CommandName } from '../../app/api/contract';\nexport type C = CommandName;\n")).toEqual([]);
    const errors = diagnosticsFor('renderer', 'src/fixture-core.ts', "import { UserError } from '../../app/core/errors';\nexport const e = UserError;\n");
    expect(errors.join('\n')).toMatch(/TS6307/);
  });

  it('refuses Node built-ins in the renderer', () => {
    const errors = diagnosticsFor('renderer', 'src/fixture-node.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
    expect(errors.join('\n')).toMatch(/TS2307/);
  });
});
