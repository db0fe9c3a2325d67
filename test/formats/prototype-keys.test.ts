/**
 * Names that files choose (states, statuses, namespace prefixes, prop types) are looked up in tables. A
 * name such as "constructor", "toString" or "__proto__" must behave like any other unknown name, not find
 * a method on Object.prototype.
 */
import { describe, expect, it } from "vitest";
import { parseTbx } from "../../src/formats/tbx";
import { parseTmx } from "../../src/formats/tmx";
import { parseXliff } from "../../src/formats/xliff-read";
import { parseXml } from "../../src/formats/xml-parse";
import { formatError } from "./thrown";

const PROTO_NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

const xliff12 = (targetAttrs: string, unitAttrs = "", extra = "") =>
  `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
<file original="d" source-language="ar" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"${unitAttrs}><source>نص</source><target${targetAttrs}>text</target>${extra}</trans-unit>
</body></file></xliff>`;

describe("names from files that match Object.prototype members", () => {
  it.each(PROTO_NAMES)("XML: a prefix named %s is unbound unless declared", (name) => {
    const e = formatError(() => parseXml(`<${name}:a/>`, { open() {}, close() {}, text() {} }));
    expect(e.code).toBe("xml-malformed");
    expect(e.message).toContain(`"${name}"`);
    expect(formatError(() => parseXml(`<a ${name}:x="1"/>`, { open() {}, close() {}, text() {} })).code).toBe(
      "xml-malformed",
    );
    // Declared, it is an ordinary prefix.
    let uri: unknown = null;
    parseXml(`<${name}:a xmlns:${name}="urn:p"/>`, {
      open: (el) => {
        uri = el.uri;
      },
      close() {},
      text() {},
    });
    expect(uri).toBe("urn:p");
  });

  it.each(PROTO_NAMES)("XLIFF 1.2: state=%s counts as an unknown state (translated)", (name) => {
    const [unit] = parseXliff(xliff12(` state="${name}"`)).units;
    expect(unit).toMatchObject({ state: name, en: "text", status: "translated" });
  });

  it.each(PROTO_NAMES)("XLIFF 2.x: state=%s counts as an unknown state (draft)", (name) => {
    const doc = `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u1"><segment state="${name}"><source>نص</source><target>text</target></segment></unit></file></xliff>`;
    const [unit] = parseXliff(doc).units;
    expect(unit).toMatchObject({ state: name, en: "text", status: "new" });
  });

  it.each(PROTO_NAMES)("memoQ status and Trados conf %s count as drafts", (name) => {
    const [mq] = parseXliff(xliff12("", ` mq:status="${name}"`)).units;
    expect(mq).toMatchObject({ toolStatus: `mq:${name}`, en: "text", status: "new" });
    const sdl = `<sdl:seg-defs><sdl:seg id="1" conf="${name}"/></sdl:seg-defs>`;
    const [trados] = parseXliff(xliff12("", "", sdl)).units;
    expect(trados).toMatchObject({ toolStatus: `sdl:${name}`, en: "text", status: "new" });
  });

  it.each(PROTO_NAMES)("TBX: administrativeStatus %s is read as admitted", (name) => {
    const xml = `<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="c1"><langSet xml:lang="en"><tig><term>treaty</term><termNote type="administrativeStatus">${name}</termNote></tig></langSet>
<langSet xml:lang="ar"><tig><term>معاهدة</term></tig></langSet></termEntry></body></text></martif>`;
    const terms = parseTbx(xml).entries[0]!.terms;
    expect(terms.map((t) => t.status)).toEqual(["admitted", "admitted"]);
  });

  it.each(PROTO_NAMES)("TMX: a prop of type %s is kept as an own property", (name) => {
    const xml = `<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/><body>
<tu><prop type="${name}">v</prop><tuv xml:lang="ar"><seg>نص</seg></tuv><tuv xml:lang="en"><seg>text</seg></tuv></tu></body></tmx>`;
    const props = parseTmx(xml).pairs[0]!.props;
    expect(Object.hasOwn(props, name)).toBe(true);
    expect(props[name]).toBe("v");
    expect(Object.keys(props)).toEqual([name]);
  });
});
