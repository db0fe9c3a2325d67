import { FieldError } from "../components";
import { useT } from "../i18n/i18n";
import { authText } from "./messages";

export function LoginPage(props: { error?: string; next: string }) {
  const t = useT(authText);
  return (
    <section class="narrow">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
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
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={props.error ? "token-error" : undefined}
        />
        <FieldError id="token-error" message={props.error} />
        <button type="submit">{t.submit}</button>
      </form>
    </section>
  );
}
