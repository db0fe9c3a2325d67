/**
 * A consonant skeleton shared by an Arabic word and its Latin transliteration, so that proper names anchor
 * an alignment without a list of names: غوتيريش and Guterres are both G-T-R-S, لافروف and Lavrov L-F-R-F,
 * فليتشر and Fletcher F-L-T-S-R, الحمادي and al-Hammadi H-M-D.
 *
 * Both scripts map to the same coarse classes, chosen for how Arabic names are romanised in news and UN
 * usage: vowels (and ا ى ء ع, و and ي inside a word) are dropped; ج غ and g j share a class (Egyptian
 * "g" for ج, "G" for غ in Guterres), as do ق ك خ and k q c kh ch(hard), س ص ش and s sh, ت ط ث and t th,
 * د ض ذ ظ and d dh, ف and f v ph, ح ه and h (a final ه/ة and a final "h" after a vowel are dropped).
 * Doubled consonants count once. Names are then compared by skeleton (NameIndex).
 */

const AR_CLASS = new Map<string, string>([
  ["ب", "B"],
  ["پ", "B"],
  ["ت", "T"],
  ["ط", "T"],
  ["ث", "T"],
  ["ج", "G"],
  ["غ", "G"],
  ["گ", "G"],
  ["چ", "S"],
  ["ح", "H"],
  ["ه", "H"],
  ["خ", "K"],
  ["ق", "K"],
  ["ك", "K"],
  ["د", "D"],
  ["ض", "D"],
  ["ذ", "D"],
  ["ظ", "D"],
  ["ز", "Z"],
  ["ر", "R"],
  ["س", "S"],
  ["ص", "S"],
  ["ش", "S"],
  ["ف", "F"],
  ["ڤ", "F"],
  ["ل", "L"],
  ["م", "M"],
  ["ن", "N"],
]);

/** Skeleton of one Arabic word (no proclitics, no article): see the module comment. */
export function arabicSkeleton(word: string): string {
  let out = "";
  const w = word.replace(/[\u064B-\u065F\u0670\u0640]/g, "");
  for (let k = 0; k < w.length; k++) {
    const ch = w[k] as string;
    let cls = AR_CLASS.get(ch);
    if (ch === "و" && k === 0) cls = "W";
    else if (ch === "ي" && k === 0) cls = "Y";
    if ((ch === "ه" || ch === "ة") && k === w.length - 1) cls = undefined;
    if (cls !== undefined && !out.endsWith(cls)) out += cls;
  }
  return out;
}

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);

/** Skeleton of one Latin word (letter case and accents ignored). */
export function latinSkeleton(word: string): string {
  const w = word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  let out = "";
  const push = (cls: string) => {
    if (!out.endsWith(cls)) out += cls;
  };
  for (let k = 0; k < w.length; k++) {
    const ch = w[k] as string;
    const next = w[k + 1] ?? "";
    const two = ch + next;
    if (two === "sh" || two === "ch") {
      // "tch" (Fletcher) and "sh"/"ch" (Sheikh, Chaouch) are S.
      push("S");
      k++;
      continue;
    }
    if (two === "th") {
      push("T");
      k++;
      continue;
    }
    if (two === "kh" || two === "ck") {
      push("K");
      k++;
      continue;
    }
    if (two === "gh") {
      push("G");
      k++;
      continue;
    }
    if (two === "dh") {
      push("D");
      k++;
      continue;
    }
    if (two === "ph") {
      push("F");
      k++;
      continue;
    }
    if (VOWELS.has(ch)) {
      if (ch === "y" && k === 0) push("Y");
      continue;
    }
    switch (ch) {
      case "h":
        // A final "h" after a vowel (Odeh, Fatah) is the ة of the Arabic, which is not written.
        if (k === w.length - 1 && k > 0 && VOWELS.has(w[k - 1] as string)) break;
        push("H");
        break;
      case "w":
        if (k === 0) push("W");
        break;
      case "c":
        push("eiy".includes(next) ? "S" : "K");
        break;
      case "q":
      case "k":
        push("K");
        break;
      case "g":
      case "j":
        push("G");
        break;
      case "v":
      case "f":
        push("F");
        break;
      case "x":
        push("K");
        push("S");
        break;
      case "p":
      case "b":
        push("B");
        break;
      default:
        push(ch.toUpperCase());
    }
  }
  return out;
}

/** Shortest skeleton that may match: two consonants (Gaza, Oman) collide with too many common words. */
export const MIN_NAME_SKELETON = 3;

/**
 * Latin names of a document by skeleton, to look Arabic words up in. Only equal skeletons match: one edit
 * apart, common Arabic words meet English ones by chance (المشترك / Minister, مجرد / Grand), while the
 * romanisations of a name differ in vowels, which the skeleton ignores (Sergey / Sergei, Mohammed / Muhammad).
 */
export class NameIndex {
  private readonly exact = new Map<string, number>();

  /** Adds a Latin name with its id; returns false if its skeleton is too short to be matched. */
  add(latin: string, id: number): boolean {
    const key = latinSkeleton(latin);
    if (key.length < MIN_NAME_SKELETON) return false;
    if (!this.exact.has(key)) this.exact.set(key, id);
    return true;
  }

  /** Id of the Latin name an Arabic word (proclitics and article already removed) transliterates, if any. */
  lookup(arabic: string): number | undefined {
    const key = arabicSkeleton(arabic);
    return key.length < MIN_NAME_SKELETON ? undefined : this.exact.get(key);
  }
}
