import type { Child } from "hono/jsx";
import { AREAS, areaOf, areasFor, HOME } from "./areas";
import { Value } from "./components";
import { useI18n } from "./i18n/i18n";
import { layoutText } from "./messages";
import type { WebSession } from "./session";

/**
 * Bump when the page's script or styles change (web-src/, built into public/web/) or inline-editor.js does,
 * so browsers do not keep a stale copy.
 */
export const ASSET_VERSION = "11";

/** Interface language and digits, switchable from every page (a plain form: works without JavaScript). */
function PrefsSwitch({ back }: { back: string }) {
  const i18n = useI18n();
  const t = i18n.t(layoutText);
  return (
    <form method="post" action="/prefs" class="prefs" aria-label={t.prefs} data-confirm={t.unsavedLost}>
      <input type="hidden" name="next" value={back} />
      {i18n.locale === "ar" ? (
        <>
          <button type="submit" name="lang" value="en" class="link" lang="en" dir="ltr">
            English
          </button>
          {i18n.digits === "arab" ? (
            <button type="submit" name="digits" value="latn" class="link">
              {t.westernDigits}
            </button>
          ) : (
            <button type="submit" name="digits" value="arab" class="link">
              {t.arabicDigits}
            </button>
          )}
        </>
      ) : (
        <button type="submit" name="lang" value="ar" class="link" lang="ar" dir="rtl">
          العربية
        </button>
      )}
    </form>
  );
}

/**
 * The main menu: the areas the user may open (areas.ts), each named in its feature's catalog. The area the
 * page belongs to is marked: aria-current="page" on its index page, "location" below it.
 */
function MainMenu({ session, path }: { session: WebSession; path: string }) {
  const i18n = useI18n();
  const current = areaOf(path, AREAS);
  return (
    <>
      {areasFor(session).map((area) => (
        <a
          href={area.path}
          aria-current={area === current ? (path === area.path ? "page" : "location") : undefined}
        >
          {i18n.t(area.text).nav}
        </a>
      ))}
    </>
  );
}

/** The frame every web page shares: head, skip link, header with the signed-in user's menu, main. */
export function Layout(props: {
  title: string;
  session: WebSession | null;
  csrfToken: string;
  children: Child;
  flash?: string | undefined;
  /** This page's local URL, where the language switch comes back to. */
  back: string;
  /** This page's path, for the menu's aria-current. */
  path: string;
}) {
  const { session } = props;
  const i18n = useI18n();
  const t = i18n.t(layoutText);
  const scope = session ? t[`scope_${session.scope}`] : "";
  return (
    <html lang={i18n.locale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href={`/web/app.css?v=${ASSET_VERSION}`} />
        <script src={`/web/app.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="top">
          <a class="brand" href={HOME}>
            {i18n.locale === "ar" ? (
              <>
                ديوان{" "}
                <span lang="en" dir="ltr">
                  Diwan
                </span>
              </>
            ) : (
              <>
                Diwan{" "}
                <span lang="ar" dir="rtl">
                  ديوان
                </span>
              </>
            )}
          </a>
          {session ? (
            <nav aria-label={t.mainNav}>
              <MainMenu session={session} path={props.path} />
              <span class="who">
                <Value text={session.name} /> <span class="scope">({scope})</span>
              </span>
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="link">
                  {t.signOut}
                </button>
              </form>
            </nav>
          ) : null}
          <PrefsSwitch back={props.back} />
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
