import { FieldError } from "../components";

export function LoginPage(props: { error?: string; next: string }) {
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <p>Sign in with a Diwan API token. Read-only tokens can browse; write tokens can edit.</p>
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <label for="token">Access token</label>
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
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
