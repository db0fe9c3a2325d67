/**
 * The layer rules of docs/architecture.md, checked on the import statements of src/ (parsed with the
 * TypeScript compiler, so `import type` and re-exports are told apart from value imports).
 */
import path from "node:path";
import ts from "typescript";

export interface SourceFile {
  /** Repository-relative path with forward slashes, e.g. `src/db/glossary.ts`. */
  path: string;
  text: string;
}

export interface ImportRef {
  /** The specifier as written. */
  specifier: string;
  /** `src/...` without extension for a relative import, else the package name as written. */
  target: string;
  /** `import type …` / `export type … from` (or every named binding type-only): erased at runtime. */
  typeOnly: boolean;
  line: number;
}

/** The imports and re-exports of one file. */
export function importsOf(file: SourceFile): ImportRef[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const out: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteral(spec)) return;
    const specifier = spec.text;
    const target = specifier.startsWith(".")
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier))
      : specifier;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    out.push({ specifier, target, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedTypes =
        !!clause &&
        !clause.name &&
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, !!clause?.isTypeOnly || allNamedTypes);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const allNamedTypes =
        !!clause &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, node.isTypeOnly || allNamedTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const stripExt = (p: string) => p.replace(/\.(tsx?|jsx?|mjs)$/, "");
/** `src/db` matches `src/db`, `src/db/x`; `hono` matches `hono`, `hono/jsx`; `@hono/` matches its packages. */
const under = (target: string, prefix: string) =>
  prefix.endsWith("/") ? target.startsWith(prefix) : target === prefix || target.startsWith(`${prefix}/`);

/** The Hono framework: the web/HTTP layer's tools. */
const HONO = ["hono", "@hono/"];

export interface Rule {
  /** Files the rule applies to (a folder of src). */
  folder: string;
  why: string;
  /** A value import is refused unless it is under one of these (own folder always allowed)… */
  allowOnly?: string[];
  /** …or refused when it is under one of these (type-only imports included when `types` is true). */
  forbid?: string[];
  /** Whether `forbid` also applies to type-only imports. */
  types?: boolean;
}

export const RULES: Rule[] = [
  {
    folder: "src/text",
    why: "the text engine is pure: its own modules and the shared vocabulary (src/types.ts) only",
    allowOnly: ["src/types"],
  },
  {
    folder: "src/formats",
    why: "the format layer is pure: its own modules, the shared vocabulary (src/types.ts), its XML and HTML parsers, its ZIP library and its spreadsheet library",
    allowOnly: ["src/types", "saxes", "fflate", "htmlparser2", "@e965/xlsx"],
  },
  {
    folder: "src/db",
    why: "storage knows nothing of HTTP: no Hono, src/http, middleware, routes, web pages or use cases",
    forbid: [
      ...HONO,
      "src/http",
      "src/middleware",
      "src/routes",
      "src/web",
      "src/usecases",
      "src/app",
      "src/index",
    ],
    types: true,
  },
  {
    folder: "src/usecases",
    why: "use cases know nothing of HTTP: no Hono, src/http, middleware, routes or web pages",
    forbid: [...HONO, "src/http", "src/middleware", "src/routes", "src/web", "src/app", "src/index"],
    types: true,
  },
  {
    folder: "src/web",
    why: "web pages call use cases and storage, never the API's routes",
    forbid: ["src/routes"],
    types: true,
  },
  {
    folder: "src/routes",
    why: "API routes never import web pages",
    forbid: ["src/web"],
    types: true,
  },
];

/** Every import of `files` that breaks a rule, as `path:line: specifier — why`. */
export function importViolations(files: SourceFile[], rules: Rule[] = RULES): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const rule of rules) {
      if (!under(file.path, rule.folder)) continue;
      for (const ref of importsOf(file)) {
        const target = stripExt(ref.target);
        if (under(target, rule.folder)) continue;
        const forbidden = rule.forbid?.some((p) => under(target, p)) && (rule.types || !ref.typeOnly);
        const notAllowed = rule.allowOnly && !ref.typeOnly && !rule.allowOnly.some((p) => under(target, p));
        if (forbidden || notAllowed) out.push(`${file.path}:${ref.line}: "${ref.specifier}" — ${rule.why}`);
      }
    }
  }
  return out;
}
