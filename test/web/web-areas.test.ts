import { describe, expect, it } from "vitest";
import { ADMIN, tokenWithScope } from "../support/api";
import { Browser } from "./web-helpers";

// The web's areas (src/web/areas.ts): the main menu shows those the user may open and marks the current
// one; an error page leads back to the area it happened in, if the user may open it.

/** The main menu's links: [href, text, aria-current or ""]. */
const menu = (html: string): [string, string, string][] => {
  const nav = /<nav aria-label="[^"]*">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  return [...nav.matchAll(/<a href="([^"]+)"( aria-current="([^"]+)")?>([^<]+)<\/a>/g)].map((m) => [
    m[1] ?? "",
    m[4] ?? "",
    m[3] ?? "",
  ]);
};

/** The way back offered by a message page (the last link of its section). */
const backOf = (html: string): [string, string] | null => {
  const section = /<section class="narrow">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
  const links = [...section.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)];
  const last = links[links.length - 1];
  return last ? [last[1] ?? "", last[2] ?? ""] : null;
};

describe("main menu", () => {
  it("shows an admin every area and marks the current one (page on its index, location below it)", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    expect(menu(await b.page("/tokens"))).toEqual([
      ["/glossary", "Glossary", ""],
      ["/documents", "Documents", ""],
      ["/memory", "Memory", ""],
      ["/glossary/import", "Import", ""],
      ["/tokens", "Tokens", "page"],
    ]);
    expect(menu(await b.page("/glossary/import"))).toEqual([
      ["/glossary", "Glossary", ""],
      ["/documents", "Documents", ""],
      ["/memory", "Memory", ""],
      ["/glossary/import", "Import", "page"],
      ["/tokens", "Tokens", ""],
    ]);
    expect(menu(await b.page("/glossary/new"))[0]).toEqual(["/glossary", "Glossary", "location"]);
  });

  it("shows a read token the glossary, documents and memory, in the interface language", async () => {
    const b = new Browser();
    await b.signIn(await tokenWithScope("read"));
    const res = await b.fetch("/glossary", { headers: { "accept-language": "ar" } });
    expect(menu(await res.text())).toEqual([
      ["/glossary", "المسرد", "page"],
      ["/documents", "الوثائق", ""],
      ["/memory", "الذاكرة", ""],
    ]);
  });
});

describe("error pages lead back to where they happened", () => {
  it("a form from another session under /tokens goes back to the tokens, under import to the import page", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const tokens = await b.fetch("/tokens", { form: { _csrf: "forged", name: "x", scope: "read" } });
    expect(tokens.status).toBe(403);
    expect(backOf(await tokens.text())).toEqual(["/tokens", "Back to the tokens"]);
    const arabic = await b.fetch("/tokens", {
      form: { _csrf: "forged", name: "x", scope: "read" },
      headers: { "accept-language": "ar" },
    });
    expect(backOf(await arabic.text())).toEqual(["/tokens", "العودة إلى رموز الوصول"]);
    const apply = await b.fetch("/glossary/import/apply", { form: { _csrf: "forged" } });
    expect(apply.status).toBe(403);
    expect(backOf(await apply.text())).toEqual(["/glossary/import", "Back to the import page"]);
  });

  it("a page the user may not open goes back to one they may open", async () => {
    const writer = new Browser();
    await writer.signIn(await tokenWithScope("write"));
    const tokens = await writer.fetch("/tokens");
    expect(tokens.status).toBe(403);
    expect(backOf(await tokens.text())).toEqual(["/glossary", "Back to the glossary"]);
    const reader = new Browser();
    await reader.signIn(await tokenWithScope("read"));
    const upload = await reader.fetch("/glossary/import");
    expect(upload.status).toBe(403);
    expect(backOf(await upload.text())).toEqual(["/glossary", "Back to the glossary"]);
  });

  it("a missing entry goes back to the glossary", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const res = await b.fetch("/glossary/99999999");
    expect(res.status).toBe(404);
    expect(backOf(await res.text())).toEqual(["/glossary", "Back to the glossary"]);
  });
});
