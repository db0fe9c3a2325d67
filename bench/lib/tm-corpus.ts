/**
 * A synthetic Arabic–English memory for the TM benchmark: diplomatic news sentences from a dozen aligned
 * templates with slots (titles, countries, cities, fields, organisations, dates, numbers, and a long tail
 * of generated names), so that — as in a real ministry's memory — near-duplicates abound and most words
 * are frequent. Deterministic (LCG seed), so runs are comparable.
 */

export type Pair = [ar: string, en: string];

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TITLES: Pair[] = [
  ["وزير الخارجية", "Minister of Foreign Affairs"],
  ["وزير الدفاع", "Minister of Defence"],
  ["رئيس الوزراء", "Prime Minister"],
  ["وزير الاقتصاد", "Minister of Economy"],
  ["وزير التجارة", "Minister of Trade"],
  ["المبعوث الخاص", "Special Envoy"],
  ["وزير الداخلية", "Minister of the Interior"],
  ["وزير الطاقة", "Minister of Energy"],
  ["وزير الصحة", "Minister of Health"],
  ["وزير التعليم", "Minister of Education"],
];
const COUNTRIES: Pair[] = [
  ["مصر", "Egypt"],
  ["الأردن", "Jordan"],
  ["المغرب", "Morocco"],
  ["تونس", "Tunisia"],
  ["الجزائر", "Algeria"],
  ["العراق", "Iraq"],
  ["لبنان", "Lebanon"],
  ["سوريا", "Syria"],
  ["اليمن", "Yemen"],
  ["السودان", "Sudan"],
  ["ليبيا", "Libya"],
  ["قطر", "Qatar"],
  ["الكويت", "Kuwait"],
  ["البحرين", "Bahrain"],
  ["عُمان", "Oman"],
  ["الإمارات", "the United Arab Emirates"],
  ["السعودية", "Saudi Arabia"],
  ["فرنسا", "France"],
  ["ألمانيا", "Germany"],
  ["إيطاليا", "Italy"],
  ["إسبانيا", "Spain"],
  ["اليابان", "Japan"],
  ["الصين", "China"],
  ["الهند", "India"],
  ["البرازيل", "Brazil"],
  ["روسيا", "Russia"],
  ["تركيا", "Turkey"],
  ["إيران", "Iran"],
  ["باكستان", "Pakistan"],
  ["إندونيسيا", "Indonesia"],
  ["ماليزيا", "Malaysia"],
  ["نيجيريا", "Nigeria"],
  ["كينيا", "Kenya"],
  ["إثيوبيا", "Ethiopia"],
  ["السنغال", "Senegal"],
  ["كندا", "Canada"],
  ["المكسيك", "Mexico"],
  ["الأرجنتين", "Argentina"],
  ["أستراليا", "Australia"],
  ["النرويج", "Norway"],
];
const CITIES: Pair[] = [
  ["القاهرة", "Cairo"],
  ["عمّان", "Amman"],
  ["الرباط", "Rabat"],
  ["تونس العاصمة", "Tunis"],
  ["بغداد", "Baghdad"],
  ["بيروت", "Beirut"],
  ["الدوحة", "Doha"],
  ["الرياض", "Riyadh"],
  ["أبوظبي", "Abu Dhabi"],
  ["مسقط", "Muscat"],
  ["جنيف", "Geneva"],
  ["نيويورك", "New York"],
  ["باريس", "Paris"],
  ["برلين", "Berlin"],
  ["روما", "Rome"],
  ["مدريد", "Madrid"],
  ["طوكيو", "Tokyo"],
  ["بكين", "Beijing"],
  ["موسكو", "Moscow"],
  ["أنقرة", "Ankara"],
  ["أديس أبابا", "Addis Ababa"],
  ["نيروبي", "Nairobi"],
  ["فيينا", "Vienna"],
  ["بروكسل", "Brussels"],
  ["لندن", "London"],
];
const FIELDS: Pair[] = [
  ["التعاون الاقتصادي", "economic cooperation"],
  ["العلاقات الثنائية", "bilateral relations"],
  ["الاستثمار المشترك", "joint investment"],
  ["التبادل التجاري", "trade exchange"],
  ["التعاون الأمني", "security cooperation"],
  ["مكافحة الإرهاب", "counter-terrorism"],
  ["الطاقة المتجددة", "renewable energy"],
  ["الأمن الغذائي", "food security"],
  ["التغير المناخي", "climate change"],
  ["التعليم العالي", "higher education"],
  ["الرعاية الصحية", "health care"],
  ["السياحة", "tourism"],
  ["النقل البحري", "maritime transport"],
  ["التحول الرقمي", "digital transformation"],
  ["الموارد المائية", "water resources"],
  ["الثقافة", "culture"],
  ["الزراعة", "agriculture"],
  ["البنية التحتية", "infrastructure"],
  ["حقوق الإنسان", "human rights"],
  ["الهجرة", "migration"],
];
const ORGS: Pair[] = [
  ["جامعة الدول العربية", "League of Arab States"],
  ["الأمم المتحدة", "United Nations"],
  ["الاتحاد الأفريقي", "African Union"],
  ["الاتحاد الأوروبي", "European Union"],
  ["منظمة التعاون الإسلامي", "Organisation of Islamic Cooperation"],
  ["مجلس التعاون الخليجي", "Gulf Cooperation Council"],
  ["منظمة الصحة العالمية", "World Health Organization"],
  ["البنك الدولي", "World Bank"],
  ["صندوق النقد الدولي", "International Monetary Fund"],
  ["منظمة التجارة العالمية", "World Trade Organization"],
  ["مجلس حقوق الإنسان", "Human Rights Council"],
  ["الجمعية العامة", "General Assembly"],
];
const TOPICS: Pair[] = [
  ["حماية المدنيين", "the protection of civilians"],
  ["نزع السلاح", "disarmament"],
  ["عمليات حفظ السلام", "peacekeeping operations"],
  ["اللاجئين", "refugees"],
  ["التنمية المستدامة", "sustainable development"],
  ["الأمن البحري", "maritime security"],
  ["عدم الانتشار النووي", "nuclear non-proliferation"],
  ["المساعدات الإنسانية", "humanitarian assistance"],
  ["مكافحة الفساد", "the fight against corruption"],
  ["تمكين المرأة", "the empowerment of women"],
];
const MONTHS: Pair[] = [
  ["يناير", "January"],
  ["فبراير", "February"],
  ["مارس", "March"],
  ["أبريل", "April"],
  ["مايو", "May"],
  ["يونيو", "June"],
  ["يوليو", "July"],
  ["أغسطس", "August"],
  ["سبتمبر", "September"],
  ["أكتوبر", "October"],
  ["نوفمبر", "November"],
  ["ديسمبر", "December"],
];
const ORDINALS: Pair[] = [
  ["الأولى", "first"],
  ["الثانية", "second"],
  ["الثالثة", "third"],
  ["الرابعة", "fourth"],
  ["الخامسة", "fifth"],
  ["السادسة", "sixth"],
  ["السابعة", "seventh"],
  ["الثامنة", "eighth"],
];

// Transliterated syllables: a long tail of ~4,000 names, each rare, as in real memories.
const SYL: Pair[] = [
  ["كا", "ka"],
  ["ري", "ri"],
  ["مو", "mo"],
  ["سا", "sa"],
  ["لي", "li"],
  ["نا", "na"],
  ["دو", "do"],
  ["في", "fi"],
  ["زا", "za"],
  ["تو", "to"],
  ["بي", "bi"],
  ["ها", "ha"],
  ["جو", "jo"],
  ["را", "ra"],
  ["مي", "mi"],
  ["نو", "no"],
];
function name(rnd: () => number): Pair {
  const parts: Pair[] = [];
  for (let p = 0; p < 2; p++) {
    let ar = "";
    let en = "";
    const n = 2 + Math.floor(rnd() * 2);
    for (let k = 0; k < n; k++) {
      const [a, e] = SYL[Math.floor(rnd() * SYL.length)] as Pair;
      ar += a;
      en += e;
    }
    parts.push([ar, en.charAt(0).toUpperCase() + en.slice(1)]);
  }
  return [parts.map((x) => x[0]).join(" "), parts.map((x) => x[1]).join(" ")];
}

type Slots = Record<string, Pair>;
type Template = (s: Slots) => Pair;

const TEMPLATES: Template[] = [
  (s) => [
    `أكد ${s.title![0]} في ${s.c1![0]} خلال لقائه نظيره من ${s.c2![0]} في ${s.city![0]} يوم ${s.day![0]} ${s.month![0]} ${s.year![0]} على أهمية تعزيز ${s.field![0]} بين البلدين.`,
    `The ${s.title![1]} of ${s.c1![1]} stressed during his meeting with his counterpart from ${s.c2![1]} in ${s.city![1]} on ${s.day![1]} ${s.month![1]} ${s.year![1]} the importance of strengthening ${s.field![1]} between the two countries.`,
  ],
  (s) => [
    `رحبت ${s.org![0]} باعتماد القرار ${s.res![0]} بشأن ${s.topic![0]} خلال اجتماعها في ${s.city![0]}.`,
    `The ${s.org![1]} welcomed the adoption of resolution ${s.res![1]} on ${s.topic![1]} during its meeting in ${s.city![1]}.`,
  ],
  (s) => [
    `استقبل ${s.title![0]} ${s.name![0]} سفير ${s.c1![0]} لدى ${s.c2![0]} وبحث معه سبل دعم ${s.field![0]}.`,
    `${s.title![1]} ${s.name![1]} received the Ambassador of ${s.c1![1]} to ${s.c2![1]} and discussed with him ways to support ${s.field![1]}.`,
  ],
  (s) => [
    `دعا مجلس الأمن جميع الأطراف في ${s.c1![0]} إلى وقف إطلاق النار فورا واستئناف المفاوضات في ${s.city![0]}.`,
    `The Security Council called on all parties in ${s.c1![1]} to cease fire immediately and to resume negotiations in ${s.city![1]}.`,
  ],
  (s) => [
    `وقع البلدان ${s.n![0]} اتفاقيات في مجالات ${s.field![0]} و${s.field2![0]} خلال زيارة ${s.name![0]} إلى ${s.city![0]}.`,
    `The two countries signed ${s.n![1]} agreements in the fields of ${s.field![1]} and ${s.field2![1]} during the visit of ${s.name![1]} to ${s.city![1]}.`,
  ],
  (s) => [
    `أعربت ${s.c1![0]} عن قلقها البالغ إزاء تدهور الأوضاع الإنسانية في ${s.c2![0]} ودعت إلى تقديم ${s.topic![0]}.`,
    `${s.c1![1]} expressed its deep concern over the deterioration of the humanitarian situation in ${s.c2![1]} and called for ${s.topic![1]}.`,
  ],
  (s) => [
    `عقدت اللجنة المشتركة بين ${s.c1![0]} و${s.c2![0]} دورتها ${s.ord![0]} في ${s.city![0]} برئاسة ${s.name![0]}.`,
    `The joint committee between ${s.c1![1]} and ${s.c2![1]} held its ${s.ord![1]} session in ${s.city![1]}, chaired by ${s.name![1]}.`,
  ],
  (s) => [
    `أكد البيان الختامي لقمة ${s.org![0]} في ${s.city![0]} على ضرورة احترام سيادة الدول ووحدة أراضيها وعدم التدخل في شؤونها الداخلية.`,
    `The final communiqué of the ${s.org![1]} summit in ${s.city![1]} stressed the need to respect the sovereignty and territorial integrity of States and non-interference in their internal affairs.`,
  ],
  (s) => [
    `شارك ${s.name![0]} في الاجتماع الوزاري حول ${s.topic![0]} الذي عقد في ${s.city![0]} في ${s.month![0]} ${s.year![0]}.`,
    `${s.name![1]} took part in the ministerial meeting on ${s.topic![1]} held in ${s.city![1]} in ${s.month![1]} ${s.year![1]}.`,
  ],
  (s) => [
    `بلغ حجم التبادل التجاري بين ${s.c1![0]} و${s.c2![0]} نحو ${s.n![0]} مليار دولار في عام ${s.year![0]}، بزيادة قدرها ${s.pct![0]} في المائة.`,
    `Trade between ${s.c1![1]} and ${s.c2![1]} reached about ${s.n![1]} billion dollars in ${s.year![1]}, an increase of ${s.pct![1]} per cent.`,
  ],
  (s) => [
    `أجرى ${s.title![0]} اتصالا هاتفيا مع ${s.name![0]} تناول آخر التطورات في ${s.c1![0]} وجهود ${s.org![0]} في مجال ${s.topic![0]}.`,
    `The ${s.title![1]} held a telephone call with ${s.name![1]} on the latest developments in ${s.c1![1]} and the efforts of the ${s.org![1]} in the field of ${s.topic![1]}.`,
  ],
  (s) => [
    `تسلم ${s.title![0]} أوراق اعتماد ${s.name![0]} سفيرا لـ${s.c1![0]} في ${s.city![0]}.`,
    `The ${s.title![1]} received the credentials of ${s.name![1]} as Ambassador of ${s.c1![1]} in ${s.city![1]}.`,
  ],
];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const num = (n: number): Pair => [String(n), String(n)];

export function randomSlots(rnd: () => number, names: readonly Pair[]): Slots {
  return {
    title: pick(rnd, TITLES),
    c1: pick(rnd, COUNTRIES),
    c2: pick(rnd, COUNTRIES),
    city: pick(rnd, CITIES),
    field: pick(rnd, FIELDS),
    field2: pick(rnd, FIELDS),
    org: pick(rnd, ORGS),
    topic: pick(rnd, TOPICS),
    month: pick(rnd, MONTHS),
    ord: pick(rnd, ORDINALS),
    name: pick(rnd, names),
    day: num(1 + Math.floor(rnd() * 28)),
    year: num(2000 + Math.floor(rnd() * 26)),
    res: num(2000 + Math.floor(rnd() * 800)),
    n: num(2 + Math.floor(rnd() * 40)),
    pct: num(3 + Math.floor(rnd() * 60)),
  };
}

export interface Generated {
  template: number;
  slots: Slots;
  pair: Pair;
}

export class Corpus {
  readonly rnd: () => number;
  readonly names: Pair[];
  constructor(seed = 42, nameCount = 4_000) {
    this.rnd = lcg(seed);
    this.names = Array.from({ length: nameCount }, () => name(this.rnd));
  }

  sentence(): Generated {
    const template = Math.floor(this.rnd() * TEMPLATES.length);
    const slots = randomSlots(this.rnd, this.names);
    return { template, slots, pair: (TEMPLATES[template] as Template)(slots) };
  }

  /** The same sentence with `changes` slots drawn again (a near-duplicate, as translators meet them). */
  variant(g: Generated, changes: number): Generated {
    const fresh = randomSlots(this.rnd, this.names);
    const keys = Object.keys(g.slots);
    const slots = { ...g.slots };
    for (let k = 0; k < changes; k++) {
      const key = pick(this.rnd, keys);
      slots[key] = fresh[key] as Pair;
    }
    return { template: g.template, slots, pair: (TEMPLATES[g.template] as Template)(slots) };
  }
}
