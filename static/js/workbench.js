// The review workbench in the browser: keyboard, text selection, drafts, and where the
// server's answers go. Everything here is a shortcut for something the page also offers as a
// link, button or form; the server stays the judge of every change.
(function () {
  "use strict";

  const TYPING = "input, textarea, select, [contenteditable], [contenteditable=true]";
  let selected = -1; // index into the statement list; survives opening and closing the panel

  const items = () => Array.from(document.querySelectorAll("#statement-list .statement-item"));
  const panel = () => document.querySelector(".st-panel");
  const openId = () => (panel() ? panel().dataset.statement : null);

  function activate(id) {
    document.querySelectorAll("mark.hl.is-active").forEach((m) => m.classList.remove("is-active"));
    if (!id) return;
    document.querySelectorAll("mark.hl").forEach((m) => {
      if ((m.dataset.ids || "").split(" ").includes(String(id))) m.classList.add("is-active");
    });
  }

  function select(index, focus = true) {
    const list = items();
    if (!list.length) return null;
    selected = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, i) => el.classList.toggle("is-selected", i === selected));
    const el = list[selected];
    if (el.offsetParent !== null) {
      el.scrollIntoView({ block: "nearest" });
      const link = el.querySelector("a");
      if (link && focus) link.focus({ preventScroll: true });
    }
    activate(openId() || el.dataset.statement);
    return el;
  }

  function indexOf(id) {
    return items().findIndex((el) => el.dataset.statement === String(id));
  }

  function openStatement(id) {
    const url = "/statements/" + id + "/";
    if (window.htmx && document.getElementById("statement-panel")) {
      window.htmx.ajax("GET", url, { target: "#statement-panel", push: url });
    } else {
      window.location.href = url;
    }
  }

  // Back to the list without a page load, so the selection stays where it was. Typed text
  // is not lost: every panel form keeps a draft for this statement (below).
  function closePanel() {
    const current = panel();
    if (!current) return false;
    const unsaved = Array.from(current.querySelectorAll("form[data-draft]")).filter(isDirty);
    const close = current.querySelector("[data-close]");
    document.getElementById("statement-panel").replaceChildren();
    history.pushState({ workbench: "article" }, "", close ? close.getAttribute("href") : location.pathname);
    const at = indexOf(current.dataset.statement);
    select(at >= 0 ? at : selected);
    activate(null);
    if (unsaved.length) {
      toast("Your unsaved text is kept as a draft; it is back when you open this statement again.");
    }
    return true;
  }

  // Pages the workbench pushed itself (closing the panel) are rebuilt by the server.
  window.addEventListener("popstate", (event) => {
    if (!event.state || !event.state.htmx) window.location.reload();
  });

  function toast(text, kind = "info") {
    const region = document.getElementById("messages");
    if (!region) return;
    let list = region.querySelector(".messages");
    if (!list) {
      list = document.createElement("ul");
      list.className = "messages";
      list.setAttribute("role", "status");
      region.append(list);
    }
    const li = document.createElement("li");
    li.className = kind;
    li.textContent = text;
    list.append(li);
    fadeMessages();
  }

  // Successes fade after a while; errors stay until clicked away.
  function fadeMessages() {
    document.querySelectorAll("#messages li:not(.error):not([data-fading])").forEach((li) => {
      li.dataset.fading = "1";
      setTimeout(() => li.remove(), 8000);
    });
  }

  // -- text selected in the article ----------------------------------------------------

  // A selection inside the article body, as offsets into the stored text. Offsets count
  // code points, as Python does, so emoji and accents land where the server expects.
  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const paraOf = (node) => (node.nodeType === 1 ? node : node.parentElement).closest("#article-body p[data-start]");
    const startPara = paraOf(range.startContainer);
    const endPara = paraOf(range.endContainer);
    if (!startPara || !endPara) return null;
    const upTo = (para, node, offset) => {
      const r = document.createRange();
      r.setStart(para, 0);
      r.setEnd(node, offset);
      return Number(para.dataset.start) + Array.from(r.toString()).length;
    };
    const start = upTo(startPara, range.startContainer, range.startOffset);
    const end = upTo(endPara, range.endContainer, range.endOffset);
    return end > start ? { start, end, text: sel.toString() } : null;
  }

  function offerSelection(focus) {
    const form = document.getElementById("new-statement");
    if (!form) return null;
    const found = selectionOffsets();
    if (!found) {
      form.hidden = true;
      return null;
    }
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    form.querySelector(".selection-text").textContent = "“" + found.text.slice(0, 80) + (found.text.length > 80 ? "…" : "") + "”";
    form.querySelector(".form-error").replaceChildren();
    form.hidden = false;
    if (focus) form.querySelector("button").focus();
    return found;
  }

  function addSelectionAs(key) {
    if (!offerSelection(false)) return false;
    const form = document.getElementById("new-statement");
    form.querySelector(`button[data-kind-key="${key}"]`).click(); // a click: htmx sends the button's kind
    return true;
  }

  function refuse(form, text) {
    const slot = form && form.querySelector(".form-error");
    if (!slot) return;
    const p = document.createElement("p");
    p.className = "alert";
    p.textContent = text;
    slot.replaceChildren(p);
    const details = form.closest("details");
    if (details) details.open = true;
    slot.scrollIntoView({ block: "nearest" });
  }

  // r: the open statement's span becomes the selected words (the number fields stay).
  function spanFromSelection() {
    const form = document.getElementById("edit-form");
    const found = selectionOffsets();
    if (!form || !found) return false;
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    form.closest("details").open = true;
    form.requestSubmit();
    return true;
  }

  // x: split the open statement where the selected words start.
  function splitAtSelection() {
    const form = document.getElementById("split-form");
    const found = selectionOffsets();
    if (!form || !found) return false;
    const st = panel();
    const start = Number(st.dataset.start), end = Number(st.dataset.end);
    const at = found.start > start ? found.start : found.end;
    if (!(start < at && at < end)) {
      refuse(form, "Select, inside this statement, the words where the second part starts.");
      return true;
    }
    form.elements.at.value = at;
    form.requestSubmit();
    return true;
  }

  // -- drafts: typed text survives swaps, closing the panel and reloading the page ----------

  const fields = (form) => Array.from(form.elements).filter((el) => el.name && el.name !== "csrfmiddlewaretoken"
    && !["hidden", "submit", "button", "file"].includes(el.type));
  // A list with no option marked selected shows its first one: that is its default, not a change.
  const selectChanged = (el) => {
    const defaults = Array.from(el.options, (o) => o.defaultSelected);
    if (!el.multiple && el.options.length && !defaults.some(Boolean)) defaults[0] = true;
    return Array.from(el.options).some((o, i) => o.selected !== defaults[i]);
  };
  const changed = (el) => (el.tagName === "SELECT" ? selectChanged(el)
    : el.type === "checkbox" || el.type === "radio" ? el.checked !== el.defaultChecked : el.value !== el.defaultValue);
  const isDirty = (form) => fields(form).some(changed);
  const baseVersion = (form) => (form.elements.version ? form.elements.version.value : "new");

  function draftKey(form) {
    const st = form.closest(".st-panel");
    return st && form.id ? `workbench-draft:${st.dataset.statement}:${form.id}` : null;
  }

  function readDraft(key) {
    try { return JSON.parse(sessionStorage.getItem(key)); } catch { return null; }
  }

  function saveDraft(form) {
    const key = draftKey(form);
    if (!key) return;
    const values = {};
    fields(form).filter(changed).forEach((el) => { values[el.name] = el.value; });
    if (Object.keys(values).length) {
      sessionStorage.setItem(key, JSON.stringify({ version: baseVersion(form), values }));
    } else {
      sessionStorage.removeItem(key);
    }
  }

  function applyDraft(form, draft) {
    Object.entries(draft.values).forEach(([name, value]) => {
      const el = form.elements[name];
      if (el && !(el instanceof RadioNodeList)) el.value = value;
    });
    saveDraft(form);
  }

  function draftNote(form, text, actions) {
    form.querySelectorAll(".draft-note").forEach((n) => n.remove());
    const note = document.createElement("p");
    note.className = "draft-note";
    note.append(text + " ");
    actions.forEach(([label, act]) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "link-button";
      b.textContent = label;
      b.addEventListener("click", () => { act(); note.remove(); });
      note.append(b, " ");
    });
    form.prepend(note);
  }

  // A draft typed against the version now shown comes back as it was. One typed against an
  // older version (someone saved in between) is offered, never applied unasked: applying it
  // would overwrite their change without anyone seeing it.
  function restoreDrafts(root) {
    root.querySelectorAll("form[data-draft]").forEach((form) => {
      const key = draftKey(form);
      const draft = key && readDraft(key);
      if (!draft || !draft.values || form.querySelector(".draft-note")) return;
      const differs = Object.entries(draft.values).some(([n, v]) => form.elements[n] && form.elements[n].value !== v);
      if (!differs) return;
      const discard = () => { form.reset(); sessionStorage.removeItem(key); };
      if (draft.version === baseVersion(form)) {
        applyDraft(form, draft);
        draftNote(form, "Your unsaved text is back.", [["Discard it", discard]]);
      } else {
        const preview = Object.values(draft.values).join(" · ").slice(0, 120);
        draftNote(form, `You have unsaved text from before a newer save: “${preview}”.`,
          [["Put it back", () => applyDraft(form, draft)], ["Discard it", discard]]);
      }
      const details = form.closest("details");
      if (details) details.open = true;
    });
  }

  document.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-draft]");
    if (form) saveDraft(form);
  });
  document.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-draft]");
    if (form) saveDraft(form);
  });

  // -- where htmx answers go ---------------------------------------------------------------

  const errorSlot = (elt) => {
    const form = elt && (elt.closest("form") || elt);
    return form ? form.querySelector(".form-error") : null;
  };
  let openDetails = [];

  document.addEventListener("htmx:beforeRequest", (event) => {
    const elt = event.detail.elt;
    const slot = errorSlot(elt);
    if (slot && !slot.contains(elt)) slot.replaceChildren();
    // Only a form's own save clears its draft; a "reload" button inside it must not.
    elt.workbenchDraftKey = elt.matches("form[data-draft]") ? draftKey(elt) : null;
  });

  // A refusal (422, 409, 403) is shown in the form that sent it, which keeps what was typed.
  document.addEventListener("htmx:beforeSwap", (event) => {
    openDetails = Array.from(document.querySelectorAll("details[id][open]")).map((d) => d.id);
    const status = event.detail.xhr.status;
    const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (status < 400 && elt && elt.workbenchDraftKey) sessionStorage.removeItem(elt.workbenchDraftKey); // saved
    if (status < 400 || status >= 500) return;
    const slot = errorSlot(elt);
    if (!slot) return;
    event.detail.shouldSwap = true;
    event.detail.isError = false;
    event.detail.target = slot;
    event.detail.swapOverride = "innerHTML";
    const details = slot.closest("details");
    if (details) details.open = true;
  });


  document.addEventListener("htmx:afterSettle", () => {
    openDetails.forEach((id) => {
      const d = document.getElementById(id);
      if (d) d.open = true;
    });
    const st = panel();
    if (st) {
      const at = indexOf(st.dataset.statement);
      if (at >= 0) selected = at;
      restoreDrafts(st);
    }
    items().forEach((el, i) => el.classList.toggle("is-selected", i === selected));
    activate(openId());
    const bar = document.getElementById("new-statement");
    if (bar && !bar.querySelector(".form-error").children.length) bar.hidden = true;
    fadeMessages();
  });

  // -- the keyboard ----------------------------------------------------------------------

  const focusIn = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const details = el.closest("details");
    if (details) details.open = true;
    el.focus();
    return true;
  };

  function step(delta) {
    const list = items();
    if (!list.length) return false;
    const current = openId() ? indexOf(openId()) : selected;
    const el = select(current < 0 ? (delta > 0 ? 0 : list.length - 1) : current + delta, !openId());
    if (openId() && el && el.dataset.statement !== openId()) openStatement(el.dataset.statement);
    return true;
  }

  function nextUnreviewed() {
    const list = items();
    const from = openId() ? indexOf(openId()) : selected;
    for (let n = 1; n <= list.length; n++) {
      const el = list[(Math.max(from, -1) + n) % list.length];
      if (el.dataset.status === "unreviewed" && !el.dataset.verdict) {
        select(list.indexOf(el), false);
        openStatement(el.dataset.statement);
        return true;
      }
    }
    toast("Every statement in this article has been looked at.");
    return true;
  }

  const clickIn = (selector) => {
    const button = document.querySelector(selector);
    if (!button) return false;
    button.click();
    return true;
  };

  // One table for what the keys do and for the list `?` shows: a key is listed only on a
  // page where it has something to act on.
  const hasList = () => items().length > 0;
  const hasArticle = () => !!document.getElementById("article-body");
  const KEYS = [
    { keys: ["j", "k"], label: "j / k", help: "next / previous statement (opens it when one is open)", when: hasList,
      run: (e) => step(e.key === "j" ? 1 : -1) },
    { keys: ["u"], label: "u", help: "next unreviewed statement", when: hasList, run: nextUnreviewed },
    { keys: ["Enter"], label: "Enter", help: "open the selected statement; in a form: save it (Ctrl+Enter in a text box)",
      when: hasList, run: (e) => {
        const el = items()[selected];
        if (!el || openId() || e.target.closest("a, button")) return false;
        openStatement(el.dataset.statement);
        return true;
      } },
    { keys: ["e"], label: "e", help: "correct the statement", when: panel, run: () => focusIn("#edit-form select[name=kind]") },
    { keys: ["s"], label: "s", help: "add a source", when: panel, run: () => focusIn("#source-form input[name=url]") },
    { keys: ["v"], label: "v", help: "write the verdict", when: panel, run: () => focusIn("#verdict-form select[name=rating]") },
    { keys: ["a"], label: "a", help: "assign to me", when: panel, run: () => clickIn(".st-panel [data-shortcut=a]") },
    { keys: ["m", "M"], label: "m / M", help: "merge with the next / previous statement of its kind", when: panel,
      run: (e) => clickIn(`.st-panel [data-shortcut="${e.key}"]`) },
    { keys: ["c", "q", "i"], label: "c / q / i", help: "add the selected text as a claim / direct quote / reported speech",
      when: hasArticle, run: (e) => addSelectionAs(e.key) },
    { keys: ["n"], label: "n", help: "offer the selected text as a new statement", when: hasArticle, run: () => offerSelection(true) !== null },
    { keys: ["r"], label: "r", help: "set the open statement's span to the selected text", when: panel, run: spanFromSelection },
    { keys: ["x"], label: "x", help: "split the open statement where the selected text starts; with no selection: not the same (the reworded pair offered)",
      when: panel, run: () => splitAtSelection() || clickIn(".st-panel [data-shortcut=x]") },
    { keys: ["y"], label: "y", help: "same statement, reworded (the first pair offered)", when: panel,
      run: () => clickIn(".st-panel [data-shortcut=y]") },
    { keys: ["Escape"], label: "Esc", help: "leave the field; again: close the statement (drafts are kept)", when: panel, run: closePanel },
    { keys: ["?"], label: "?", help: "this list", when: () => true, run: showHelp },
  ];

  function showHelp() {
    const dialog = document.getElementById("shortcuts");
    const list = document.getElementById("shortcut-list");
    if (!dialog || !list) return false;
    list.replaceChildren();
    // What can work on this page: statement keys also while no statement is open yet.
    const page = { hasList: hasList(), article: hasArticle() };
    KEYS.filter((k) => k.when() || (page.article && k.when === panel)).forEach((k) => {
      const dt = document.createElement("dt");
      k.label.split(" / ").forEach((key, i) => {
        if (i) dt.append(" / ");
        const kbd = document.createElement("kbd");
        kbd.textContent = key;
        dt.append(kbd);
      });
      const dd = document.createElement("dd");
      dd.textContent = k.help;
      list.append(dt, dd);
    });
    dialog.showModal();
    return true;
  }

  document.addEventListener("keydown", (event) => {
    const dialog = document.getElementById("shortcuts");
    if (dialog && dialog.open) return; // the dialog handles its own keys
    const target = event.target;
    const form = target.closest && target.closest("form");
    // Enter saves the focused form: in a select (where the browser would not), and with
    // Ctrl/Cmd in a text box (where Enter is a new line).
    if (event.key === "Enter" && form && form.matches("[hx-post]")
        && (target.tagName === "SELECT" || (target.tagName === "TEXTAREA" && (event.ctrlKey || event.metaKey)))) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest(TYPING)) {
      if (event.key === "Escape") target.blur(); // first Esc leaves the field, nothing is lost
      return;
    }
    const entry = KEYS.find((k) => k.keys.includes(event.key));
    if (entry && entry.when() && entry.run(event) !== false) event.preventDefault();
  });

  document.addEventListener("mouseup", (event) => {
    if (event.target.closest("#article-body")) setTimeout(() => offerSelection(false), 0);
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-shortcut-help]")) {
      showHelp();
      return;
    }
    const close = event.target.closest("[data-close]");
    if (close && document.getElementById("statement-index")) {
      event.preventDefault();
      closePanel();
      return;
    }
    const message = event.target.closest("#messages li.error");
    if (message) message.remove();
    const mark = event.target.closest("mark.hl[data-ids]");
    if (mark && !window.getSelection().toString()) {
      event.preventDefault();
      const id = mark.dataset.ids.split(" ")[0];
      const at = indexOf(id);
      if (at >= 0) select(at, false);
      openStatement(id);
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const st = panel();
    if (st) {
      const at = indexOf(st.dataset.statement);
      if (at >= 0) select(at, false);
      activate(st.dataset.statement);
      restoreDrafts(st);
    }
    fadeMessages();
  });
})();

// Bulk actions: the header box ticks or clears every box of its table.
(function () {
  "use strict";
  document.addEventListener("change", (event) => {
    const all = event.target.closest("input[data-select-all]");
    const form = event.target.closest("form");
    if (!form) return;
    const boxes = Array.from(form.querySelectorAll(`input[type=checkbox][name="${all ? all.dataset.selectAll : event.target.name}"]`));
    if (all) {
      boxes.forEach((box) => { box.checked = all.checked; });
      return;
    }
    const header = form.querySelector(`input[data-select-all="${event.target.name}"]`);
    if (header && boxes.length) {
      const ticked = boxes.filter((box) => box.checked).length;
      header.checked = ticked === boxes.length;
      header.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  });
})();
