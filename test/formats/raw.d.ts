// Vite's `?raw` imports: fixture files reach the workerd tests as strings (workerd has no file system).
declare module "*?raw" {
  const text: string;
  export default text;
}
// `?bytes` imports (vitest.config.ts): binary fixtures (.docx, .doc) as bytes.
declare module "*?bytes" {
  const bytes: Uint8Array;
  export default bytes;
}
