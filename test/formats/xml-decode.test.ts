import { describe, expect, it } from "vitest";
import { parseTmx } from "../../src/formats/tmx";
import { createXmlDecoder, decodeXml, invalidUtf8Offset } from "../../src/formats/xml-decode";
import { rng } from "../support/random";
import { formatError } from "./thrown";

const TEXT = '<?xml version="1.0" encoding="ENC"?>\n<r a="قيمة">مجلس الأمن 😀 𝔸 \u200f،</r>\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? "\ufeff" : "") + text;
  const out = new Uint8Array(units.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}
const utf8 = (text: string, bom = false) => new TextEncoder().encode((bom ? "\ufeff" : "") + text);

/** Decodes `bytes` in two pieces split at `at`. */
function split(bytes: Uint8Array, at: number): string {
  const d = createXmlDecoder();
  return d.write(bytes.slice(0, at)) + d.write(bytes.slice(at)) + d.end();
}

describe("decodeXml: BOM, first bytes and declaration decide", () => {
  const cases: [string, Uint8Array, string][] = [
    ["UTF-8", utf8(TEXT.replace("ENC", "UTF-8")), "utf-8"],
    ["UTF-8 with BOM", utf8(TEXT.replace("ENC", "utf-8"), true), "utf-8"],
    ["UTF-16LE with BOM", utf16(TEXT.replace("ENC", "UTF-16"), true, true), "utf-16le"],
    ["UTF-16BE with BOM", utf16(TEXT.replace("ENC", "UTF-16"), false, true), "utf-16be"],
    ["UTF-16LE without BOM", utf16(TEXT.replace("ENC", "UTF-16LE"), true, false), "utf-16le"],
    ["UTF-16BE without BOM", utf16(TEXT.replace("ENC", "UTF-16BE"), false, false), "utf-16be"],
    // .NET writes encoding="utf-16" when it saves a string as UTF-8: the bytes decide, as in libxml2.
    ["UTF-8 bytes declared utf-16", utf8(TEXT.replace("ENC", "utf-16")), "utf-8"],
    ["US-ASCII declared", utf8(TEXT.replace("ENC", "US-ASCII").replace(/[^\0-\x7f]/g, "a")), "utf-8"],
  ];
  it.each(cases)("%s: the same text, whatever the pieces", (_, bytes, encoding) => {
    const d = createXmlDecoder();
    const whole = d.write(bytes) + d.end();
    expect(d.encoding).toBe(encoding);
    expect(whole.charCodeAt(0)).not.toBe(0xfeff);
    expect(whole).toContain('<r a="');
    if (!_.startsWith("US-ASCII")) expect(whole).toContain("مجلس الأمن 😀 𝔸 \u200f،");
    for (let at = 0; at <= bytes.length; at++) expect(split(bytes, at), `split at ${at}`).toBe(whole);
    // One byte at a time.
    const one = createXmlDecoder();
    let out = "";
    for (const b of bytes) out += one.write(Uint8Array.of(b));
    expect(out + one.end()).toBe(whole);
  });

  it("a UTF-16 TMX (as Trados writes it) reads like its UTF-8 copy", () => {
    const tmx =
      '<?xml version="1.0" encoding="utf-16"?>\r\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\r\n<tmx version="1.4"><header creationtool="SDL" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" srclang="ar-SA" datatype="xml"/><body>' +
      '<tu><tuv xml:lang="ar-SA"><seg>مرحبا</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv></tu></body></tmx>';
    const parsed = parseTmx(decodeXml(utf16(tmx, true, true)));
    expect(parsed.pairs.map((p) => [p.ar, p.en])).toEqual([["مرحبا", "Hello"]]);
  });
});

describe("decodeXml: declared single-byte legacy encodings, strictly", () => {
  // Bytes written by hand from the code pages (not by an encoder under test): "مجلس" in windows-1256 and in
  // ISO-8859-6, "Çağrı" in windows-1254, "€ café" in windows-1252.
  const declared = (name: string, body: number[]) =>
    Uint8Array.from([...utf8(`<?xml version="1.0" encoding="${name}"?><r>`), ...body, ...utf8("</r>")]);
  const cases: [string, number[], string][] = [
    ["windows-1256", [0xe3, 0xcc, 0xe1, 0xd3], "مجلس"],
    ["ISO-8859-6", [0xe5, 0xcc, 0xe4, 0xd3], "مجلس"],
    ["windows-1254", [0xc7, 0x61, 0xf0, 0x72, 0xfd], "Çağrı"],
    ["windows-1252", [0x80, 0x20, 0x63, 0x61, 0x66, 0xe9], "€ café"],
    ["cp1252", [0x80], "€"],
    ["ISO-8859-1", [0x63, 0x61, 0x66, 0xe9], "café"],
  ];
  it.each(cases)("%s is read, in any pieces", (name, body, text) => {
    const bytes = declared(name, body);
    const whole = decodeXml(bytes);
    expect(whole.endsWith(`<r>${text}</r>`)).toBe(true);
    for (let at = 0; at <= bytes.length; at++) expect(split(bytes, at), `split at ${at}`).toBe(whole);
    const d = createXmlDecoder();
    d.write(bytes);
    expect(d.encoding).toMatch(/^single-byte:(windows|iso)-/);
  });

  it.each([
    ["windows-1252", 0x81, "undefined in this encoding"],
    ["windows-1254", 0x9d, "undefined in this encoding"],
    ["ISO-8859-6", 0xfe, "not a character in this encoding"],
    ["ISO-8859-1", 0x80, "a C1 control in ISO-8859"],
    ["ISO-8859-6", 0x85, "undefined in this encoding, or a C1 control"],
  ])("%s: byte 0x%s is refused with its offset, never replaced", (name, byte, why) => {
    const bytes = declared(name, [0x61, byte]);
    const err = formatError(() => split(bytes, bytes.length - 6));
    expect(err.code).toBe("invalid-encoding");
    const offset = bytes.indexOf(byte, 30);
    expect(err.message).toContain(`byte 0x${byte.toString(16).toUpperCase()} at offset ${offset}`);
    expect(err.message).toContain(why);
    expect(err.message).toContain(name);
  });

  it("a byte order mark says UTF-8: a legacy declaration after it is not believed", () => {
    const err = formatError(() => decodeXml(utf8(TEXT.replace("ENC", "windows-1256"), true)));
    expect(err.code).toBe("unsupported-encoding");
  });
});

describe("decodeXml refuses what it cannot read, naming it", () => {
  it.each(["Shift_JIS", "GB18030", "x-mac-arabic", "UTF-7"])("encoding=%s", (name) => {
    const err = formatError(() => decodeXml(utf8(TEXT.replace("ENC", name).replace(/[^\0-\x7f]/g, "a"))));
    expect(err.code).toBe("unsupported-encoding");
    expect(err.message).toContain(`encoding="${name}"`);
  });

  it("UTF-32 and EBCDIC by their first bytes", () => {
    const utf32 = formatError(() => decodeXml(Uint8Array.of(0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0)));
    expect([utf32.code, utf32.message.includes("UTF-32")]).toEqual(["unsupported-encoding", true]);
    const ebcdic = formatError(() => decodeXml(Uint8Array.of(0x4c, 0x6f, 0xa7, 0x94, 0x93)));
    expect(ebcdic.message).toContain("EBCDIC");
  });

  it("invalid UTF-8, with the offset of the first bad byte, also split across pieces", () => {
    const bytes = utf8("<r>مجلس</r>");
    const bad = new Uint8Array([...bytes.slice(0, 5), 0xc3, 0x28, ...bytes.slice(5)]);
    const err = formatError(() => decodeXml(bad));
    expect(err.code).toBe("invalid-encoding");
    expect(err.message).toContain("byte 0xC3 at offset 5");
    for (let at = 0; at <= bad.length; at++)
      expect(formatError(() => split(bad, at)).code).toBe("invalid-encoding");
    // A character cut off at the end of the file.
    expect(formatError(() => decodeXml(bytes.slice(0, 4))).code).toBe("invalid-encoding");
  });

  it("invalid UTF-16: an unpaired surrogate, an odd number of bytes (LE and BE)", () => {
    for (const le of [true, false]) {
      const lone = utf16("<r>\ud800x</r>", le, true);
      expect(formatError(() => decodeXml(lone)).code).toBe("invalid-encoding");
      const odd = utf16("<r>x</r>", le, true).slice(0, -1);
      expect(formatError(() => decodeXml(odd)).code).toBe("invalid-encoding");
    }
  });

  it("invalidUtf8Offset agrees with a fatal TextDecoder on random bytes", () => {
    const r = rng(8);
    const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const interesting = [
      0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
    ];
    for (let n = 0; n < 20_000; n++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
        r() < 0.7 ? interesting[Math.floor(r() * interesting.length)]! : Math.floor(r() * 256),
      );
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      expect(invalidUtf8Offset(bytes) === -1, Array.from(bytes).join(",")).toBe(valid);
    }
  });
});
