// The ZIP container reader and writer (src/formats/zip.ts), in workerd: round trips, and every refusal a
// hostile or damaged archive must meet (bombs by ratio and by total, entry count, encryption, lying sizes,
// CRC, truncation). Archives are built with fflate's own writer (not ours) and patched byte by byte.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_ZIP_LIMITS, listZip, readZip, writeZip, zipText } from "../../src/formats/zip";
import { formatError } from "./thrown";

const enc = new TextEncoder();
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Offset of the first central-directory header (signature PK\1\2). */
function centralAt(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--)
    if (view(zip).getUint32(i, true) === 0x06054b50) return view(zip).getUint32(i + 16, true);
  throw new Error("no end record");
}

describe("readZip / writeZip", () => {
  it("round-trips names (Arabic too), empty files and bytes, in order, deterministically", () => {
    const files = [
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/مسرد.xml", data: "مسرد المصطلحات الدبلوماسية".repeat(50) },
      { name: "empty.txt", data: new Uint8Array(0) },
      { name: "bin", data: Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256) },
    ];
    const zip = writeZip(files);
    expect(writeZip(files)).toEqual(zip);
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(files.map((f) => f.name));
    expect(zipText(read, "xl/مسرد.xml")).toBe(files[1]?.data);
    expect(read.get("empty.txt")?.length).toBe(0);
    expect(read.get("bin")).toEqual(files[3]?.data);
    expect(zipText(read, "missing")).toBeUndefined();
  });

  it("reads stored and deflated entries written by fflate, folders left out, only the wanted ones", () => {
    const zip = zipSync({
      a: {
        "stored.xml": [enc.encode("<x>stored</x>"), { level: 0 }],
        "deflated.xml": [enc.encode("<x>deflated</x>".repeat(100)), { level: 9 }],
      },
      empty: {},
    });
    expect(
      listZip(zip)
        .filter((e) => e.directory)
        .map((e) => e.name),
    ).toEqual(["a/", "empty/"]);
    expect(
      listZip(zip)
        .filter((e) => !e.directory)
        .map((e) => [e.name, e.method]),
    ).toEqual([
      ["a/stored.xml", 0],
      ["a/deflated.xml", 8],
    ]);
    const read = readZip(zip, { wanted: (n) => n.endsWith("stored.xml") });
    expect([...read.keys()]).toEqual(["a/stored.xml"]);
    expect(zipText(read, "a/stored.xml")).toBe("<x>stored</x>");
  });

  it("refuses a bomb by its real expansion ratio, and never inflates an entry it was not asked for", () => {
    const zip = zipSync({
      "ok.xml": enc.encode("<a/>"),
      "bomb.xml": [new Uint8Array(20 * 1024 * 1024), { level: 9 }],
    });
    expect(zip.length).toBeLessThan(100_000);
    const error = formatError(() => readZip(zip));
    expect(error.code).toBe("zip-limit");
    expect(error.message).toMatch(/bomb\.xml expands more than 200 times/);
    expect(zipText(readZip(zip, { wanted: (n) => n === "ok.xml" }), "ok.xml")).toBe("<a/>");
  });

  it("refuses an archive whose entries together expand past the total, even at a modest ratio", () => {
    const noise = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24);
    const zip = zipSync({ a: noise, b: noise, c: noise });
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 800_000 };
    expect(formatError(() => readZip(zip, { limits })).code).toBe("zip-limit");
    expect(readZip(zip, { limits: { ...limits, maxTotalBytes: 900_000 } }).size).toBe(3);
  });

  it("refuses too many entries before reading any", () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`f${i}`] = enc.encode(String(i));
    const error = formatError(() =>
      readZip(zipSync(many), { limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 } }),
    );
    expect(error.code).toBe("zip-limit");
    expect(error.message).toMatch(/30 entries; at most 20/);
  });

  it("refuses an encrypted entry by its flag", () => {
    const zip = zipSync({ "secret.xml": enc.encode("<x/>") });
    const at = centralAt(zip);
    view(zip).setUint16(at + 8, view(zip).getUint16(at + 8, true) | 1, true);
    expect(formatError(() => readZip(zip)).code).toBe("zip-encrypted");
  });

  it("refuses damaged data: a wrong CRC, a size that lies, a cut archive, and what is not a ZIP", () => {
    const make = () => zipSync({ "x.xml": [enc.encode("<x>hello hello hello</x>"), { level: 0 }] });
    const crc = make();
    view(crc).setUint32(centralAt(crc) + 16, 12345, true);
    expect(formatError(() => readZip(crc)).message).toMatch(/CRC/);

    const lying = zipSync({ "x.xml": enc.encode("<x>hello hello hello hello</x>") });
    const at = centralAt(lying);
    view(lying).setUint32(at + 24, view(lying).getUint32(at + 24, true) + 5, true);
    expect(formatError(() => readZip(lying)).message).toMatch(/not the \d+ it declares/);

    const full = make();
    expect(formatError(() => readZip(full.subarray(0, full.length - 30))).code).toBe("zip-malformed");
    expect(formatError(() => readZip(enc.encode("id,ar,en\n1,سلام,peace\n"))).code).toBe("zip-malformed");
    expect(formatError(() => readZip(new Uint8Array(0))).code).toBe("zip-malformed");
  });

  it("refuses an unknown compression method by name", () => {
    const zip = zipSync({ "x.xml": [enc.encode("<x/>"), { level: 0 }] });
    view(zip).setUint16(centralAt(zip) + 10, 14, true);
    expect(formatError(() => readZip(zip)).message).toMatch(/compression method 14/);
  });
});
