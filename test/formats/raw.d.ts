// Vite's `?raw` imports: fixture files reach the workerd tests as strings (workerd has no file system).
declare module "*?raw" {
  const text: string;
  export default text;
}
