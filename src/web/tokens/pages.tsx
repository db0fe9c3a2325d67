import type { TokenInfo } from "../../db/tokens";
import { CsrfField, FieldError } from "../components";

export function TokensPage(props: {
  tokens: TokenInfo[];
  csrfToken: string;
  created?: { name: string; token: string } | undefined;
  error?: string | undefined;
}) {
  return (
    <section>
      <h1>API tokens</h1>
      {props.created ? (
        <div class="flash" aria-live="polite">
          <p>
            Token <strong>{props.created.name}</strong> created. Copy it now: it is not shown again.
          </p>
          <p>
            <code class="secret">{props.created.token}</code>
          </p>
        </div>
      ) : null}
      <table class="tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.scope}</td>
              <td>{t.createdAt.slice(0, 16).replace("T", " ")}</td>
              <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td>
                {t.revokedAt ? (
                  "revoked"
                ) : (
                  <form method="post" action={`/tokens/${t.id}/revoke`} class="inline">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="danger small" aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Create a token</h2>
      <form method="post" action="/tokens" class="stack narrow">
        <CsrfField token={props.csrfToken} />
        <label for="token-name">Name</label>
        <input id="token-name" name="name" type="text" required maxlength={100} />
        <FieldError id="token-name-error" message={props.error} />
        <label for="token-scope">Scope</label>
        <select id="token-scope" name="scope">
          <option value="read">read</option>
          <option value="write">write</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
