/**
 * Inputs of the bead operations, status changes and undo (src/routes/document-beads.ts), one schema each;
 * the OpenAPI document is generated from them.
 */
import { z } from "@hono/zod-openapi";
import { LANGS, SEGMENT_STATUSES } from "../types";

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const SplitPointSchema = z
  .union([
    z.object({ sentence: z.number().int().min(0).max(10_000) }).strict(),
    z.object({ offset: z.number().int().min(0).max(1_000_000) }).strict(),
  ])
  .openapi("SplitPoint", {
    description:
      "Where to split one language: before its n-th sentence (0-based, as the segmenter finds them; the " +
      "count means the end), or at a UTF-16 offset (whitespace at the offset goes between the parts)",
  });

export const SplitRequest = z
  .object({ ar: SplitPointSchema.optional(), en: SplitPointSchema.optional() })
  .strict()
  .refine((b) => b.ar !== undefined || b.en !== undefined, "give a split point for ar, en or both")
  .openapi("SplitRequest", {
    description: "A language without a split point stays whole in the first segment",
  });

export const MoveRequest = z
  .object({
    lang: z.enum(LANGS),
    sentence: z.enum(["first", "last"]).openapi({
      description: "`first` moves to the end of the previous segment, `last` to the start of the next",
    }),
  })
  .strict()
  .openapi("MoveSentenceRequest");

export const RunRequest = z
  .object({
    from: id.openapi({ description: "Id of the first segment of the run" }),
    to: id.openapi({ description: "Id of the last segment of the run (inclusive; may equal from)" }),
  })
  .strict()
  .openapi("RunRequest");

export const StatusRequest = z
  .object({
    from: id,
    to: id,
    status: z.enum(SEGMENT_STATUSES),
  })
  .strict()
  .openapi("SetStatusRequest");
