/**
 * GET and HEAD: requests that only read (RFC 9110 §9.2.1). They may be served by a D1 read replica, need only
 * read scope, carry no body to check, and a signed-out browser asking for one is sent to sign in.
 */
export const isSafeMethod = (method: string) => method === "GET" || method === "HEAD";
