/**
 * Where a shape docs/API.md states differs from the generated JSON Schema: a
 * field one has and the other lacks, a field optional in one and required in the
 * other, a list of values that is not the contract's. Each difference is one
 * sentence naming the command or event and the field.
 */
import type { DocField, DocShape } from './md-shapes';

type Json = Record<string, unknown>;

export interface DriftContext {
  /** The JSON Schema document's $defs. */
  defs: Record<string, Json>;
  /** The doc's own `Name = {…}` definitions. */
  docDefs: Map<string, DocShape>;
}

export function shapeDrift(doc: DocShape, schema: Json, ctx: DriftContext, where: string): string[] {
  const s = resolve(schema, ctx);
  switch (doc.kind) {
    case 'named': {
      const def = ctx.docDefs.get(doc.name);
      return def
        ? shapeDrift(def, s, ctx, where)
        : [`${where}: docs/API.md uses ${doc.name} but never writes ${doc.name} = {…}`];
    }
    case 'none':
      return s.type === 'object' && Object.keys(properties(s)).length === 0
        ? []
        : [`${where}: docs/API.md says "—", the contract has ${describe(s)}`];
    case 'array':
      return s.type === 'array'
        ? shapeDrift(doc.item, s.items as Json, ctx, `${where}[]`)
        : [`${where}: docs/API.md says a list, the contract has ${describe(s)}`];
    case 'oneOf': {
      const options = (s.oneOf ?? s.anyOf) as Json[] | undefined;
      if (!options || options.length !== doc.options.length)
        return [`${where}: docs/API.md gives ${doc.options.length} forms, the contract has ${describe(s)}`];
      return doc.options.flatMap((option, i) => shapeDrift(option, options[i]!, ctx, `${where} (form ${i + 1})`));
    }
    case 'object':
      return objectDrift(doc.fields, s, ctx, where);
  }
}

function objectDrift(fields: DocField[], s: Json, ctx: DriftContext, where: string): string[] {
  if (s.type !== 'object') return [`${where}: docs/API.md says an object, the contract has ${describe(s)}`];
  const props = properties(s);
  const required = new Set((s.required as string[] | undefined) ?? []);
  const documented = new Set(fields.map((f) => f.name));
  const missing = Object.keys(props)
    .filter((key) => !documented.has(key))
    .map((key) => `${where}: ${key} is in the contract but not in docs/API.md`);
  return [
    ...missing,
    ...fields.flatMap((field) => {
      const prop = props[field.name];
      if (!prop) return [`${where}: ${field.name} is in docs/API.md but not in the contract`];
      return fieldDrift(field, resolve(prop, ctx), required.has(field.name), ctx, `${where}.${field.name}`);
    }),
  ];
}

function fieldDrift(field: DocField, prop: Json, required: boolean, ctx: DriftContext, where: string): string[] {
  const problems: string[] = [];
  if (field.optional === required)
    problems.push(
      `${where}: docs/API.md says ${field.optional ? 'optional' : 'required'}, the contract says ${required ? 'required' : 'optional'}`,
    );
  if (field.list && prop.type !== 'array')
    problems.push(`${where}: docs/API.md says a list, the contract has ${describe(prop)}`);
  if (field.type && prop.type !== field.type)
    problems.push(`${where}: docs/API.md says ${field.type}, the contract has ${describe(prop)}`);
  if (field.shape) problems.push(...shapeDrift(field.shape, prop, ctx, where));
  if (field.literals) {
    const values = literalValues(prop, ctx);
    // One value says what this command answers; a list of values must be the whole list.
    const fits =
      field.literals.every((v) => values.includes(v)) &&
      (field.literals.length === 1 || field.literals.length === values.length);
    if (!fits)
      problems.push(
        `${where}: docs/API.md lists ${field.literals.join('|')}, the contract ${values.join('|') || 'no fixed values'}`,
      );
  }
  return problems;
}

function literalValues(s: Json, ctx: DriftContext): string[] {
  if (Array.isArray(s.enum)) return s.enum.map(String);
  if ('const' in s) return [String(s.const)];
  const options = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  return options ? options.flatMap((o) => literalValues(resolve(o, ctx), ctx)) : [];
}

function resolve(s: Json, ctx: DriftContext): Json {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const def = ctx.defs[ref.replace('#/$defs/', '')];
  if (!def) throw new Error(`api-schema.json: ${ref} is not in $defs`);
  return def;
}

const properties = (s: Json) => (s.properties ?? {}) as Record<string, Json>;

function describe(s: Json): string {
  if (s.type === 'object') return `{${Object.keys(properties(s)).join(', ')}}`;
  if (typeof s.type === 'string') return `a ${s.type}`;
  return s.oneOf || s.anyOf ? `${((s.oneOf ?? s.anyOf) as Json[]).length} forms` : 'another shape';
}
