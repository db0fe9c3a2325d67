import { createRouter, handleError } from "./app";
import { ApiError, problemResponse } from "./errors";

const app = createRouter();

app.get("/health", (c) => c.json({ status: "ok" }));

app.notFound((c) =>
  problemResponse(
    new ApiError(404, "not-found", "Not found", `no route for ${c.req.method} ${c.req.path}`),
    c.req.path,
  ),
);
app.onError(handleError);

export default app;
