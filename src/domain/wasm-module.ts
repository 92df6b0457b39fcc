// The one way our AssemblyScript modules are compiled: once per realm (page, worker or Node process), from
// the asset URL the caller names with `new URL('…/asm/build/x.wasm', import.meta.url)` in its own file (Vite
// and the CLI bundle both rewrite that pattern). Browser: the app's own asset, fetched same-origin; Node: the
// file. A failed compile is not cached, so the next call tries again.
const compiled = new Map<string, Promise<WebAssembly.Module>>();

export function compileWasmOnce(url: URL): Promise<WebAssembly.Module> {
  const key = url.href;
  let pending = compiled.get(key);
  if (!pending) {
    pending = (async () => {
      if (url.protocol === 'file:') {
        const fsName = 'node:fs/promises';
        const { readFile } = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
        return WebAssembly.compile(await readFile(url) as BufferSource);
      }
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url.pathname.split('/').pop()}: HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    })();
    compiled.set(key, pending);
    pending.catch(() => { if (compiled.get(key) === pending) compiled.delete(key); });
  }
  return pending;
}
