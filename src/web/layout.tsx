import type { Child } from "hono/jsx";
import type { EntryInput } from "../db/glossary";
import type { Lang, Term, TermStatus } from "../types";
import type { WebSession } from "./session";

/** Bump when public/web/app.css or app.js change, so browsers do not keep a stale copy. */
export const ASSET_VERSION = "3";

export const LANG_NAMES: Record<Lang, string> = { ar: "Arabic", en: "English" };

const STATUS_ICON: Record<TermStatus, string> = {
  preferred: "✓",
  admitted: "○",
  deprecated: "⚠",
  // Glyphs present in common system fonts (DejaVu, Segoe UI): emoji fonts are not everywhere.
  forbidden: "✖",
};

/** A term status as colour + icon + word, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: TermStatus }) {
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {status}
    </span>
  );
}

/** Term text with its language and direction, isolated from the surrounding text (bidi). */
export function TermText({ term }: { term: Pick<Term, "lang" | "text"> }) {
  return term.lang === "ar" ? (
    <bdi lang="ar" dir="rtl" class="ar">
      {term.text}
    </bdi>
  ) : (
    <bdi lang="en" dir="ltr">
      {term.text}
    </bdi>
  );
}

/** The first preferred term of a language, else its first term. */
export function headTerm(e: Pick<EntryInput, "terms">, lang: Lang): Term | undefined {
  return (
    e.terms.find((t) => t.lang === lang && t.status === "preferred") ?? e.terms.find((t) => t.lang === lang)
  );
}

export function Layout(props: {
  title: string;
  session: WebSession | null;
  csrfToken: string;
  children: Child;
  flash?: string | undefined;
}) {
  const { session } = props;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Diwan`}</title>
        <link rel="stylesheet" href={`/web/app.css?v=${ASSET_VERSION}`} />
        <script src={`/web/app.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/glossary">
            Diwan{" "}
            <span lang="ar" dir="rtl">
              ديوان
            </span>
          </a>
          {session ? (
            <nav aria-label="Main">
              <a href="/glossary">Glossary</a>
              {session.scope !== "read" ? <a href="/glossary/import">Import</a> : null}
              {session.scope === "admin" ? <a href="/tokens">Tokens</a> : null}
              <span class="who">
                {session.name} <span class="scope">({session.scope})</span>
              </span>
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main">
          {props.flash ? (
            <p class="flash" aria-live="polite">
              {props.flash}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** Field-level error text, referenced from the control by aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  ) : null;
}
