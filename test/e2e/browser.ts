// Shared pieces of the Chromium tests: launching Debian's Chromium, screenshots, axe-core, and the check that
// an Arabic page has no English left outside stored values and codes.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const SHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots")
    : path.join(tmpdir(), "diwan-screenshots");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export async function shot(p: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's violations on the page as it is now (WCAG 2.x A/AA and best practices). The script is
 * evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as it is.
 */
export async function axeViolations(p: Page): Promise<AxeViolation[]> {
  await p.evaluate(axeSource);
  return p.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated script defines
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")),
      }),
    );
  });
}

/** Latin words an Arabic page may show outside stored values: names of formats and codes. */
const CODES = [
  "CSV",
  "TSV",
  "TBX",
  "TBX 2008",
  "XLSX",
  "UTF",
  "API",
  "MB",
  "Ctrl",
  "Diwan",
  "XLIFF",
  "TMX",
  "OmegaT",
  "Trados",
  "memoQ",
  "Phrase",
  "Matecat",
  // Encoding labels as tools and HTTP spell them (windows-1256, ISO-8859-6), and the program that writes them
  // (the import page's encoding choice); the same list as test/web/i18n-catalogs.test.ts.
  "windows",
  "ISO",
  "Excel",
];

/**
 * English left on an Arabic page: Latin words in text (and in aria-label, title, placeholder, alt) that are
 * not inside an element with a lang of its own (stored values and terms carry theirs: they are data, in
 * whatever language they were written), not in <code>, and not a known code. Isolated values inside attributes (FSI…PDI) are skipped.
 */
export function englishLeftovers(p: Page): Promise<string[]> {
  return p.evaluate((codes) => {
    const found: string[] = [];
    // Interface text takes the page's language from <html>; stored values and terms carry a lang of their own.
    const foreign = (el: Element | null) =>
      el?.closest("[lang]") !== document.documentElement || el?.closest("code, script, style, textarea");
    const check = (text: string, where: string) => {
      let t = text.replace(/\u2068[^\u2069]*\u2069/g, " ");
      for (const c of codes) t = t.split(c).join(" ");
      const words = t.match(/[A-Za-z]{2,}/g);
      if (words) found.push(`${where}: ${words.join(" ")} (in "${text.trim().slice(0, 80)}")`);
    };
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || foreign(el)) continue;
      check(n.textContent ?? "", el.tagName.toLowerCase());
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))) {
      if (foreign(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) check(v, `${el.tagName.toLowerCase()}[${a}]`);
      }
    }
    return found;
  }, CODES);
}

/**
 * Stored values laid out in the wrong direction: (1) a hidden label at the start of a dir="auto" element
 * (it would decide the direction); (2) an element with a lang of its own whose direction (computed) is not
 * its language's; (3) a one-line value whose first character is not at its starting side (the right for
 * Arabic, the left for English) — "(3 مواضع في 2023)" read left to right puts "(" at the left. Measured
 * with Range boxes on the rendered page, so it fails on what a reader would see.
 */
export function misdirectedValues(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 60)}"`;
    for (const el of Array.from(document.querySelectorAll("[dir=auto]"))) {
      const first = document
        .createTreeWalker(el, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => (n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
        })
        .nextNode();
      if (first?.parentElement?.closest(".sr-only"))
        found.push(`hidden label first in dir=auto: ${describe(el)}`);
    }
    for (const el of Array.from(document.querySelectorAll("body [lang]"))) {
      const lang = el.getAttribute("lang");
      if (lang !== "ar" && lang !== "en") continue;
      if (el.closest("[hidden], .sr-only") || (el as HTMLElement).offsetParent === null) continue;
      const want = lang === "ar" ? "rtl" : "ltr";
      if (getComputedStyle(el).direction !== want) {
        found.push(`${lang} laid out ${getComputedStyle(el).direction}: ${describe(el)}`);
        continue;
      }
      // Geometry of values that are one text node on one line.
      if (el.childNodes.length !== 1 || el.firstChild?.nodeType !== Node.TEXT_NODE) continue;
      const text = el.firstChild as Text;
      if (text.data.length < 2 || /^\s|\s$/.test(text.data)) continue;
      const r = document.createRange();
      r.setStart(text, 0);
      r.setEnd(text, 1);
      const first = r.getBoundingClientRect();
      r.setStart(text, text.data.length - 1);
      r.setEnd(text, text.data.length);
      const last = r.getBoundingClientRect();
      if (first.width === 0 || last.width === 0 || Math.abs(first.top - last.top) > 2) continue;
      const ok = want === "rtl" ? first.left > last.left : first.left < last.left;
      if (!ok) found.push(`${lang} value starts on the wrong side: ${describe(el)}`);
    }
    return found;
  });
}

/**
 * The checks every page of the e2e tests gets: its interface language and direction on <html>, axe-core with
 * no violation, stored values laid out in their own direction, and (Arabic) no English left.
 */
export async function checkPage(p: Page, name: string, locale: "en" | "ar") {
  const html = p.locator("html");
  if ((await html.getAttribute("lang")) !== locale) throw new Error(`${name}: <html lang> is not ${locale}`);
  if ((await html.getAttribute("dir")) !== (locale === "ar" ? "rtl" : "ltr"))
    throw new Error(`${name}: <html dir> is not that of ${locale}`);
  const problems = [
    ...(await axeViolations(p)).map((v) => `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`),
    ...(await misdirectedValues(p)),
    ...(locale === "ar" ? (await englishLeftovers(p)).map((e) => `English left: ${e}`) : []),
  ];
  if (problems.length) throw new Error(`${name} (${locale}):\n${problems.join("\n")}`);
}
