import { useT } from "../i18n/i18n";
import { authText } from "./messages";

/**
 * Sign-in. After a refusal the error summary takes the focus (autofocus: no script needed) and the field
 * keeps what was typed, so a mistyped token can be corrected rather than pasted again.
 */
export function LoginPage(props: { error?: string; next: string; token?: string }) {
  const t = useT(authText);
  return (
    <section class="narrow">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
          <p id="token-error">
            <span aria-hidden="true">⚠ </span>
            <a href="#token">{props.error}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <label for="token">{t.token}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          spellcheck={false}
          value={props.token}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={props.error ? "token-error" : undefined}
        />
        <button type="submit">{t.submit}</button>
      </form>
    </section>
  );
}
