/**
 * The inline code of a segment's text as the API shows and takes it (src/types.ts `InlineCode`, the model
 * of docs/formats.md "Inline codes"): data beside the plain text, anchored at UTF-16 offsets of it.
 */
import { z } from "zod";

const short = (max: number) => z.string().max(max);

export const InlineCodeSchema = z
  .object({
    kind: z.enum(["open", "close", "standalone"]),
    id: short(200)
      .min(1)
      .meta({ description: "An open and its close share it; a target code has its source code's id" }),
    at: z.number().int().min(0).meta({ description: "UTF-16 offset in the text before which the code sits" }),
    isolated: z.literal(true).optional().meta({ description: "Its partner is outside the unit" }),
    data: short(20_000).optional().meta({ description: "The original (native) code" }),
    equiv: short(2_000).optional().meta({ description: "Plain-text equivalent" }),
    disp: short(2_000).optional().meta({ description: "What a tool displays for it" }),
    type: short(200).optional(),
    subType: short(200).optional(),
    ctype: short(200).optional().meta({ description: "XLIFF 1.2 ctype / TMX type, as written" }),
    marker: z
      .object({
        type: short(200),
        value: short(2_000).optional(),
        ref: short(2_000).optional(),
        translate: z.boolean().optional(),
      })
      .optional()
      .meta({ description: "Not a code of the document: a term, a comment, protected text" }),
    cp: z
      .number()
      .int()
      .min(0)
      .max(0x10ffff)
      .optional()
      .meta({ description: "A character XML 1.0 cannot carry" }),
  })
  .meta({ id: "InlineCode" });
