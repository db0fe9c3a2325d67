import type { Child } from "hono/jsx";
import type { WebSession } from "./session";

/** Bump when public/web/app.css or app.js change, so browsers do not keep a stale copy. */
export const ASSET_VERSION = "3";

/** The frame every web page shares: head, skip link, header with the signed-in user's menu, main. */
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
