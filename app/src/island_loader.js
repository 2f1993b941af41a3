((js, wasm) => {
  const children = [];
  const walk = async (node, mod) => {
    for (const el of node.children) {
      if (el.tagName === "LEPTOS-ISLAND") {
        const island = mod[el.dataset.component];
        if (island) {
          children[children.length - 1]?.();
          await island(el);
        }
        await walk(el, mod);
      } else if (el.tagName === "LEPTOS-CHILDREN") {
        children.push(el.$$on_hydrate);
        await walk(el, mod);
        children.pop();
      } else {
        await walk(el, mod);
      }
    }
  };
  const start = async () => {
    const mod = await import(js);
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    await walk(document.body, mod);
  };
  ("requestIdleCallback" in window ? requestIdleCallback : setTimeout)(start);
})
