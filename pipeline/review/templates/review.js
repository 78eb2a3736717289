// The review page's behaviour: selection shared by boxes and list, filters, keyboard, block outlines.
(function () {
  "use strict";
  const marks = Array.from(document.querySelectorAll(".mark"));
  const items = Array.from(document.querySelectorAll("#record-list > .record"));
  const marksByKey = new Map();
  for (const mark of marks) {
    const key = mark.dataset.key;
    if (!marksByKey.has(key)) marksByKey.set(key, []);
    marksByKey.get(key).push(mark);
  }
  const itemByKey = new Map(items.map((item) => [item.dataset.key, item]));
  let selected = null;

  function select(key, scrollTo) {
    for (const element of document.querySelectorAll(".selected")) {
      element.classList.remove("selected");
      element.removeAttribute("aria-selected");
    }
    selected = key;
    const item = itemByKey.get(key);
    const boxes = marksByKey.get(key) || [];
    for (const box of boxes) box.classList.add("selected");
    if (item) {
      item.classList.add("selected");
      item.setAttribute("aria-selected", "true");
    }
    if (scrollTo === "page" && boxes.length) boxes[0].scrollIntoView({ block: "center", inline: "nearest" });
    if (scrollTo === "list" && item) item.scrollIntoView({ block: "nearest" });
    const status = document.getElementById("selection");
    if (status) status.textContent = item ? item.querySelector(".text").textContent : "";
  }

  for (const mark of marks) {
    mark.addEventListener("click", (event) => {
      event.preventDefault();
      select(mark.dataset.key, "list");
    });
  }
  for (const item of items) {
    item.addEventListener("click", () => select(item.dataset.key, "page"));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(item.dataset.key, "page");
      }
    });
  }

  function checkedValues(selector) {
    const boxes = Array.from(document.querySelectorAll(selector));
    if (!boxes.length) return null;
    return new Set(boxes.filter((box) => box.checked).map((box) => box.value));
  }

  function applyFilters() {
    const kinds = checkedValues("input.filter-kind");
    const changes = checkedValues("input.filter-change");
    const shown = (element) =>
      (!kinds || kinds.has(element.dataset.kind)) && (!changes || changes.has(element.dataset.change));
    for (const element of marks.concat(items)) element.hidden = !shown(element);
    const visible = items.filter((item) => !item.hidden).length;
    const count = document.getElementById("shown");
    if (count) count.textContent = visible + " of " + items.length + " records shown";
  }
  for (const input of document.querySelectorAll("input.filter-kind, input.filter-change")) {
    input.addEventListener("change", applyFilters);
  }

  const outlines = document.getElementById("toggle-blocks");
  if (outlines) {
    const show = () => {
      for (const layer of document.querySelectorAll(".outlines")) layer.hidden = !outlines.checked;
    };
    outlines.addEventListener("change", show);
    show();
  }

  function step(direction) {
    const visible = items.filter((item) => !item.hidden);
    if (!visible.length) return;
    const at = visible.findIndex((item) => item.dataset.key === selected);
    const next = at < 0 ? (direction > 0 ? 0 : visible.length - 1) : Math.min(Math.max(at + direction, 0), visible.length - 1);
    select(visible[next].dataset.key, "page");
    visible[next].scrollIntoView({ block: "nearest" });
    visible[next].focus({ preventScroll: true });
  }
  const nextButton = document.getElementById("next");
  const previousButton = document.getElementById("previous");
  if (nextButton) nextButton.addEventListener("click", () => step(1));
  if (previousButton) previousButton.addEventListener("click", () => step(-1));
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = "input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]";
    if (event.target instanceof Element && event.target.matches(typing)) return;
    // Arrow keys step through records only from the list; elsewhere they scroll as usual.
    const inList = event.target instanceof Element && event.target.closest("#record-list") !== null;
    if (event.key === "j" || event.key === "n" || (inList && event.key === "ArrowDown")) {
      event.preventDefault();
      step(1);
    } else if (event.key === "k" || event.key === "p" || (inList && event.key === "ArrowUp")) {
      event.preventDefault();
      step(-1);
    }
  });
  applyFilters();
})();
