/**
 * An example value for a JSON schema of the OpenAPI document: a schema's own `example` wins, then
 * `default`, the first enum value or const, then a value of the type (strings honour a few formats and
 * simple digit/hex patterns so the example would pass validation). Used where a route gives none.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

function stringFor(s: JsonSchema): string {
  if (s.format === 'uri') return 'https://issuer.example/arkpay/webhook';
  const p = s.pattern ?? '';
  const digits = /^\^\[0-9\]\{(\d+),?(\d*)\}\$$/.exec(p);
  if (digits !== null) return '4'.padEnd(Number(digits[1]), '0');
  const hex = /^\^\(\[0-9A-Fa-f\]\{2\}\)\{(\d+),?(\d*)\}\$$/.exec(p);
  if (hex !== null) return '00'.repeat(Number(hex[1]));
  return 'string'.padEnd(s.minLength ?? 0, 'x');
}

export function exampleOf(s: JsonSchema, refs: Record<string, JsonSchema>, depth = 0): unknown {
  if (depth > 8) return null;
  if (s.example !== undefined) return s.example;
  if (s.examples !== undefined && s.examples.length > 0) return s.examples[0];
  if (s.$ref !== undefined) {
    const target = refs[s.$ref.replace('#/components/schemas/', '')];
    return target === undefined ? null : exampleOf(target, refs, depth + 1);
  }
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum !== undefined && s.enum.length > 0) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt !== undefined && alt.length > 0)
    return exampleOf(alt.find((a) => a.type !== 'null') ?? alt[0] ?? {}, refs, depth + 1);
  if (s.allOf !== undefined) return Object.assign({}, ...s.allOf.map((a) => exampleOf(a, refs, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = exampleOf(v, refs, depth + 1);
      return o;
    }
    case 'array':
      return s.items === undefined ? [] : [exampleOf(s.items, refs, depth + 1)];
    case 'string':
      return stringFor(s);
    case 'integer':
    case 'number':
      return s.minimum !== undefined && s.minimum > 0 ? s.minimum : 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}
