// Progressive enhancement for the web pages. Everything works without this file: the search form is a plain
// GET form, the entry form a plain POST form; this adds live search, keyboard shortcuts, copy buttons and
// a term input's direction following its language.
(() => {
  // One polite live region for short confirmations ("Copied."), present before anything is announced.
  const status = document.createElement("output");
  status.className = "sr-only";
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  const announce = (text) => {
    status.textContent = "";
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  };

  const typing = (el) =>
    el &&
    (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest("[contenteditable]"));

  // Keyboard shortcuts: "/" goes to the search box, Ctrl+S (⌘S) saves the entry form.
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
      const q = document.getElementById("q");
      if (q) {
        e.preventDefault();
        q.focus();
        q.select();
      }
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
      const form = document.getElementById("entry-form");
      if (!form) return;
      e.preventDefault();
      const save = form.querySelector('button[name="_action"][value="save"]');
      if (form.requestSubmit) form.requestSubmit(save);
      else save.click();
    }
  });

  // Switching language or digits reloads the page: a form holding unsaved work (edited here, or shown again
  // after a refused save or a conflict) would lose it, so ask first.
  const guarded = Array.from(document.querySelectorAll("form[data-guard]"));
  const dirty = new Set(guarded.filter((f) => f.hasAttribute("data-unsaved")));
  for (const f of guarded) {
    f.addEventListener("input", () => dirty.add(f));
    f.addEventListener("change", () => dirty.add(f));
    f.addEventListener("submit", () => dirty.delete(f));
  }
  for (const prefs of document.querySelectorAll("form.prefs[data-confirm]")) {
    prefs.addEventListener("submit", (e) => {
      if (dirty.size && !window.confirm(prefs.dataset.confirm)) e.preventDefault();
    });
  }

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

  // Review of a document: ↑/↓ (or j/k) move between beads, a approves the bead, r marks it reviewed, x ticks
  // it, e (or Enter) opens it. a and r post the page's own form for that one bead (its `only` field).
  const table = document.querySelector("table.beads");
  const beads = table ? Array.from(table.tBodies[0].rows) : [];
  const ops = document.getElementById("ops");
  if (beads.length) {
    for (const row of beads) row.tabIndex = -1;
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && beads.includes(target) && !document.querySelector("[autofocus]")) target.focus();
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const row = document.activeElement?.closest("tr");
      const at = row ? beads.indexOf(row) : -1;
      const go = (i) => {
        const next = beads[Math.max(0, Math.min(beads.length - 1, i))];
        if (next) {
          e.preventDefault();
          next.focus();
          history.replaceState(null, "", `#${next.id}`);
        }
      };
      if (e.key === "ArrowDown" || e.key === "j") return go(at + 1);
      if (e.key === "ArrowUp" || e.key === "k") return go(at < 0 ? 0 : at - 1);
      if (at < 0 || e.target !== row) return;
      const box = row.querySelector("input[type=checkbox]");
      const button = ops && document.querySelector(`#toolbar button[data-key="${e.key}"]`);
      if (button && box) {
        e.preventDefault();
        document.getElementById("only").value = box.value;
        button.click();
      } else if (e.key === "x" && box) {
        e.preventDefault();
        box.checked = !box.checked;
      } else if (e.key === "e" || e.key === "Enter") {
        const link = row.querySelector("th a");
        if (link) {
          e.preventDefault();
          location.href = link.href;
        }
      }
    });
  }

  // Segment page: a phrase selected in the Arabic or the English fills the add-to-glossary form; taking a
  // memory match fills the English field in place (without a round trip; the button posts without script).
  const termAr = document.getElementById("term-ar");
  const termEn = document.getElementById("term-en");
  const arText = document.getElementById("ar-text");
  const enField = document.getElementById("en");
  if (termAr && termEn && arText && enField) {
    document.addEventListener("selectionchange", () => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed && arText.contains(sel.anchorNode) && arText.contains(sel.focusNode)) {
        termAr.value = sel.toString().trim();
      } else if (document.activeElement === enField && enField.selectionEnd > enField.selectionStart) {
        termEn.value = enField.value.slice(enField.selectionStart, enField.selectionEnd).trim();
      }
    });
  }
  for (const button of document.querySelectorAll("button[data-fill]")) {
    if (!enField) break;
    button.addEventListener("click", (e) => {
      e.preventDefault();
      enField.value = button.dataset.fill;
      enField.focus();
      announce(button.dataset.filled || "");
    });
  }

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
})();
