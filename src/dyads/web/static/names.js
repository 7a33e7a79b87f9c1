// Actor pickers: inputs marked data-names suggest names from the knowledge base
// ("China", "Viet Nam", "Xi Jinping") as the user types; the server turns a name into its code.
(function () {
  "use strict";
  const list = document.getElementById("actor-names");
  if (!list) return;
  let pending = null;
  const fill = (names) => {
    list.replaceChildren(...names.map((n) => {
      const option = document.createElement("option");
      option.value = n.name;
      option.label = `${n.code} · ${n.kind}`;
      return option;
    }));
  };
  document.querySelectorAll("input[data-names]").forEach((input) => {
    input.addEventListener("input", () => {
      const q = input.value.trim();
      if (q.length < 2) return;
      clearTimeout(pending);
      pending = setTimeout(() => {
        fetch("/api/actors/names?q=" + encodeURIComponent(q))
          .then((r) => (r.ok ? r.json() : []))
          .then(fill)
          .catch(() => fill([]));
      }, 120);
    });
  });
})();
