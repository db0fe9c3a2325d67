import { describe, expect, it } from "vitest";
import { makeI18n } from "../../src/web/i18n/i18n";
import { acceptedLanguages, negotiatePrefs, parsePrefsCookie } from "../../src/web/i18n/locale";
import { Browser, ORIGIN } from "./web-helpers";

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? "";

describe("interface language: choice", () => {
  it("reads Accept-Language by q-value, with the region's digits for Arabic", () => {
    expect(acceptedLanguages("fr-CH, fr;q=0.9, ar;q=0.8, *;q=0.5, en;q=0")).toEqual([
      "fr-CH",
      "fr",
      "ar",
      "*",
    ]);
    expect(negotiatePrefs(undefined)).toEqual({ locale: "en", digits: "latn" });
    expect(negotiatePrefs("fr, de")).toEqual({ locale: "en", digits: "latn" });
    expect(negotiatePrefs("fr, ar-EG;q=0.5, en;q=0.4")).toEqual({ locale: "ar", digits: "arab" });
    expect(negotiatePrefs("ar-MA")).toEqual({ locale: "ar", digits: "latn" });
    expect(negotiatePrefs("ar;q=0.1, en-GB")).toEqual({ locale: "en", digits: "latn" });
    expect(negotiatePrefs("ar;q=0, en")).toEqual({ locale: "en", digits: "latn" });
    expect(negotiatePrefs("garbage;;;,,,q=x")).toEqual({ locale: "en", digits: "latn" });
  });

  it("reads only well-formed cookie values", () => {
    expect(parsePrefsCookie("ar.arab")).toEqual({ locale: "ar", digits: "arab" });
    expect(parsePrefsCookie("ar")).toEqual({ locale: "ar", digits: "latn" });
    expect(parsePrefsCookie("en.arab")).toEqual({ locale: "en", digits: "latn" });
    for (const bad of ["", "fr", "ar.roman", "AR", "ar.arab;x", undefined])
      expect(parsePrefsCookie(bad)).toBeNull();
  });

  it("formats interface numbers and dates in the chosen digits, and message numbers too", () => {
    const arab = makeI18n({ locale: "ar", digits: "arab" });
    const latn = makeI18n({ locale: "ar", digits: "latn" });
    const en = makeI18n({ locale: "en", digits: "arab" });
    expect(arab.num(12345)).toBe("١٢٬٣٤٥");
    expect(latn.num(12345)).toBe("12,345");
    expect(en.num(12345)).toBe("12,345");
    expect(en.digits).toBe("latn");
    expect(arab.dateTime("2025-01-02T10:11:12.000Z")).toBe("٢ يناير ٢٠٢٥ في ١٠:١١:١٢ بالتوقيت العالمي");
    expect(latn.dateTime("2025-01-02T10:11:12.000Z")).toBe("2 يناير 2025 في 10:11:12 بالتوقيت العالمي");
    expect(en.dateTime("2025-01-02T10:11:12.000Z")).toBe("2025-01-02 10:11:12 UTC");
    const catalog = {
      name: "test",
      messages: { en: { n: (v: number) => `${v} items` }, ar: { n: (v: number) => `${v} عناصر` } },
    };
    expect(arab.t(catalog).n(3)).toBe("٣ عناصر");
    expect(en.t(catalog).n(1234)).toBe("1,234 items");
  });
});

describe("interface language: pages", () => {
  it("answers in Arabic, right to left, for an Arabic browser, and in English otherwise", async () => {
    const ar = await new Browser().fetch("/login", {
      headers: { "accept-language": "ar-SA,ar;q=0.9,en;q=0.5" },
    });
    expect(ar.status).toBe(200);
    expect(ar.headers.get("content-language")).toBe("ar");
    expect(ar.headers.get("vary")).toMatch(/accept-language/i);
    const html = await ar.text();
    expect(htmlTag(html)).toBe('<html lang="ar" dir="rtl">');
    expect(html).toContain("تسجيل الدخول");
    const en = await new Browser().fetch("/login");
    expect(htmlTag(await en.text())).toBe('<html lang="en" dir="ltr">');
  });

  it("switches language and digits from a form on the page, remembers it, and goes back", async () => {
    const b = new Browser();
    const login = await b.page("/login?next=%2Ftokens");
    // The switch is a plain form (no JavaScript needed) that knows the page it is on.
    expect(login).toMatch(/<form method="post" action="\/prefs"[^>]*>/);
    expect(login).toContain('name="next" value="/login?next=%2Ftokens"');
    const res = await b.fetch("/prefs", { form: { lang: "ar", next: "/login?next=%2Ftokens" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Ftokens");
    const cookie = res.headers.getAll("set-cookie").find((c) => c.startsWith("__Host-diwan-prefs="));
    expect(cookie).toMatch(/^__Host-diwan-prefs=ar\.latn;/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=\d{7,}/);
    // Remembered: the cookie wins over an English browser.
    const again = await b.fetch("/login", { headers: { "accept-language": "en" } });
    expect(htmlTag(await again.text())).toBe('<html lang="ar" dir="rtl">');
    await b.fetch("/prefs", { form: { digits: "arab", next: "/login" } });
    expect(b.jar.get("__Host-diwan-prefs")).toBe("ar.arab");
    await b.fetch("/prefs", { form: { lang: "en", next: "/login" } });
    expect(htmlTag(await b.page("/login"))).toBe('<html lang="en" dir="ltr">');
    // Back to Arabic: the digits chosen before are forgotten with English; the browser's Arabic decides.
    await b.fetch("/prefs", {
      form: { lang: "ar", next: "/login" },
      headers: { "accept-language": "en, ar-EG;q=0.5" },
    });
    expect(b.jar.get("__Host-diwan-prefs")).toBe("ar.arab");
  });

  it("works signed in too, never redirects off-site, and refuses a post from another site", async () => {
    const b = new Browser();
    await b.signIn("test-admin-token");
    const res = await b.fetch("/prefs", { form: { lang: "ar", next: "//evil.example/x" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/glossary");
    const page = await b.page("/tokens");
    expect(htmlTag(page)).toBe('<html lang="ar" dir="rtl">');
    const foreign = await new Browser().fetch("/prefs", {
      form: { lang: "ar", next: "/login" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getAll("set-cookie").join()).not.toContain("diwan-prefs");
    expect(ORIGIN).toBe("http://diwan.test");
  });

  it("shows the shared error pages in Arabic", async () => {
    const b = new Browser();
    await b.fetch("/prefs", { form: { lang: "ar", next: "/login" } });
    const expired = await b.fetch("/glossary/new", { form: { _csrf: "x" } });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("انتهت صلاحية النموذج");
    const foreign = await b.fetch("/login", {
      form: { token: "x" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("لم يُرسَل النموذج من إحدى صفحات ديوان");
  });
});
