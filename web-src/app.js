// Progressive enhancement for the web pages. Everything works without this file: the search form is a plain
// GET form, the entry form a plain POST form; this adds keyboard shortcuts, the review page's keys, menus
// and term tips, and loads glossary.js (live search, copy buttons, a term input's direction following its
// language) on the pages that have those.
(() => {
  // The version query of this script's address (?v=…), for the scripts it loads later.
  const assetQuery = document.currentScript ? new URL(document.currentScript.src).search : "";
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

  // "Add to glossary" (segment page, inline editor): a phrase selected in the Arabic fills the form's Arabic
  // term, one selected in an English element (a text field: its selected part) the English term. The
  // listener goes when its form leaves the page (a closed inline editor).
  const pickTerms = (form, arabic, english) => {
    const termAr = form?.querySelector('[data-term="ar"]');
    const termEn = form?.querySelector('[data-term="en"]');
    if (!termAr || !termEn || !arabic) return;
    const onSelection = () => {
      if (!form.isConnected) return document.removeEventListener("selectionchange", onSelection);
      const field = english.find((el) => el === document.activeElement && "selectionStart" in el);
      // A selection of the whole field is a select-all (to replace the translation), not a term.
      const part = field && field.selectionEnd - field.selectionStart;
      if (part > 0 && part < field.value.length) {
        termEn.value = field.value.slice(field.selectionStart, field.selectionEnd).trim();
        return;
      }
      const sel = document.getSelection();
      if (!sel || sel.isCollapsed) return;
      const inside = (el) => el?.contains(sel.anchorNode) && el.contains(sel.focusNode);
      if (inside(arabic)) termAr.value = sel.toString().trim();
      else if (english.some(inside)) termEn.value = sel.toString().trim();
    };
    document.addEventListener("selectionchange", onSelection);
  };
  // "Use this translation" puts the match's English in the field (the button posts the form without script).
  const fillFrom = (root, field) => {
    for (const button of root.querySelectorAll("button[data-fill]"))
      button.addEventListener("click", (e) => {
        e.preventDefault();
        field.value = button.dataset.fill;
        field.focus();
        announce(button.dataset.filled || "");
      });
  };

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

  // The glossary's pages: copy buttons, a term's direction following its language, live search. Their code
  // (glossary.js) is loaded when the page has one of them, so that the review page's first visit does not
  // carry it; without it those pages work as without script.
  if (document.querySelector("button.copy[hidden], [data-lang-of], #search-form"))
    import(`/web/glossary.js${assetQuery}`).then(
      (m) => m.init({ announce }),
      () => {},
    );

  // Review of a document (every operation is also a form that works without this): ↑/↓ or j/k move between
  // beads and on to the next or previous page; x ticks, Shift+click ticks a range; a approves, r marks
  // reviewed, m merges, [ ] { } move a sentence, u unpairs, s opens the split form, g re-aligns and A
  // approves the ticked run; z undoes the latest operation, y redoes. Each row gets a menu of operations.
  const table = document.querySelector("table.beads");
  const beads = table ? Array.from(table.tBodies[0].rows) : [];
  const ops = document.getElementById("ops");
  const only = document.getElementById("only");
  const menuTemplate = document.getElementById("bead-menu");
  const post = (action, row) => {
    const box = row?.querySelector("input[type=checkbox]");
    only.value = box ? box.value : "";
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "action";
    input.value = action;
    ops.appendChild(input);
    ops.submit();
  };
  const ticked = () => beads.some((r) => r.querySelector("input[type=checkbox]:checked"));
  let addMenu = () => {};
  if (beads.length) {
    for (const row of beads) row.tabIndex = -1;
    const hash = location.hash.slice(1);
    const target =
      hash === "first" ? beads[0] : hash === "last" ? beads[beads.length - 1] : document.getElementById(hash);
    if (target && beads.includes(target) && !document.querySelector("[autofocus]")) target.focus();
    const pageLink = (which) => document.querySelector(`nav.pager a[data-page="${which}"]`);
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || e.target.closest?.(".editor-row")) return;
      if (e.key === "Escape") return closeMenus();
      const row = document.activeElement?.closest("tr");
      const at = row ? beads.indexOf(row) : -1;
      const go = (i) => {
        const link = i >= beads.length ? pageLink("next") : i < 0 ? pageLink("prev") : null;
        if (link) {
          e.preventDefault();
          location.href = `${link.href}#${i < 0 ? "last" : "first"}`;
          return;
        }
        const next = beads[Math.max(0, Math.min(beads.length - 1, i))];
        if (next) {
          e.preventDefault();
          next.focus();
          history.replaceState(null, "", `#${next.id}`);
        }
      };
      if (e.key === "ArrowDown" || e.key === "j") return go(at + 1);
      if (e.key === "ArrowUp" || e.key === "k") return go(at < 0 ? 0 : at - 1);
      if (ops && (e.key === "z" || e.key === "y")) {
        const button = document.querySelector(`button[data-history="${e.key === "z" ? "undo" : "redo"}"]`);
        if (button) {
          e.preventDefault();
          button.click();
        }
        return;
      }
      if (ops && (e.key === "g" || e.key === "A") && (ticked() || at >= 0)) {
        e.preventDefault();
        return post(e.key === "g" ? "realign" : "approve-range", ticked() ? null : row);
      }
      if (at < 0 || e.target !== row) return;
      const box = row.querySelector("input[type=checkbox]");
      const single = {
        m: "merge",
        "[": "move-en-first",
        "]": "move-en-last",
        "{": "move-ar-first",
        "}": "move-ar-last",
        u: "unpair",
      };
      const button = ops && document.querySelector(`#toolbar button[data-key="${e.key}"]`);
      if (button && box) {
        e.preventDefault();
        only.value = box.value;
        button.click();
      } else if (ops && box && single[e.key]) {
        e.preventDefault();
        post(single[e.key], row);
      } else if (e.key === "x" && box) {
        e.preventDefault();
        box.checked = !box.checked;
      } else if (ops && (e.key === "e" || e.key === "t")) {
        e.preventDefault();
        openEditor(row, e.key === "t" ? "term" : "en");
      } else if (e.key === "Enter" || (e.key === "s" && ops)) {
        const link = row.querySelector("th a");
        if (link) {
          e.preventDefault();
          location.href = e.key === "s" ? `${link.href}#split` : link.href;
        }
      }
    });

    // Shift+click on a box ticks every box between it and the last one clicked.
    let lastBox = null;
    table.addEventListener("click", (e) => {
      const box = e.target.closest?.("input[type=checkbox]");
      if (!box) return;
      const boxes = beads.map((r) => r.querySelector("input[type=checkbox]"));
      if (e.shiftKey && lastBox) {
        const [i, j] = [boxes.indexOf(lastBox), boxes.indexOf(box)].sort((x, y) => x - y);
        for (let k = i; k <= j; k++) if (boxes[k]) boxes[k].checked = box.checked;
      }
      lastBox = box;
    });

    // A menu per row: one template, cloned into the row whose button is pressed.
    const closeMenus = () => {
      for (const m of document.querySelectorAll("table.beads .bead-menu")) {
        const opener = m.previousElementSibling;
        m.remove();
        if (opener) {
          opener.setAttribute("aria-expanded", "false");
          if (m.contains(document.activeElement) || document.activeElement === document.body) opener.focus();
        }
      }
    };
    const label = document.getElementById("mlabel");
    addMenu = (row) => {
      if (!ops || !menuTemplate) return;
      const th = row.cells[0];
      const opener = document.createElement("button");
      opener.type = "button";
      opener.className = "menu-open";
      opener.textContent = "⋯";
      opener.setAttribute("aria-expanded", "false");
      // "Operations 12": the menu's word and the row's number (the link's text).
      const number = th.querySelector("a")?.textContent ?? "";
      opener.setAttribute("aria-label", label ? `${label.textContent} ${number}` : number);
      th.appendChild(opener);
      opener.addEventListener("click", () => {
        const open = opener.getAttribute("aria-expanded") === "true";
        closeMenus();
        if (open) return;
        const menu = menuTemplate.content.firstElementChild.cloneNode(true);
        const link = th.querySelector("a");
        menu.querySelector("[data-split]").href = `${link.href}#split`;
        menu.addEventListener("click", (e) => {
          const edit = e.target.closest("[data-edit]");
          if (edit) {
            closeMenus();
            openEditor(row, edit.dataset.edit);
          } else if (e.target.closest("button")) {
            only.value = row.querySelector("input[type=checkbox]").value;
          }
        });
        opener.after(menu);
        opener.setAttribute("aria-expanded", "true");
        menu.querySelector("button, a").focus();
      });
    };
    for (const row of beads) addMenu(row);
    if (ops && menuTemplate) {
      document.addEventListener("click", (e) => {
        if (!e.target.closest || !e.target.closest(".bead-menu, .menu-open")) closeMenus();
      });
    }
  }

  // The review table's inline editor (e, or "Edit the English" in the row's menu; t opens it at "Add to
  // glossary"): its script (inline-editor.js) is loaded the first time one is opened, so it is no part of
  // any page's first load; if it cannot be loaded, the bead's segment page (the same form) opens instead.
  const openEditor = (row, focus) =>
    import(`/web/inline-editor.js${assetQuery}`).then(
      (m) => m.openEditor(row, focus, { announce, addMenu, pickTerms, fillFrom }),
      () => {
        location.href = row.querySelector("th a").href;
      },
    );
  // Glossary terms on the review page: the entry (from the page's list of terms) beside the term under the
  // pointer or the keyboard focus; Escape hides it. A term link is described by its status (the page's
  // words); the entry is added here, so that a screen reader reads what the tip shows — for the links of the
  // page, and for those of a row the inline editor puts in later when they are first pointed at or focused.
  const describe = (a) => {
    const ids = (a.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    const entry = a.getAttribute("href").slice(1);
    if (!ids.includes(entry)) a.setAttribute("aria-describedby", [...ids, entry].join(" "));
  };
  const tip = document.createElement("div");
  tip.className = "term-tip";
  tip.id = "term-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  const showTip = (a) => {
    const entry = document.getElementById(a.getAttribute("href").slice(1));
    if (!entry) return;
    tip.replaceChildren(...Array.from(entry.childNodes, (n) => n.cloneNode(true)));
    for (const el of tip.querySelectorAll("[id]")) el.removeAttribute("id");
    tip.hidden = false;
    const r = a.getBoundingClientRect();
    tip.style.top = `${window.scrollY + r.bottom + 4}px`;
    tip.style.left = `${Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4))}px`;
  };
  const hideTip = () => {
    tip.hidden = true;
  };
  if (document.querySelector("a.t")) {
    for (const a of document.querySelectorAll("a.t")) describe(a);
    // Inside <main>: all content belongs to a landmark.
    (document.querySelector("main") || document.body).appendChild(tip);
    for (const type of ["mouseover", "focusin"])
      document.addEventListener(type, (e) => {
        const a = e.target.closest?.("a.t");
        if (!a) return;
        describe(a);
        showTip(a);
      });
    for (const type of ["mouseout", "focusout"])
      document.addEventListener(type, (e) => {
        if (e.target.closest?.("a.t")) hideTip();
      });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") hideTip();
    });
  }

  // Segment page: a phrase selected in the Arabic or the English fills the add-to-glossary form; taking a
  // memory match fills the English field in place (without a round trip; the button posts without script).
  const arText = document.getElementById("ar-text");
  const enField = document.getElementById("en");
  const addTerm = document.getElementById("add-term");
  if (addTerm && arText && enField) pickTerms(addTerm, arText, [enField]);
  if (enField) fillFrom(document, enField);
})();
