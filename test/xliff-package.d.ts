// Types for the parts of the `xliff` npm package (a devDependency, no bundled types) that tests and the bench use as an
// independent consumer and as the baseline. Not used by the Worker itself.
declare module "xliff" {
  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage?: string;
    resources: Record<
      string,
      Record<
        string,
        { source: unknown; target?: unknown; note?: unknown; additionalAttributes?: Record<string, string> }
      >
    >;
  }
  export function xliff12ToJs(xml: string, options?: Record<string, unknown>): Promise<XliffJs>;
  export function xliff2js(xml: string, options?: Record<string, unknown>): Promise<XliffJs>;
  export function js2xliff(js: XliffJs, options?: Record<string, unknown>): Promise<string>;
  export function jsToXliff12(js: XliffJs, options?: Record<string, unknown>): Promise<string>;
  const xliff: {
    xliff12ToJs: typeof xliff12ToJs;
    xliff2js: typeof xliff2js;
    js2xliff: typeof js2xliff;
    jsToXliff12: typeof jsToXliff12;
  };
  export default xliff;
}
