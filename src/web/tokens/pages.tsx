import type { TokenInfo } from "../../db/tokens";
import { CsrfField, FieldError, Value } from "../components";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { layoutText } from "../messages";
import { tokensText } from "./messages";

/** A stored UTC time to the minute, in the page's digits (a table cell: the date is enough). */
const minute = (iso: string, digits: (s: string) => string) => digits(iso.slice(0, 16).replace("T", " "));

export function TokensPage(props: {
  tokens: TokenInfo[];
  csrfToken: string;
  created?: { name: string; token: string } | undefined;
  error?: string | undefined;
  /** The name as typed, kept when the form is refused. */
  name?: string | undefined;
}) {
  const t = useT(tokensText);
  const scopes = useT(layoutText);
  const i18n = useI18n();
  const digits = i18n.toDigits;
  return (
    <section>
      <h1>{t.title}</h1>
      {props.created ? (
        <div class="flash" aria-live="polite">
          <p>
            <Fill
              text={t.created}
              slots={{
                name: (
                  <strong>
                    <Value text={props.created.name} />
                  </strong>
                ),
              }}
            />
          </p>
          <p>
            <code class="secret">{props.created.token}</code>
          </p>
        </div>
      ) : null}
      <table class="tokens">
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.scope}</th>
            <th scope="col">{t.createdAt}</th>
            <th scope="col">{t.lastUsed}</th>
            <th scope="col">{t.state}</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr>
              <td>
                <Value text={token.name} />
              </td>
              <td>{scopes[`scope_${token.scope}`]}</td>
              <td>
                <time datetime={token.createdAt}>{minute(token.createdAt, digits)}</time>
              </td>
              <td>
                {token.lastUsedAt ? (
                  <time datetime={token.lastUsedAt}>{minute(token.lastUsedAt, digits)}</time>
                ) : (
                  t.never
                )}
              </td>
              <td>
                {token.revokedAt ? (
                  t.revoked
                ) : (
                  <form method="post" action={`/tokens/${token.id}/revoke`} class="inline">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="danger small" aria-label={t.revokeName(token.name)}>
                      {t.revoke}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.create}</h2>
      <form method="post" action="/tokens" class="stack narrow">
        <CsrfField token={props.csrfToken} />
        <label for="token-name">{t.name}</label>
        <input
          id="token-name"
          name="name"
          type="text"
          required
          maxlength={100}
          dir="auto"
          value={props.name}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={props.error ? "token-name-error" : undefined}
          autofocus={props.error ? true : undefined}
        />
        <FieldError id="token-name-error" message={props.error} />
        <label for="token-scope">{t.scope}</label>
        <select id="token-scope" name="scope">
          <option value="read">{scopes.scope_read}</option>
          <option value="write">{scopes.scope_write}</option>
          <option value="admin">{scopes.scope_admin}</option>
        </select>
        <button type="submit">{t.createButton}</button>
      </form>
    </section>
  );
}
