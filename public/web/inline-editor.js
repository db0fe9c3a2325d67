// The review table's inline editor (loaded by app.js the first time a bead's editor is opened: e, t or the
// row's menu). It puts the segment page's own form, the memory's best matches with their diffs and the
// add-a-term form, fetched as a fragment (x-fragment: editor), into a row under the bead. Saving posts that
// form against the segment version it showed: the answer is the bead as it is now (its row replaced in
// place), or 409 with the colleague's text shown and ours kept in the field. Without script the bead's
// number leads to the segment page, which has the same form.

// What app.js lends: the live region, a row's menu button, the add-a-term and use-this-match behaviours.
let announce, addMenu, pickTerms, fillFrom;

const parse = (html) => new DOMParser().parseFromString(html, "text/html");
const editorRowOf = (row) =>
  row.nextElementSibling?.classList.contains("editor-row") ? row.nextElementSibling : null;
// The bead as the server shows it now, and the document's counts; returns what the server said was done.
// After a save also what undoes it (the flash's Undo, the latest operations: z undoes the newest) and the
// document's version, when the page was current before the save (so that its operations still apply).
const placeBead = (row, doc) => {
  const fresh = doc.querySelector("tbody tr");
  if (fresh && fresh.id === row.id) {
    row.className = fresh.className;
    row.replaceChildren(...fresh.childNodes);
    addMenu(row);
  }
  const summary = doc.getElementById("summary");
  if (summary) document.getElementById("summary")?.replaceWith(summary);
  // Entries of terms the page did not hold yet: into its list (or the whole list, if it had none).
  const terms = doc.querySelector(".terms-on-page");
  const list = document.querySelector(".terms-on-page ul");
  if (terms && !list) document.querySelector("section.history, section.exports")?.before(terms);
  for (const li of terms && list ? terms.querySelectorAll("li[id]") : [])
    if (!document.getElementById(li.id)) list.appendChild(li);
  // What was done, read before its flash moves into the page.
  const said = doc.getElementById("saved")?.textContent || "";
  const done = doc.getElementById("done");
  if (done) {
    const shown = document.getElementById("done");
    if (shown) shown.replaceWith(done);
    else document.querySelector("form.search")?.before(done);
  }
  const history = doc.querySelector("section.history");
  if (history) {
    const shown = document.querySelector("section.history");
    if (shown) shown.replaceWith(history);
    else document.querySelector("section.exports")?.before(history);
  }
  const version = doc.getElementById("page-version")?.value;
  const pageVersion = document.querySelector('#ops input[name="v"]');
  if (version && pageVersion) pageVersion.value = version;
  return said;
};
const closeEditor = (row) => {
  editorRowOf(row)?.remove();
  row.focus();
};
const showEditor = (row, doc, focus) => {
  const section = doc.querySelector("[data-editor]");
  if (!section) return false;
  let editorRow = editorRowOf(row);
  if (!editorRow) {
    editorRow = document.createElement("tr");
    editorRow.className = "editor-row";
    editorRow.appendChild(document.createElement("td")).colSpan = row.cells.length;
    row.after(editorRow);
  }
  editorRow.cells[0].replaceChildren(section);
  const form = section.querySelector("form[method=post]");
  const field = form.querySelector("textarea");
  fillFrom(section, field);
  pickTerms(section.querySelector("form[method=get]"), row.querySelector('td[lang="ar"]'), [
    row.querySelector('td[lang="en"]'),
    field,
  ]);
  section.querySelector("[data-cancel]")?.addEventListener("click", () => closeEditor(row));
  // Escape leaves an untouched editor (typed text is only dropped by Cancel); Ctrl+Enter or Ctrl+S saves.
  section.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && field.value === field.defaultValue) closeEditor(row);
    const save = form.querySelector('button[value="save"]');
    if ((e.ctrlKey || e.metaKey) && (e.key === "Enter" || e.key.toLowerCase() === "s") && save) {
      e.preventDefault();
      form.requestSubmit(save);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    if (e.submitter?.name) data.set(e.submitter.name, e.submitter.value);
    // The document version the review page shows: the answer says whether the page is still current.
    const pageVersion = document.querySelector('#ops input[name="v"]')?.value;
    if (pageVersion) data.set("page_v", pageVersion);
    const asPage = () => {
      // Anything else (signed out, a refused form): the segment page's own answer, as without script.
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "_action";
      input.value = data.get("_action") || "save";
      form.appendChild(input);
      form.submit();
    };
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "x-fragment": "editor" },
      credentials: "same-origin",
    })
      .then(async (res) => {
        const doc = parse(await res.text());
        if (res.ok && doc.getElementById("saved")) {
          const said = placeBead(row, doc);
          closeEditor(row);
          announce(said);
        } else if (res.status === 409 && doc.querySelector("[data-editor]")) {
          placeBead(row, doc);
          showEditor(row, doc);
        } else asPage();
      })
      .catch(asPage);
  });
  const target =
    section.querySelector(".conflict") ||
    section.querySelector(focus === "term" ? '[data-term="ar"]' : "textarea");
  target?.focus();
  return true;
};

export function openEditor(row, focus, page) {
  ({ announce, addMenu, pickTerms, fillFrom } = page);
  const link = row.querySelector("th a");
  if (!link) return;
  const open = editorRowOf(row);
  if (open) {
    open.querySelector(focus === "term" ? '[data-term="ar"]' : "textarea")?.focus();
    return;
  }
  fetch(link.href, { headers: { "x-fragment": "editor" }, credentials: "same-origin" })
    .then(async (res) => {
      if (!res.ok || !showEditor(row, parse(await res.text()), focus)) location.href = link.href;
    })
    .catch(() => {
      location.href = link.href;
    });
}
