import { secureHeaders } from "hono/secure-headers";
import { createRouter, handleError } from "./app";
import { DomainError, ErrorCode } from "./errors";
import { settleBody } from "./http/body";
import { problemResponse } from "./http/problem";
import { authenticate } from "./middleware/auth";
import { d1Session } from "./middleware/db";
import { jsonBodyGuard } from "./middleware/json-body";
import { routePolicy } from "./middleware/route-policy";
import { strictQuery } from "./middleware/strict-text";
import { BOOKMARK_COMPONENT, bookmarkHeaderComponent, bookmarkParameterComponent } from "./routes/common";
import { documentBeadsRouter } from "./routes/document-beads";
import { documentsRouter } from "./routes/documents";
import { glossaryRouter } from "./routes/glossary";
import { glossaryExchangeRouter } from "./routes/glossary-exchange";
import { metaRouter } from "./routes/meta";
import { segmentsRouter } from "./routes/segments";
import { textRouter } from "./routes/text";
import { tmRouter } from "./routes/tm";
import { tokensRouter } from "./routes/tokens";
import { xliffRouter } from "./routes/xliff";
import { webRouter } from "./web/router";

const app = createRouter();

// Every answer waits until the request's body has arrived: an early refusal must not break the connection
// for the next request (src/http/body.ts, settleBody).
app.use("*", async (c, next) => {
  await next();
  await settleBody(c.req.raw);
});

app.use(
  "*",
  secureHeaders({
    // The API reference page needs Swagger UI's own script and inline styles; nothing else loads.
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: "same-origin",
    xFrameOptions: "DENY",
  }),
);
// Query strings that are not UTF-8 are refused everywhere (API and web), before anything reads them.
app.use("*", strictQuery);
// The policy (scope, D1 session mode) each API route declares, read before the session and auth need it.
app.use(
  "/api/*",
  jsonBodyGuard,
  routePolicy(() => app.openAPIRegistry.definitions),
  d1Session,
  authenticate,
);

app.route("/", metaRouter);
// More specific routers first: /glossary/{id} would otherwise claim /glossary/<word> paths.
app.route("/api", tokensRouter);
app.route("/api", textRouter);
app.route("/api", xliffRouter);
app.route("/api", tmRouter);
app.route("/api", documentsRouter);
app.route("/api", documentBeadsRouter);
app.route("/api", segmentsRouter);
app.route("/api", glossaryExchangeRouter);
app.route("/api", glossaryRouter);
app.route("/", webRouter);

app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  description: "An API token (`ADMIN_TOKEN` or one created with POST /api/tokens)",
});
app.openAPIRegistry.registerComponent("headers", BOOKMARK_COMPONENT, bookmarkHeaderComponent);
app.openAPIRegistry.registerComponent("parameters", BOOKMARK_COMPONENT, bookmarkParameterComponent);
app.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Diwan API",
    version: "0.1.0",
    description:
      "Arabic↔English translation memory, diplomatic termbase and XLIFF exchange. Errors are RFC 9457 " +
      "problem+json. Send `x-d1-bookmark` from a previous response to read your own writes. JSON bodies are " +
      "limited to MAX_BODY_BYTES (1 MiB by default); unknown JSON fields are ignored.",
  },
});

app.notFound((c) =>
  problemResponse(
    new DomainError(ErrorCode.NotFound, `no route for ${c.req.method} ${c.req.path}`),
    c.req.path,
  ),
);
app.onError(handleError);

export default app;
