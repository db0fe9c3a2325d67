// Progressive enhancement for the glossary list: results follow the search box without a full reload.
// Everything works without this file (the search form is a plain GET form).
(() => {
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
        if (fresh) results().replaceWith(fresh);
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
})();
