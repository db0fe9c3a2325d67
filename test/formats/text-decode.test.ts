import { describe, expect, it } from "vitest";
import { decodeTextFile, textFileEncoding } from "../../src/formats/text-decode";
import { decodeXml, xmlTextToUtf8 } from "../../src/formats/xml-decode";
import { formatError } from "./thrown";

// Bytes written by hand from the code pages (not by an encoder under test): a CSV line as Excel's plain
// "CSV" writes it on Arabic Windows (windows-1256) — "مجلس,council" — and the same word in ISO-8859-6.
const WIN1256_CSV = [0xe3, 0xcc, 0xe1, 0xd3, 0x2c, 0x63, 0x6f, 0x75, 0x6e, 0x63, 0x69, 0x6c, 0x0d, 0x0a];
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeTextFile: UTF-8 / UTF-16 by BOM, or the encoding the sender declared", () => {
  it("reads windows-1256 and ISO-8859-6 when declared, by any of their labels", () => {
    for (const label of ["windows-1256", "cp1256", "WINDOWS-1256"])
      expect(decodeTextFile(Uint8Array.from(WIN1256_CSV), label)).toBe("مجلس,council\r\n");
    expect(decodeTextFile(Uint8Array.of(0xe5, 0xcc, 0xe4, 0xd3), "iso-8859-6")).toBe("مجلس");
  });

  it("without a declaration the same bytes are refused as not UTF-8, never replaced", () => {
    const err = formatError(() => decodeTextFile(Uint8Array.from(WIN1256_CSV)));
    expect(err.code).toBe("invalid-encoding");
    expect(err.message).toMatch(/not UTF-8/);
  });

  it("a byte the declared code page leaves undefined is refused with its offset", () => {
    const err = formatError(() => decodeTextFile(Uint8Array.of(0x61, 0x62, 0xa1), "iso-8859-6"));
    expect(err.code).toBe("invalid-encoding");
    expect(err.message).toContain("byte 0xA1 at offset 2");
  });

  it("a byte order mark wins over a declaration (Excel's “CSV UTF-8” chosen as windows-1256)", () => {
    expect(decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("مجلس")]), "windows-1256")).toBe("مجلس");
    expect(decodeTextFile(Uint8Array.of(0xff, 0xfe, 0x45, 0x06), "windows-1256")).toBe("م");
  });

  it("UTF-8 and UTF-16 labels mean the default; a multi-byte or unknown label is refused by name", () => {
    expect(textFileEncoding("utf-8")).toBeNull();
    expect(textFileEncoding("UTF-16LE")).toBeNull();
    expect(textFileEncoding(undefined)).toBeNull();
    expect(textFileEncoding("latin1")).toBe("windows-1252");
    for (const label of ["shift_jis", "gb18030", "no-such-encoding"]) {
      const err = formatError(() => decodeTextFile(utf8("a"), label));
      expect(err.code).toBe("unsupported-encoding");
      expect(err.message).toContain(label);
    }
  });
});

describe("xmlTextToUtf8: a decoded XML file re-encoded reads back as the same text", () => {
  it("re-declares a windows-1256 file as UTF-8 (else its Arabic would be read as windows-1256 again)", () => {
    const bytes = Uint8Array.from([
      ...utf8(`<?xml version="1.0" encoding='windows-1256'?><r>`),
      0xe3,
      0xcc,
      0xe1,
      0xd3,
      ...utf8("</r>"),
    ]);
    const text = decodeXml(bytes);
    expect(text).toBe(`<?xml version="1.0" encoding='windows-1256'?><r>مجلس</r>`);
    const again = xmlTextToUtf8(text);
    expect(decodeXml(again)).toBe(`<?xml version="1.0" encoding="UTF-8"?><r>مجلس</r>`);
    // No declaration, or no encoding in it: the text is kept as it is.
    expect(decodeXml(xmlTextToUtf8("<r>مجلس</r>"))).toBe("<r>مجلس</r>");
    expect(decodeXml(xmlTextToUtf8('<?xml version="1.0"?><r>م</r>'))).toBe('<?xml version="1.0"?><r>م</r>');
  });
});
