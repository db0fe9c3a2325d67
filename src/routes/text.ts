import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { glossaryIndex } from "../db/matcher";
import { memoryLexicon } from "../db/memory-lexicon";
import { alignSentences, alignTexts } from "../text/align";
import { checkSegmentPair } from "../text/qa";
import { segmentSentences } from "../text/segment";
import { recognizeTerms } from "../text/terms";
import { approvedTerms, LANGS, TERM_STATUSES } from "../types";
import { apiRoute, json, jsonBody, multiline } from "./common";

const text = (max: number) => multiline(max);
const sentenceList = z.array(multiline(20_000)).max(20_000);

export const SentenceSchema = z
  .object({ text: z.string(), start: z.number().int(), end: z.number().int() })
  .openapi("Sentence");

export const BeadSchema = z
  .object({
    ar: z.array(z.number().int()),
    en: z.array(z.number().int()),
    score: z.number().openapi({ description: "Confidence in [0, 1] (posterior probability of the bead)" }),
  })
  .openapi("Bead");

const TermMatchSchema = z
  .object({
    start: z.number().int().openapi({ description: "UTF-16 offset into the given text" }),
    end: z.number().int(),
    surface: z.string(),
    entryId: z.number().int(),
    termText: z.string(),
    status: z.enum(TERM_STATUSES),
    nestedIn: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Entry id of the enclosing match, or null" }),
    translations: z.array(z.object({ text: z.string(), status: z.enum(TERM_STATUSES) })),
  })
  .openapi("TermMatch");

export const QaIssueSchema = z
  .object({
    type: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    message: z.string(),
    lang: z.enum(LANGS).optional(),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
    entryId: z.number().int().optional(),
  })
  .openapi("QaIssue");

const tags = ["Text"];

export const textRouter = createRouter()
  .openapi(
    apiRoute({
      method: "post",
      path: "/segment",
      scope: "read",
      session: "primary",
      tags,
      summary: "Split a text into sentences (offsets in UTF-16 code units)",
      request: {
        body: jsonBody(z.object({ text: text(1_000_000), lang: z.enum(LANGS) }), {
          lang: "ar",
          text: "قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف: هل نحن مستعدون؟",
        }),
      },
      responses: { 200: json(z.object({ sentences: z.array(SentenceSchema) }), "Sentences") },
    }),
    (c) => {
      const { text, lang } = c.req.valid("json");
      return c.json({ sentences: segmentSentences(text, lang) }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/align",
      scope: "read",
      session: "primary",
      tags,
      summary: "Align Arabic and English sentences (texts are segmented first; arrays are used as given)",
      request: {
        body: jsonBody(
          z.object({
            ar: z.union([text(1_000_000), sentenceList]),
            en: z.union([text(1_000_000), sentenceList]),
          }),
          {
            ar: "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء الوضع في المنطقة.",
            en: ["The council met on 11 September.", "Members discussed the situation in the region."],
          },
        ),
      },
      responses: {
        200: json(
          z.object({
            arSentences: z.array(z.string()),
            enSentences: z.array(z.string()),
            beads: z.array(BeadSchema),
          }),
          "Beads in document order covering every sentence exactly once",
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      // The glossary and the word pairs learned from the memory's approved segments anchor the alignment.
      const [{ matcher }, { lexicon }] = await Promise.all([
        glossaryIndex(c.var.db),
        memoryLexicon(c.var.db),
      ]);
      if (typeof body.ar === "string" && typeof body.en === "string") {
        // Two texts: their paragraph breaks anchor the alignment too.
        const aligned = alignTexts(body.ar, body.en, { matcher, lexicon });
        const texts = (list: { text: string }[]) => list.map((s) => s.text);
        return c.json(
          { arSentences: texts(aligned.ar), enSentences: texts(aligned.en), beads: aligned.beads },
          200,
        );
      }
      const split = (v: string | string[], lang: "ar" | "en") =>
        typeof v === "string" ? segmentSentences(v, lang).map((s) => s.text) : v;
      const arSentences = split(body.ar, "ar");
      const enSentences = split(body.en, "en");
      return c.json(
        { arSentences, enSentences, beads: alignSentences(arSentences, enSentences, { matcher, lexicon }) },
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/glossary/recognize",
      scope: "read",
      session: "primary",
      tags: ["Glossary"],
      summary: "Find glossary terms in a text (clitics, hamza forms, diacritics, plurals handled)",
      request: {
        body: jsonBody(z.object({ text: text(200_000), lang: z.enum(LANGS) }), {
          lang: "ar",
          text: "اجتماع كبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس والتعددية",
        }),
      },
      responses: {
        200: json(z.object({ matches: z.array(TermMatchSchema) }), "Matches in text order"),
      },
    }),
    async (c) => {
      const { text, lang } = c.req.valid("json");
      const { matcher, entries } = await glossaryIndex(c.var.db);
      const other = lang === "ar" ? "en" : "ar";
      const matches = recognizeTerms(matcher, text, lang).map((m) => ({
        start: m.start,
        end: m.end,
        surface: m.surface,
        entryId: m.entryId,
        termText: m.termText,
        status: m.status,
        nestedIn: m.nestedIn,
        translations: approvedTerms(entries.get(m.entryId)?.terms ?? [], other).map((t) => ({
          text: t.text,
          status: t.status,
        })),
      }));
      return c.json({ matches }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/qa",
      scope: "read",
      session: "primary",
      tags,
      summary: "Quality checks of a segment pair (terms, numbers, empty/untranslated target, brackets)",
      request: {
        body: jsonBody(z.object({ ar: text(50_000), en: text(50_000).nullable() }), {
          ar: "أعلن وقف إطلاق النار في 12 مدينة.",
          en: "A truce was declared in 13 cities.",
        }),
      },
      responses: { 200: json(z.object({ issues: z.array(QaIssueSchema) }), "Issues found") },
    }),
    async (c) => {
      const { ar, en } = c.req.valid("json");
      const { matcher, entries } = await glossaryIndex(c.var.db);
      return c.json({ issues: checkSegmentPair(ar, en, { matcher, entries }) }, 200);
    },
  );
