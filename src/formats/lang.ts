/**
 * Language tags as files write them: `ar`, `ar-SA`, `AR`, `ar_EG`, `ara`, `en-US`, `EN-GB`, `eng`… Diwan
 * exchanges Arabic and English only; every reader and the routes decide through this one function.
 */

/** "ar" or "en" for any tag whose primary language is Arabic or English (any case, region, script), else null. */
export function baseLang(tag: string | null | undefined): "ar" | "en" | null {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  if (primary === "ar" || primary === "ara" || primary === "arb") return "ar";
  if (primary === "en" || primary === "eng") return "en";
  return null;
}
