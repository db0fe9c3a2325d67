import { describe, expect, it } from "vitest";
import { createTmxReader, parseTmx } from "../../src/formats/tmx";
import { createXmlParser, parseXml, type XmlHandlers } from "../../src/formats/xml-parse";
import { marked } from "./marked";
import { formatError } from "./thrown";

function recorder(events: string[]): XmlHandlers {
  return {
    open: (el, depth) => events.push(`<${el.name}|${el.uri}|${depth}|${JSON.stringify(el.attributes)}>`),
    close: (el, depth) => events.push(`</${el.name}|${depth}>`),
    text: (t) => events.push(JSON.stringify(t)),
  };
}

function whole(xml: string, limits = {}): string[] {
  const events: string[] = [];
  parseXml(xml, recorder(events), limits);
  return events;
}

/** Feeds `pieces` to an incremental parser; returns its events. */
function pieces(parts: string[], limits = {}): string[] {
  const events: string[] = [];
  const parser = createXmlParser(recorder(events), limits);
  for (const p of parts) parser.write(p);
  parser.close();
  return events;
}

const splitAt = (s: string, ...at: number[]) =>
  [0, ...at, s.length].slice(1).map((end, k) => s.slice([0, ...at][k], end));

const DOC =
  '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- سجل -->\n<?pi data?>\n' +
  '<r xmlns="urn:r" xmlns:p="urn:p" p:a="قيمة &amp; &#x1F600;">\r\n' +
  "  <p:s>مجلس الأمن &lt;الدولي&gt; 😀 𝔸</p:s><![CDATA[<كما هو> & ]]>\r" +
  '<e a="x\ty"/>text&#13;end</r>\n<!-- بعد -->\n';

describe("createXmlParser (incremental)", () => {
  it("sees the same events whatever the pieces: every two-piece split and one character at a time", () => {
    const expected = whole(DOC);
    expect(expected).toContain('"مجلس الأمن <الدولي> 😀 𝔸"');
    for (let at = 1; at < DOC.length; at++)
      expect(pieces(splitAt(DOC, at)), `split at ${at}`).toEqual(expected);
    // One UTF-16 unit at a time splits every surrogate pair, CRLF, reference and tag.
    expect(pieces([...DOC].flatMap((ch) => ch.split("")))).toEqual(expected);
  });

  it("reports the same line and column as the one-string parser, wherever the pieces end", () => {
    const broken = "<a>\n<b>نص</c>\n</a>";
    const one = formatError(() => whole(broken));
    expect(one.message).toContain("</c> does not close <b>");
    for (let at = 1; at < broken.length; at++) {
      const err = formatError(() => pieces(splitAt(broken, at)));
      expect([err.code, err.line, err.column, err.message]).toEqual([
        one.code,
        one.line,
        one.column,
        one.message,
      ]);
    }
    const entity = "<a>\n  x &nbsp; y</a>";
    const e1 = formatError(() => whole(entity));
    const e2 = formatError(() => pieces(splitAt(entity, 8, 10)));
    expect([e2.code, e2.line, e2.column]).toEqual([e1.code, e1.line, e1.column]);
    expect(e2.code).toBe("xml-entity");
  });

  it("refuses a DOCTYPE split across pieces, after comments and PIs, before saxes reads its subset", () => {
    const xml = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>';
    const at = xml.indexOf("<!DOCTYPE");
    for (const cut of [at + 1, at + 2, at + 5, xml.indexOf("-->") - 1, 3]) {
      const err = formatError(() => pieces(splitAt(xml, cut)));
      expect(err.code).toBe("xml-doctype");
      expect([err.line, err.column]).toEqual([3, 1]);
    }
    // The subset never reaches the parser: its unclosed end does not matter.
    const parser = createXmlParser(recorder([]));
    expect(formatError(() => parser.write('<!DOCTYPE a [<!ENTITY x "')).code).toBe("xml-doctype");
  });

  it("accepts an external-only DOCTYPE split anywhere, refuses an internal subset split anywhere", () => {
    const ok = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE tmx SYSTEM "tmx14.dtd" >\n<tmx>t</tmx>';
    const expected = whole(ok);
    for (let cut = 1; cut < ok.length; cut++)
      expect(pieces(splitAt(ok, cut)), `cut ${cut}`).toEqual(expected);
    const bad = '<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY x "y">]><tmx>&x;</tmx>';
    for (let cut = 1; cut < bad.length; cut++) {
      const err = formatError(() => pieces(splitAt(bad, cut)));
      expect([err.code, err.line, err.column]).toEqual(["xml-doctype", 1, 1]);
    }
  });

  it("keeps the depth and element limits across pieces", () => {
    const deep = `${"<a>".repeat(11)}${"</a>".repeat(11)}`;
    expect(formatError(() => pieces(splitAt(deep, 7, 20), { maxDepth: 10 })).code).toBe("xml-too-deep");
    const many = `<r>${"<x/>".repeat(100)}</r>`;
    expect(formatError(() => pieces(splitAt(many, 50, 200), { maxElements: 50 })).code).toBe(
      "xml-too-many-elements",
    );
  });

  it("with maxRunChars, refuses a run without markup longer than that (saxes would buffer it)", () => {
    const limits = { maxRunChars: 1000 };
    const ok = `<a>${"ن".repeat(999)}</a>`;
    expect(pieces(splitAt(ok, 300, 700), limits)).toHaveLength(3);
    const text = formatError(() => pieces(["<a>", "ن".repeat(600), "ن".repeat(600), "</a>"], limits));
    expect(text.code).toBe("xml-too-long");
    const comment = formatError(() => pieces(["<a><!--", "x".repeat(1200), "--></a>"], limits));
    expect(comment.code).toBe("xml-too-long");
    const tag = formatError(() => pieces(["<a>", `<b c="${"x".repeat(1200)}`, '"/></a>'], limits));
    expect(tag.code).toBe("xml-too-long");
    // Many short runs are fine however long the document.
    const parts = ["<a>"];
    for (let k = 0; k < 100; k++) parts.push(`<!-- ${"x".repeat(500)} -->`, `<b>${"y".repeat(500)}</b>`);
    expect(pieces([...parts, "</a>"], limits)).toHaveLength(302);
  });

  it("stays failed after an error, and refuses an unfinished document at close", () => {
    const parser = createXmlParser(recorder([]));
    const first = formatError(() => parser.write("<a><b></a>"));
    expect(formatError(() => parser.write("</b>"))).toBe(first);
    const unfinished = createXmlParser(recorder([]));
    unfinished.write("<a><b>");
    expect(formatError(() => unfinished.close()).code).toBe("xml-malformed");
    expect(formatError(() => pieces(["  ", "\n"])).code).toBe("xml-malformed");
  });
});

describe("createTmxReader (incremental)", () => {
  const tmx =
    '<?xml version="1.0"?><tmx version="1.4"><header srclang="ar"/><body>' +
    '<tu tuid="1"><prop type="x-a">p</prop><tuv xml:lang="ar-SA"><seg>مجلس <hi>الأمن</hi><ph>{1}</ph></seg></tuv>' +
    '<tuv xml:lang="en"><seg>Security Council</seg></tuv></tu>' +
    '<tu><tuv xml:lang="ar"><seg>وحده</seg></tuv></tu>' +
    '<tu tuid="3"><tuv lang="AR"><seg>نص</seg></tuv><tuv xml:lang="en-GB"><seg>text</seg></tuv></tu></body></tmx>';

  it("reads the same pairs in pieces as in one string, and hands them over in batches", () => {
    const expected = parseTmx(tmx);
    expect(expected.pairs.map((p) => [p.tuid, marked({ text: p.ar, codes: p.arCodes }), p.en])).toEqual([
      ["1", "مجلس [auto1الأمنauto1]{auto2/}", "Security Council"],
      ["3", "نص", "text"],
    ]);
    for (let at = 1; at < tmx.length; at += 7) {
      const reader = createTmxReader();
      const taken = [];
      for (const part of splitAt(tmx, at, Math.min(tmx.length, at + 40))) {
        reader.write(part);
        taken.push(...reader.take());
      }
      reader.close();
      taken.push(...reader.take());
      expect(taken).toEqual(expected.pairs);
      expect([reader.version, reader.srcLang, reader.skipped]).toEqual(["1.4", "ar", 1]);
    }
  });

  it("counts pending pairs and their text; refuses a segment over maxSegmentChars with its position", () => {
    const reader = createTmxReader();
    reader.write(tmx.slice(0, tmx.indexOf("<tu><tuv")));
    expect([reader.pendingPairs, reader.pendingChars]).toEqual([
      1,
      "مجلس الأمن".length + "Security Council".length,
    ]);
    expect(reader.take()).toHaveLength(1);
    expect([reader.pendingPairs, reader.pendingChars]).toEqual([0, 0]);
    const long = createTmxReader({ maxSegmentChars: 10 });
    const err = formatError(() =>
      long.write('<tmx version="1.4"><body><tu><tuv xml:lang="ar"><seg>\nمجلس <hi>الأمن الدولي</hi></seg>'),
    );
    expect(err.code).toBe("invalid-content");
    expect(err.line).toBe(2);
  });
});
