import { NO_KEY_PREFIX, type PlannedChange } from "../../db/glossary-import";
import { GLOSSARY_TSV_COLUMNS } from "../../formats/seed-tsv";
import { COMBINING_HAMZA_FIRST, COMBINING_HAMZA_LAST, isArabicMark } from "../../text/arabic";
import type { KeyedEntry, Term } from "../../types";
import { EXCHANGE_FORMATS, type GlossaryFile } from "../../usecases/glossary-exchange";
import { TermText } from "../components";
import { Fill } from "../i18n/fill";
import { useT } from "../i18n/i18n";
import { importHelpText, importText } from "./messages";

/** A file row's key as the preview shows it: rows without a usable key get a placeholder, named as such. */
export function FileKey({ k }: { k: string }) {
  const t = useT(importText);
  const row = k.startsWith(NO_KEY_PREFIX) ? Number(k.slice(NO_KEY_PREFIX.length)) : null;
  return row !== null ? <span>{t.noKey(row)}</span> : <code>{k}</code>;
}

export const formatLabel = (f: string) => (f === "omegat" ? "OmegaT" : f.toUpperCase());

/**
 * The entry every template holds: each column filled once (a variant term, a term note), written by the
 * format's own writer, so a template is a file the import reads back as one addition.
 */
const TEMPLATE_ENTRY: KeyedEntry = {
  key: "template-example",
  domain: "diplomacy and protocol",
  definition: "Replace this example with your entries.",
  note: "Usage note for the concept.",
  source: "Where the usage was checked",
  terms: [
    { lang: "ar", text: "مصطلح المثال", status: "preferred", partOfSpeech: "noun", note: null },
    { lang: "en", text: "example term", status: "preferred", partOfSpeech: "noun", note: null },
    {
      lang: "ar",
      text: "مصطلح النموذج",
      status: "deprecated",
      partOfSpeech: "noun",
      note: "why it is deprecated",
    },
  ],
};

export async function templateFile(format: string): Promise<GlossaryFile | null> {
  const f = EXCHANGE_FORMATS[format];
  if (!f) return null;
  return {
    body: await f.write([TEMPLATE_ENTRY], { escapeFormulas: true }),
    mediaType: f.mediaType,
    fileName: `diwan-glossary-template.${f.extension}`,
  };
}

const codes = (names: readonly string[]) =>
  names.map((n, i) => (
    <>
      {i > 0 ? ", " : ""}
      <code>{n}</code>
    </>
  ));

function Layout({ format }: { format: string }) {
  const t = useT(importHelpText);
  if (format === "tbx")
    return (
      <Fill
        text={t.tbxLayout}
        slots={{ tbx3: <code>TBX v3 (TBX-Basic)</code>, tbx2008: <code>TBX 2008</code> }}
      />
    );
  if (format === "omegat") return <Fill text={t.omegatLayout} slots={{ ext: <code>.txt</code> }} />;
  return (
    <>
      {t.tableLayout}{" "}
      <Fill
        text={t.tableBilingual}
        slots={{
          names: codes(["ar", "en", "source", "target", "Arabic", "English"]),
          optional: codes(["note", "definition", "domain"]),
        }}
      />
    </>
  );
}

function Columns({ format }: { format: string }) {
  const t = useT(importHelpText);
  if (format === "tbx")
    return (
      <>
        {codes([
          "conceptEntry",
          "langSec xml:lang",
          "termSec/term",
          "administrativeStatus",
          "partOfSpeech",
          "subjectField",
          "definition",
          "note",
          "source",
        ])}
      </>
    );
  if (format === "omegat") return <>{t.omegatColumns}</>;
  return (
    <>
      {codes(GLOSSARY_TSV_COLUMNS)}.{" "}
      <Fill
        text={t.tableValues}
        slots={{
          lang: <code>lang</code>,
          ar: <code>ar</code>,
          en: <code>en</code>,
          status: <code>status</code>,
          statuses: codes(["preferred", "admitted", "deprecated", "forbidden"]),
        }}
      />
    </>
  );
}

/** Each import format: its layout, its columns (or elements) and a template to download. */
export function ImportFormatsHelp({ formats }: { formats: string[] }) {
  const t = useT(importHelpText);
  return (
    <section aria-labelledby="formats-h" class="import-formats">
      <h2 id="formats-h">{t.formatsTitle}</h2>
      <p>{t.arabicRule}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.format}</th>
            <th scope="col">{t.layout}</th>
            <th scope="col">{t.columns}</th>
            <th scope="col">{t.template}</th>
          </tr>
        </thead>
        <tbody>
          {formats.map((f) => (
            <tr id={`format-${f}`}>
              <th scope="row">{formatLabel(f)}</th>
              <td>
                <Layout format={f} />
              </td>
              <td>
                <Columns format={f} />
              </td>
              <td>
                <a href={`/glossary/import/template?format=${f}`} download>
                  {t.download(formatLabel(f))}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A diacritic (haraka, tanween, shadda, sukun…) in the text; the combining hamza is part of the letter. */
export function hasDiacritics(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isArabicMark(c) && !(c >= COMBINING_HAMZA_FIRST && c <= COMBINING_HAMZA_LAST)) return true;
  }
  return false;
}

export interface DiacriticTerm {
  key: string;
  term: Term;
}

/** Arabic terms with diacritics that the import would write: those of additions, and changed terms. */
export function diacriticTerms(added: KeyedEntry[], changed: PlannedChange[]): DiacriticTerm[] {
  const out: DiacriticTerm[] = [];
  for (const e of added)
    for (const term of e.terms)
      if (term.lang === "ar" && hasDiacritics(term.text)) out.push({ key: e.key, term });
  for (const c of changed) {
    const before = new Set(c.before.terms.map((t) => `${t.lang}\u0000${t.text}`));
    for (const term of c.after.terms)
      if (term.lang === "ar" && hasDiacritics(term.text) && !before.has(`ar\u0000${term.text}`))
        out.push({ key: c.fileKey, term });
  }
  return out;
}

/** The preview's warning: which Arabic terms carry diacritics against the glossary's rule (stored as given). */
export function DiacriticsWarning({ terms }: { terms: DiacriticTerm[] }) {
  const t = useT(importHelpText);
  if (terms.length === 0) return null;
  return (
    <div class="warning" id="diacritics-warning">
      <h2>{t.diacriticsTitle(terms.length)}</h2>
      <p>{t.diacriticsExplain}</p>
      <ul class="plan">
        {terms.map((d) => (
          <li>
            <FileKey k={d.key} /> <TermText term={d.term} />
          </li>
        ))}
      </ul>
    </div>
  );
}
