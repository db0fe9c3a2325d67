import { Hono } from "hono";
import { z } from "zod";
import { createToken, listTokens, revokeToken } from "../../db/tokens";
import { TOKEN_SCOPES } from "../../types";
import { needAdmin } from "../guards";
import { formBody, page, str } from "../page";
import type { WebEnv } from "../session";
import { tokensText } from "./messages";
import { TokensPage } from "./pages";

/** API tokens, for admins (mounted at /tokens): list, create (the secret is shown once), revoke. */
export const tokenRoutes = new Hono<WebEnv>();

tokenRoutes.use("*", needAdmin);

tokenRoutes.get("/", async (c) =>
  page(
    c,
    c.var.i18n.t(tokensText).title,
    <TokensPage tokens={await listTokens(c.var.db)} csrfToken={c.var.csrfToken} />,
  ),
);

const TokenForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(100)
    .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), "no control characters"),
  scope: z.enum(TOKEN_SCOPES),
});

tokenRoutes.post("/", async (c) => {
  const body = await formBody(c);
  const t = c.var.i18n.t(tokensText);
  const parsed = TokenForm.safeParse({ name: str(body.name), scope: str(body.scope) });
  if (!parsed.success) {
    const tokens = await listTokens(c.var.db);
    const issue = parsed.error.issues[0];
    const error =
      issue?.path[0] === "scope"
        ? t.badScope
        : issue?.code === "too_small"
          ? t.nameRequired
          : issue?.code === "too_big"
            ? t.nameTooLong
            : t.noControl;
    return page(
      c,
      t.title,
      <TokensPage tokens={tokens} csrfToken={c.var.csrfToken} error={error} name={str(body.name)} />,
      400,
    );
  }
  const created = await createToken(c.var.db, parsed.data.name, parsed.data.scope);
  const tokens = await listTokens(c.var.db);
  return page(
    c,
    t.title,
    <TokensPage
      tokens={tokens}
      csrfToken={c.var.csrfToken}
      created={{ name: created.name, token: created.token }}
    />,
    201,
  );
});

tokenRoutes.post("/:id{[0-9]+}/revoke", async (c) => {
  await revokeToken(c.var.db, Number(c.req.param("id")));
  return c.redirect("/tokens", 303);
});
