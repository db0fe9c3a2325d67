// The glossary's pages, enhanced (app.js imports this when a page has one of the parts below; everything works
// without it): copy buttons, a term row's input following its language's direction, live search on the list.
export function init({ announce }) {
  // Copy buttons (rendered hidden: they need the clipboard).
  for (const button of document.querySelectorAll("button.copy[hidden]")) {
    if (!navigator.clipboard) break;
    button.hidden = false;
    button.addEventListener("click", () => {
      const from = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
      const text = from ? from.value : button.dataset.copy;
      navigator.clipboard.writeText(text).then(
        () => announce(button.dataset.copied || ""),
        () => {},
      );
    });
  }

  // A term row's input takes the language (and so the direction) chosen for it.
  document.addEventListener("change", (e) => {
    const select = e.target;
    if (!select.dataset || !select.dataset.langOf) return;
    const input = document.getElementById(select.dataset.langOf);
    if (!input) return;
    const rtl = select.value === "ar";
    input.lang = select.value;
    input.dir = rtl ? "rtl" : "ltr";
    const row = select.closest(".term-row");
    if (row) row.classList.toggle("rtl-row", rtl);
  });

  // Live search on the glossary list: results follow the search box without a full reload; only the
  // result count (a live region that stays in place) is announced, not the table.
  const form = document.getElementById("search-form");
  const results = () => document.getElementById("results");
  if (!form || !results() || !window.fetch) return;
  let timer = 0;
  let controller = null;
  const update = () => {
    const params = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...params]) if (v === "") params.delete(k);
    const query = params.toString();
    const url = query ? `/glossary?${query}` : "/glossary";
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url, {
      headers: { "x-fragment": "results" },
      signal: controller.signal,
      credentials: "same-origin",
    })
      .then((res) => (res.ok ? res.text() : Promise.reject(res.status)))
      .then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const fresh = doc.getElementById("results");
        const count = doc.getElementById("result-count");
        if (fresh) results().replaceWith(fresh);
        const live = document.getElementById("result-count");
        if (count && live && live.textContent !== count.textContent) live.textContent = count.textContent;
        history.replaceState(null, "", url);
      })
      .catch(() => {});
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  };
  form.addEventListener("input", (e) => (e.target.name === "q" ? later() : update()));
  form.addEventListener("change", (e) => (e.target.name === "q" ? undefined : update()));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    update();
  });
  // Typed before this module arrived: search for it now.
  if (form.elements.q && form.elements.q.value !== (new URL(location.href).searchParams.get("q") ?? ""))
    update();
}
