/**
 * An error a web handler raises with its page text already in the user's language (e.g. "entry 7 does not
 * exist"): webRouter.onError shows it as a message page with this status.
 */
export class WebError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413,
    readonly page: { title: string; message: string },
  ) {
    super(page.message);
  }
}
