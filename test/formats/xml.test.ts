import { describe, expect, it } from "vitest";
import { parseXliff } from "../../src/formats/xliff-read";
import { assertXmlChars, escapeXmlAttr, escapeXmlText } from "../../src/formats/xml-escape";
import { parseXml, type XmlElement } from "../../src/formats/xml-parse";
import { formatError } from "./thrown";

function collect(xml: string, limits = {}) {
  const events: string[] = [];
  parseXml(
    xml,
    {
      open: (el: XmlElement) => events.push(`<${el.local}|${el.uri}>`),
      close: (el: XmlElement) => events.push(`</${el.local}>`),
      text: (t) => events.push(JSON.stringify(t)),
    },
    limits,
  );
  return events;
}

/** Parses `<r a="ATTR">TEXT</r>` built with the escapers and returns what a parser sees. */
function roundTrip(value: string): { text: string; attr: string } {
  let text = "";
  let attr = "";
  parseXml(`<r a="${escapeXmlAttr(value)}" b='${escapeXmlAttr(value)}'>${escapeXmlText(value)}</r>`, {
    open: (el) => {
      attr = el.attributes.a ?? "";
      expect(el.attributes.b).toBe(attr);
    },
    close: () => {},
    text: (t) => {
      text += t;
    },
  });
  return { text, attr };
}

describe("escapeXmlText / escapeXmlAttr", () => {
  it("escapes the XML specials", () => {
    expect(escapeXmlText(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
    expect(escapeXmlAttr(`a & b < c > d "e" 'f'`)).toBe(
      "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;",
    );
  });

  it("keeps CR, LF and TAB through a parse, in text and in attributes", () => {
    const value = "line1\r\nline2\rline3\n\tindented  ";
    expect(escapeXmlText(value)).toContain("&#13;");
    expect(roundTrip(value)).toEqual({ text: value, attr: value });
  });

  it("leaves Arabic, bidi controls and astral characters untouched", () => {
    const value = "\u202bمجلس الأمن\u202c\u200f 😀 𝔸 \u061c\ufeff";
    expect(escapeXmlText(value)).toBe(value);
    expect(roundTrip(value)).toEqual({ text: value, attr: value });
  });

  // Titles carry the code point in hex: a lone surrogate in a test name cannot cross the pool's WebSocket.
  it.each([0x0, 0x1, 0xb, 0x1f, 0xfffe, 0xffff, 0xd800, 0xdc00])(
    "refuses code point %i with its offset",
    (cp) => {
      const ch = String.fromCharCode(cp);
      for (const write of [escapeXmlText, escapeXmlAttr, assertXmlChars]) {
        const err = formatError(() => write(`ab${ch}c`));
        expect(err.code).toBe("xml-invalid-char");
        expect(err.codePoint).toBe(cp);
        expect(err.position).toBe(2);
        expect(err.message).toContain(`U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
        expect(err.message.includes(ch)).toBe(false);
      }
    },
  );

  it("refuses a lone surrogate even next to a valid pair", () => {
    const err = formatError(() => escapeXmlText("😀\ud83d"));
    expect(err.codePoint).toBe(0xd83d);
    expect(err.position).toBe(2);
  });
});

describe("parseXml (secure saxes wrapper)", () => {
  it("reports namespaces and resolves prefixes", () => {
    const events = collect('<a xmlns="urn:x" xmlns:p="urn:p"><p:b/><c xmlns="">t</c></a>');
    expect(events).toEqual(["<a|urn:x>", "<b|urn:p>", "</b>", "<c|>", '"t"', "</c>", "</a>"]);
  });

  it("refuses the billion laughs quickly, at the DOCTYPE", () => {
    let dtd = '<!ENTITY lol "lol">';
    for (let i = 1; i < 10; i++)
      dtd += `<!ENTITY lol${i} "${`&lol${i - 1 === 0 ? "" : i - 1};`.repeat(10)}">`;
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${dtd}]>\n<lolz>&lol9;</lolz>`;
    const t0 = performance.now();
    const err = formatError(() => collect(xml));
    expect(performance.now() - t0).toBeLessThan(100);
    expect(err.code).toBe("xml-doctype");
    expect(err.line).toBe(2);
    expect(err.column).toBe(1);
  });

  it("refuses an external entity (XXE), also after an external identifier", () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    expect(formatError(() => collect(xxe)).code).toBe("xml-doctype");
    const both = '<!DOCTYPE foo SYSTEM "x.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    const err = formatError(() => collect(both));
    expect(err.code).toBe("xml-doctype");
    expect(err.message).toContain("internal DTD subset");
  });

  // What OmegaT, Okapi and the LISA kit write in TMX, TBX (martif) and old XLIFF: the DTD is never read.
  it.each([
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    "<!DOCTYPE tmx SYSTEM 'http://www.lisa.org/tmx/tmx14.dtd' >",
    '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">',
    '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN"\n  "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">',
    '<!DOCTYPE r SYSTEM "odd>name[1].dtd">',
    "<!DOCTYPE r>",
  ])("accepts a DOCTYPE that only names an external DTD: %s", (doctype) => {
    const xml = `<?xml version="1.0"?>\n<!-- c -->\n${doctype}\n<r>t</r>`;
    expect(collect(xml)).toEqual(["<r|>", '"t"', "</r>"]);
  });

  it("an entity the external DTD might declare is still refused (the DTD is never read)", () => {
    const err = formatError(() => collect('<!DOCTYPE r SYSTEM "r.dtd"><r>&nbsp;</r>'));
    expect(err.code).toBe("xml-entity");
  });

  it.each([
    ["<!DOCTYPE r SYSTEM>", "malformed"],
    ['<!DOCTYPE r PUBLIC "only-one">', "malformed"],
    ['<!DOCTYPE r SYSTEM "a" "b">', "malformed"],
    ["<!DOCTYPE r [ ]>", "internal DTD subset"],
  ])("refuses %s", (doctype, message) => {
    const err = formatError(() => collect(`${doctype}<r/>`));
    expect(err.code).toBe("xml-doctype");
    expect(err.message).toContain(message);
  });

  it("refuses a DOCTYPE with an internal subset after comments and PIs", () => {
    const xml = '<?xml version="1.0"?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE a [<!ELEMENT a (#PCDATA)>]><a/>';
    const err = formatError(() => parseXliff(xml));
    expect(err.code).toBe("xml-doctype");
    expect(err.line).toBe(4);
  });

  it("refuses unknown entities with line and column", () => {
    const err = formatError(() => collect("<a>\n  x &nbsp; y</a>"));
    expect(err.code).toBe("xml-entity");
    expect(err.line).toBe(2);
    expect(err.column).toBeGreaterThan(3);
  });

  it("reports mismatched tags with line and column", () => {
    const err = formatError(() => collect("<a>\n<b>text</c>\n</a>"));
    expect(err.code).toBe("xml-malformed");
    expect(err.line).toBe(2);
    expect(err.column).toBe(11); // the ">" of </c>, where the mismatch is known
    expect(err.message).toContain("</c> does not close <b>");
  });

  it("enforces the nesting-depth limit", () => {
    const deep = `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`;
    const err = formatError(() => collect(deep));
    expect(err.code).toBe("xml-too-deep");
    expect(err.line).toBe(1);
    expect(collect(`${"<a>".repeat(10)}${"</a>".repeat(10)}`, { maxDepth: 10 })).toHaveLength(20);
    expect(formatError(() => collect(`${"<a>".repeat(11)}${"</a>".repeat(11)}`, { maxDepth: 10 })).code).toBe(
      "xml-too-deep",
    );
  });

  it("enforces the element-count limit", () => {
    const many = `<r>${"<x/>".repeat(100)}</r>`;
    expect(formatError(() => collect(many, { maxElements: 50 })).code).toBe("xml-too-many-elements");
    expect(collect(many, { maxElements: 101 })).toHaveLength(202);
  });

  it("refuses characters XML 1.0 forbids, also as references, and XML 1.1 documents cannot bring them back", () => {
    expect(formatError(() => collect("<a>\u0001</a>")).code).toBe("xml-malformed");
    expect(formatError(() => collect("<a>&#1;</a>")).code).toBe("xml-entity");
    expect(formatError(() => collect('<?xml version="1.1"?><a>&#1;</a>')).code).toBe("xml-entity");
  });

  it("refuses unbound prefixes and a second root", () => {
    expect(formatError(() => collect("<p:a/>")).code).toBe("xml-malformed");
    expect(formatError(() => collect('<a p:x="1"/>')).message).toContain('"p"');
    expect(formatError(() => collect("<a/><b/>")).code).toBe("xml-malformed");
  });

  it("normalises a literal CR to LF but keeps &#13;", () => {
    expect(collect("<a>x\r\ny\rz&#13;</a>")).toEqual(["<a|>", JSON.stringify("x\ny\nz\r"), "</a>"]);
  });
});
