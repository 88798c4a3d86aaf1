/**
 * docs/api-schema.json, built from the contract: every command's params and
 * result and every event's payload as JSON Schema (draft 2020-12), so a client
 * in any language can check what it sends and receives. Shapes that appear in
 * several places are written once, under $defs, with the names docs/API.md uses.
 */
import * as z from 'zod/mini';
import * as contract from '../../app/api/contract';
import { accountSummary, buddy, conversationLine, otrStatus, settings } from '../../app/api/shapes';

const named: Record<string, z.ZodMiniType> = {
  AccountSummary: accountSummary,
  Buddy: buddy,
  ConversationLine: conversationLine,
  OtrStatus: otrStatus,
  Settings: settings,
};

type JsonSchema = Record<string, unknown>;

export interface ApiSchemaDocument {
  $schema: string;
  title: string;
  description: string;
  commands: Record<string, { params: JsonSchema; result: JsonSchema }>;
  events: Record<string, JsonSchema>;
  $defs: Record<string, JsonSchema>;
}

export function apiSchemaDocument(): ApiSchemaDocument {
  const names = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) names.add(schema, { id });
  const defs: Record<string, JsonSchema> = {};
  // Each conversion carries the $defs it uses; they are gathered once at the top,
  // where their "#/$defs/…" references point.
  const convert = (schema: z.ZodMiniType): JsonSchema => {
    const {
      $schema: _,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, { metadata: names }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    Object.assign(defs, $defs);
    return rest;
  };
  const commands = Object.fromEntries(
    Object.entries(contract.commands).map(([name, c]) => [
      name,
      { params: convert(c.params), result: convert(c.result) },
    ]),
  );
  const events = Object.fromEntries(Object.entries(contract.events).map(([name, payload]) => [name, convert(payload)]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'The Sotto API',
    description:
      'Generated from app/api/contract.ts by `npm run api-docs`: do not edit. docs/API.md explains each command and event.',
    commands,
    events,
    $defs: Object.fromEntries(
      Object.keys(defs)
        .sort()
        .map((id) => [id, defs[id]!]),
    ),
  };
}

/** The file's exact text: the drift test compares it byte for byte. */
export function apiSchemaText(): string {
  return `${JSON.stringify(apiSchemaDocument(), null, 2)}\n`;
}
