// Keyboard shortcuts and text selection for the review workbench. Everything here is a
// shortcut for something the page also offers as a link, button or form.
(function () {
  "use strict";

  const TYPING = "input, textarea, select, [contenteditable], [contenteditable=true]";
  let selected = -1;

  function items() {
    return Array.from(document.querySelectorAll(".statement-item"));
  }

  function activate(id) {
    document.querySelectorAll("mark.hl.is-active").forEach((m) => m.classList.remove("is-active"));
    if (!id) return;
    document.querySelectorAll("mark.hl").forEach((m) => {
      if ((m.dataset.ids || "").split(" ").includes(String(id))) m.classList.add("is-active");
    });
  }

  function select(index) {
    const list = items();
    if (!list.length) return;
    selected = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, i) => el.classList.toggle("is-selected", i === selected));
    const el = list[selected];
    el.scrollIntoView({ block: "nearest" });
    const link = el.querySelector("a");
    if (link) link.focus({ preventScroll: true });
    activate(el.dataset.statement);
  }

  function openStatement(id) {
    const url = "/statements/" + id + "/";
    if (window.htmx && document.getElementById("panel")) {
      window.htmx.ajax("GET", url, { target: "#panel" }).then(() => history.pushState({}, "", url));
    } else {
      window.location.href = url;
    }
  }

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
    if (!form) return;
    const found = selectionOffsets();
    if (!found) {
      form.hidden = true;
      return;
    }
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    form.querySelector(".selection-text").textContent = "“" + found.text.slice(0, 80) + (found.text.length > 80 ? "…" : "") + "”";
    form.hidden = false;
    if (focus) form.querySelector("button").focus();
  }

  document.addEventListener("mouseup", (event) => {
    if (event.target.closest("#article-body")) setTimeout(() => offerSelection(false), 0);
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-shortcut-help]")) {
      document.getElementById("shortcuts").showModal();
      return;
    }
    const mark = event.target.closest("mark.hl[data-ids]");
    if (mark && !window.getSelection().toString()) {
      event.preventDefault();
      openStatement(mark.dataset.ids.split(" ")[0]);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const dialog = document.getElementById("shortcuts");
    if (event.key === "Escape") {
      if (dialog && dialog.open) return; // the dialog closes itself
      const close = document.querySelector("[data-close]");
      if (close && !event.target.closest(TYPING)) close.click();
      return;
    }
    if (event.target.closest(TYPING) || (dialog && dialog.open)) return;
    const panel = document.querySelector(".st-panel");
    const focusIn = (selector) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const details = el.closest("details");
      if (details) details.open = true;
      el.focus();
      return true;
    };
    let handled = true;
    switch (event.key) {
      case "j": select(selected + 1); break;
      case "k": select(selected - 1); break;
      case "Enter": {
        const el = items()[selected];
        if (el && !event.target.closest("a, button")) openStatement(el.dataset.statement);
        else handled = false;
        break;
      }
      case "e": handled = focusIn("#edit-form select[name=kind]"); break;
      case "s": handled = focusIn("#source-form input[name=url]"); break;
      case "v": handled = focusIn("#verdict-form select[name=rating]"); break;
      case "a":
      case "y":
      case "x": {
        // Assign to me; confirm or reject the first reworded rendering offered.
        const button = panel && panel.querySelector(`[data-shortcut=${event.key}]`);
        if (button) button.click(); else handled = false;
        break;
      }
      case "n": offerSelection(true); break;
      case "?": if (dialog) dialog.showModal(); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("htmx:afterSwap", () => {
    const panel = document.querySelector(".st-panel");
    activate(panel ? panel.dataset.statement : null);
    const form = document.getElementById("new-statement");
    if (form) form.hidden = true;
  });

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.querySelector(".st-panel");
    if (panel) activate(panel.dataset.statement);
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
