/** The exchange-format layer: pure functions over strings and streams (no Hono, no D1). */
export * from "./csv";
export * from "./errors";
export * from "./glossary-model";
export * from "./inline";
export * from "./lang";
export * from "./tbx";
export * from "./tbx-read";
export * from "./tmx";
export * from "./xliff-read";
export * from "./xliff-write";
export * from "./xml-decode";
export * from "./xml-escape";
export * from "./xml-parse";
export * from "./xml-stream";
