// JSX half of bench/web.bench.ts (the bench runner only picks up .bench.ts files).
import type { GlossaryEntry } from "../src/types";
import { GlossaryPage } from "../src/web/glossary/pages";
import { Layout } from "../src/web/layout";
import type { WebSession } from "../src/web/session";

const session: WebSession = { tid: null, scope: "admin", name: "admin", exp: 0, sid: "x" };

/** The glossary list page exactly as the Worker renders it (Layout + GlossaryPage). */
export async function renderGlossaryPage(
  entries: GlossaryEntry[],
  domains: string[],
  hasMore: boolean,
): Promise<string> {
  const node = (
    <Layout title="Glossary" session={session} csrfToken={"t".repeat(43)} back="/glossary" path="/glossary">
      <GlossaryPage
        filters={{ q: "", lang: "", domain: "", status: "", sort: "", page: 1 }}
        found={{
          items: entries.map((e) => ({ ...e, match: null })),
          total: hasMore ? entries.length + 1 : entries.length,
          approximate: false,
        }}
        pageSize={entries.length}
        domains={domains}
        writable
        exportFormats={["tbx", "tbx2008", "csv", "tsv"]}
      />
    </Layout>
  );
  return `<!doctype html>${await node.toString()}`;
}
