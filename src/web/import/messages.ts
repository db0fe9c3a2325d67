import { defineMessages, plural } from "../i18n/catalog";

export const importText = defineMessages(
  "import",
  {
    title: "Import glossary entries",
    nav: "Import",
    back: "Back to the import page",
    pageTitle: "Import",
    intro:
      "Upload a CSV, TSV or TBX file (at most 2 MB here; larger files through the API). You will see what would change before anything is saved.",
    file: "File",
    format: "Format",
    fromName: "From the file name",
    mode: "Mode",
    merge: "Merge: add new entries and update changed ones",
    replace: "Replace: also delete entries that are not in the file",
    preview: "Preview import",
    previewTitle: "Import preview",
    counts: "{added} to add, {changed} to change, {deleted} to delete, {unchanged} unchanged ({mode}).",
    mode_merge: "merge",
    mode_replace: "replace",
    additions: "Additions",
    changes: "Changes",
    deletions: "Deletions",
    nothing: "Nothing to import: the glossary already holds this file.",
    apply: "Apply import",
    cancel: "Cancel",
    chooseFile: "Choose a file to import.",
    template: "Download the XLSX template (column headers, one example entry, what each column holds)",
    tooBig: (mb: number) => `The file is larger than ${mb} MB; use the API for big imports.`,
    unknownFormat: (name: string, formats: string) =>
      `Cannot tell the format of “${name}”: choose one of ${formats}.`,
    notUtf8: "The file is not UTF-8 text.",
    badFormat: "Unknown format.",
    tooLarge: "The file is too large.",
    movedSincePreview: "The glossary changed since your preview. Review the changes again.",
    movedWhileImporting: "The glossary changed while importing; nothing was saved. Review again.",
    refused: "The file was refused.",
    fromFile: "File: {file}",
    noKey: (row: number) => `(no key, entry ${row} of the file)`,
    skipRow: "Skip",
    skipHint: "Tick “Skip” on any row you do not want; the rest is applied.",
    additionN: (n: number) => `addition ${n}`,
    changeN: (n: number) => `change ${n}`,
    deletionN: (n: number) => `deletion ${n}`,
    matchedByKey: "Matched by its key {key}.",
    matchedByTerms:
      "Matched by its preferred English and Arabic terms, not by a key (file row: {fileKey}; this entry's key: {key}).",
    skippedOnRequest: plural("en", {
      one: "# row left out as you chose.",
      other: "# rows left out as you chose.",
    }),
    skippedTitle: plural("en", {
      one: "# entry of the file cannot be imported",
      other: "# entries of the file cannot be imported",
    }),
    adjustedTitle: plural("en", {
      one: "# entry imported with a change",
      other: "# entries imported with a change",
    }),
    notKeptTitle: "In the file but not stored by Diwan",
    atLine: (line: number) => `Line ${line}:`,
    backToImport: "Import another file",
    doneTitle: "Import done",
    done: (added: number, changed: number, deleted: number, unchanged: number) =>
      `${added} added, ${changed} changed, ${deleted} deleted, ${unchanged} unchanged.`,
    doneSkipped: (skipped: number, left: number) =>
      `Not imported from the file: ${skipped}; left out as you chose: ${left}.`,
  },
  {
    title: "استيراد مداخل إلى المسرد",
    nav: "استيراد",
    back: "العودة إلى صفحة الاستيراد",
    pageTitle: "استيراد",
    intro:
      "ارفع ملف CSV أو TSV أو TBX (بحد أقصى 2 MB هنا؛ والملفات الأكبر عبر الواجهة البرمجية API). سترى ما سيتغيّر قبل حفظ أي شيء.",
    file: "الملف",
    format: "الصيغة",
    fromName: "من اسم الملف",
    mode: "طريقة الاستيراد",
    merge: "دمج: إضافة المداخل الجديدة وتحديث ما تغيّر منها",
    replace: "استبدال: وحذف المداخل التي ليست في الملف أيضًا",
    preview: "معاينة الاستيراد",
    previewTitle: "معاينة الاستيراد",
    counts: "للإضافة: {added}، للتغيير: {changed}، للحذف: {deleted}، بلا تغيير: {unchanged} ({mode}).",
    mode_merge: "دمج",
    mode_replace: "استبدال",
    additions: "الإضافات",
    changes: "التغييرات",
    deletions: "المحذوفات",
    nothing: "لا شيء للاستيراد: المسرد يحوي هذا الملف كله.",
    apply: "تنفيذ الاستيراد",
    cancel: "إلغاء",
    chooseFile: "اختر ملفًا لاستيراده.",
    template: "تنزيل قالب XLSX (عناوين الأعمدة، ومدخل واحد مثالًا، وشرح كل عمود)",
    tooBig: (mb: number) => `حجم الملف أكبر من ${mb} MB؛ استعمل الواجهة البرمجية API للملفات الكبيرة.`,
    unknownFormat: (name: string, formats: string) =>
      `تعذّر تحديد صيغة «${name}»: اختر إحدى الصيغ ${formats}.`,
    notUtf8: "الملف ليس نصًا بترميز UTF-8.",
    badFormat: "صيغة غير معروفة.",
    tooLarge: "الملف كبير جدًا.",
    movedSincePreview: "تغيّر المسرد منذ المعاينة. راجِع التغييرات مرة أخرى.",
    movedWhileImporting: "تغيّر المسرد أثناء الاستيراد؛ لم يُحفظ شيء. راجِع مرة أخرى.",
    refused: "رُفض الملف.",
    fromFile: "الملف: {file}",
    noKey: (row: number) => `(بلا مفتاح، المدخل ${row} في الملف)`,
    skipRow: "تخطٍّ",
    skipHint: "علِّم «تخطٍّ» على أي صف لا تريده؛ ويُنفَّذ الباقي.",
    additionN: (n: number) => `الإضافة ${n}`,
    changeN: (n: number) => `التغيير ${n}`,
    deletionN: (n: number) => `الحذف ${n}`,
    matchedByKey: "طوبق بمفتاحه {key}.",
    matchedByTerms:
      "طوبق بمصطلحيه المفضَّلين الإنكليزي والعربي، لا بمفتاح (صف الملف: {fileKey}؛ ومفتاح هذا المدخل: {key}).",
    skippedOnRequest: plural("ar", {
      zero: "لم يُترك أي صف.",
      one: "تُرك صف واحد كما اخترت.",
      two: "تُرك صفان كما اخترت.",
      few: "تُركت # صفوف كما اخترت.",
      many: "تُرك # صفًا كما اخترت.",
      other: "تُرك # صف كما اخترت.",
    }),
    skippedTitle: plural("ar", {
      zero: "لا مداخل متعذّرة الاستيراد",
      one: "مدخل واحد من الملف يتعذّر استيراده",
      two: "مدخلان من الملف يتعذّر استيرادهما",
      few: "# مداخل من الملف يتعذّر استيرادها",
      many: "# مدخلًا من الملف يتعذّر استيرادها",
      other: "# مدخل من الملف يتعذّر استيرادها",
    }),
    adjustedTitle: plural("ar", {
      zero: "لا مداخل مستوردة بتعديل",
      one: "مدخل واحد يُستورد بتعديل",
      two: "مدخلان يُستوردان بتعديل",
      few: "# مداخل تُستورد بتعديل",
      many: "# مدخلًا تُستورد بتعديل",
      other: "# مدخل تُستورد بتعديل",
    }),
    notKeptTitle: "في الملف ولا يحفظه Diwan",
    atLine: (line: number) => `السطر ${line}:`,
    backToImport: "استيراد ملف آخر",
    doneTitle: "اكتمل الاستيراد",
    done: (added: number, changed: number, deleted: number, unchanged: number) =>
      `أُضيف: ${added}، تغيّر: ${changed}، حُذف: ${deleted}، بلا تغيير: ${unchanged}.`,
    doneSkipped: (skipped: number, left: number) =>
      `تعذّر استيراده من الملف: ${skipped}؛ وتُرك كما اخترت: ${left}.`,
  },
);

/** The import page's help: each format's columns, templates, and the warning about diacritics. */
export const importHelpText = defineMessages(
  "import-help",
  {
    formatsTitle: "What each format holds",
    format: "Format",
    layout: "Layout",
    columns: "Columns",
    template: "Template",
    download: (format: string) => `${format} template`,
    tableLayout:
      "One row per term; the rows of an entry share its key, and the entry's own fields are on its first row. One preferred term per language.",
    tableValues: "{lang} is {ar} or {en}; {status} is one of {statuses}.",
    tableBilingual:
      "Also read: one row per entry, with a header naming the Arabic and English columns ({names}) and, if wanted, {optional}.",
    tbxLayout:
      "{tbx3} or {tbx2008}: one concept entry per glossary entry, with a language section for Arabic and one for English.",
    omegatLayout:
      "OmegaT's glossary text ({ext}): one row per entry, no header; lines starting with # are comments.",
    omegatColumns: "Arabic term, English term, comment (read as the note).",
    arabicRule:
      "Write Arabic terms as the glossary's rule says: lemmas, without clitics and without diacritics (harakat), with the correct hamza.",
    diacriticsTitle: plural("en", {
      one: "# Arabic term carries diacritics",
      other: "# Arabic terms carry diacritics",
    }),
    diacriticsExplain:
      "The glossary's rule is to write terms without diacritics (harakat), unless they are part of the norm. They are stored exactly as in the file; search and recognition ignore them. Correct the file, or skip the row, if they are not wanted.",
  },
  {
    formatsTitle: "ما تحويه كل صيغة",
    format: "الصيغة",
    layout: "البنية",
    columns: "الأعمدة",
    template: "القالب",
    download: (format: string) => `تنزيل قالب ${format}`,
    tableLayout:
      "صف لكل مصطلح؛ تشترك صفوف المدخل الواحد في مفتاحه، وحقول المدخل نفسه في صفه الأول. مصطلح مفضَّل واحد لكل لغة.",
    tableValues: "{lang}: {ar} أو {en}؛ و{status}: إحدى القيم {statuses}.",
    tableBilingual:
      "ويُقرأ كذلك: صف لكل مدخل، بسطر عناوين يسمّي عمودَي العربية والإنكليزية ({names})، ومعهما إن شئت {optional}.",
    tbxLayout: "{tbx3} أو {tbx2008}: مدخل مفهوم لكل مدخل في المسرد، فيه قسم لغة للعربية وآخر للإنكليزية.",
    omegatLayout:
      "ملف مسرد OmegaT النصي ({ext}): صف لكل مدخل، بلا سطر عناوين؛ والأسطر التي تبدأ بـ # تعليقات.",
    omegatColumns: "المصطلح العربي، المصطلح الإنكليزي، تعليق (يُقرأ ملاحظةً).",
    arabicRule:
      "اكتب المصطلحات العربية كما تقضي قاعدة المسرد: بصيغة المدخل المعجمي، بلا سوابق ولواحق وبلا تشكيل (حركات)، وبالهمزة الصحيحة.",
    diacriticsTitle: plural("ar", {
      zero: "لا مصطلحات عربية مشكولة",
      one: "مصطلح عربي واحد مشكول",
      two: "مصطلحان عربيان مشكولان",
      few: "# مصطلحات عربية مشكولة",
      many: "# مصطلحًا عربيًا مشكولًا",
      other: "# مصطلح عربي مشكول",
    }),
    diacriticsExplain:
      "قاعدة المسرد أن تُكتب المصطلحات بلا تشكيل (حركات)، إلا ما كان جزءًا من الصيغة المعتمدة. تُحفظ كما هي في الملف تمامًا، ويتجاهلها البحث والتعرّف. صحّح الملف أو تخطَّ الصف إن لم تكن مقصودة.",
  },
);
