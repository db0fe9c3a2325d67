// TBX as termbases write it: TBX 2008 / MARTIF (termEntry, langSet, tig/ntig) and TBX v3 (conceptEntry,
// langSec, termSec) in DCA style (termNote type="…") or DCT style (namespaced elements). Independent reader.
import type { Element } from "@xmldom/xmldom";
import { attr, children, descendants, langOf, textOf } from "./content";

export interface TbxTerm {
  text: string;
  /** administrativeStatus, normativeAuthorization or usageStatus, as written. */
  status: string | null;
  partOfSpeech: string | null;
  notes: string[];
}

export interface TbxLanguage {
  lang: string;
  terms: TbxTerm[];
  /** Definitions at language level (and term level). */
  definitions: string[];
  notes: string[];
}

export interface TbxEntry {
  id: string | null;
  subjectFields: string[];
  definitions: string[];
  notes: string[];
  languages: TbxLanguage[];
  /** What breaks TBX's structure in the entry (a term section with more than one term). */
  defects: string[];
}

export interface TbxReading {
  format: "tbx";
  /** `martif` (TBX 2008 and older) or `tbx` (v3). */
  root: string;
  type: string | null;
  style: string | null;
  entries: TbxEntry[];
}

/** A data category: `<x type="name">` (DCA, MARTIF) or an element named `name` in any namespace (DCT). */
function category(el: Element): string | null {
  const n = el.localName ?? "";
  if (n === "termNote" || n === "descrip" || n === "admin" || n === "termCompList") return attr(el, "type");
  if (n === "note") return "note";
  return n;
}

/** Data categories directly under `el`, looking through *Grp wrappers (descripGrp, termNoteGrp, adminGrp). */
function categories(el: Element): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const c of children(el)) {
    const n = c.localName ?? "";
    if (/Grp$/.test(n) && n !== "termGrp") {
      out.push(...categories(c));
      continue;
    }
    const name = category(c);
    if (name) out.push({ name, value: textOf(c) });
  }
  return out;
}

// TBX-Min writes the status as usageStatus (preferred, admitted, notRecommended, obsolete).
const STATUS = new Set(["administrativeStatus", "normativeAuthorization", "usageStatus"]);

function term(termEl: Element, holder: Element): TbxTerm {
  const cats = [...categories(holder), ...categories(termEl)];
  return {
    text: textOf(termEl),
    status: cats.find((c) => STATUS.has(c.name))?.value ?? null,
    partOfSpeech: cats.find((c) => c.name === "partOfSpeech")?.value ?? null,
    notes: cats.filter((c) => c.name === "note").map((c) => c.value),
  };
}

function language(langEl: Element): TbxLanguage {
  const terms: TbxTerm[] = [];
  const definitions: string[] = [];
  for (const c of children(langEl)) {
    const n = c.localName;
    if (n === "tig" || n === "termSec") {
      const t = children(c).find((x) => x.localName === "term");
      if (t) terms.push(term(t, c));
      definitions.push(
        ...categories(c)
          .filter((x) => x.name === "definition")
          .map((x) => x.value),
      );
    } else if (n === "ntig") {
      const grp = children(c).find((x) => x.localName === "termGrp");
      const t = grp && children(grp).find((x) => x.localName === "term");
      if (t && grp) {
        const base = term(t, grp);
        const outer = categories(c);
        terms.push({
          ...base,
          status: base.status ?? outer.find((x) => STATUS.has(x.name))?.value ?? null,
          notes: [...base.notes, ...outer.filter((x) => x.name === "note").map((x) => x.value)],
        });
      }
    }
  }
  const own = categories(langEl);
  return {
    lang: langOf(langEl) ?? "",
    terms,
    definitions: [...own.filter((c) => c.name === "definition").map((c) => c.value), ...definitions],
    notes: own.filter((c) => c.name === "note").map((c) => c.value),
  };
}

export function readTbx(root: Element): TbxReading {
  const entryName = root.localName === "martif" ? "termEntry" : "conceptEntry";
  const langName = root.localName === "martif" ? "langSet" : "langSec";
  const entries = descendants(root, entryName).map((e): TbxEntry => {
    const cats = categories(e);
    return {
      id: attr(e, "id"),
      subjectFields: cats.filter((c) => c.name === "subjectField").map((c) => c.value),
      definitions: cats.filter((c) => c.name === "definition").map((c) => c.value),
      notes: cats.filter((c) => c.name === "note").map((c) => c.value),
      languages: children(e)
        .filter((c) => c.localName === langName)
        .map(language),
      defects: descendants(e, root.localName === "martif" ? "tig" : "termSec")
        .filter((sec) => children(sec).filter((c) => c.localName === "term").length > 1)
        .map(
          (sec) =>
            `a ${sec.localName} with ${children(sec).filter((c) => c.localName === "term").length} terms`,
        ),
    };
  });
  return {
    format: "tbx",
    root: root.localName ?? "",
    type: attr(root, "type"),
    style: attr(root, "style"),
    entries,
  };
}

export function tbxLanguages(reading: TbxReading): string[] {
  const found: string[] = [];
  for (const e of reading.entries)
    for (const l of e.languages) if (!found.includes(l.lang)) found.push(l.lang);
  return found;
}
