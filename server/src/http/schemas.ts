/** Shared zod schemas (they validate requests and generate the OpenAPI document). */
import { z } from '@hono/zod-openapi';

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const Digits = (min: number, max: number): z.ZodString =>
  z.string().regex(new RegExp(`^[0-9]{${min},${max}}$`), `${min}–${max} digits`);

export const Hex = (bytesMin: number, bytesMax: number): z.ZodString =>
  z.string().regex(new RegExp(`^([0-9A-Fa-f]{2}){${bytesMin},${bytesMax}}$`), `${bytesMin}–${bytesMax} bytes of hex`);

export const Amount = z.number().int().min(0).max(999_999_999_999).openapi({ description: 'minor units' });
