/**
 * No import cycles between folders: data flows one way (exchange → source → monitor → store →
 * bridge → view), and a folder that imports another must not be imported back by it, directly or
 * through others. The graph is read from the source files' import statements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_ROOTS = ['src-shared', 'src-main', 'src-preload', 'src-renderer/src'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The folder a file belongs to: a process folder's first level (`src-main/store`, with
 * `src-main/kraken/uws` inside `src-main/kraken`), `src-shared`, `src-preload`. A file directly in
 * a process folder (src-main/errors.ts, the composition root src-main/index.ts) is a node of its own.
 */
function folderOf(file: string): string {
  const parts = relative(ROOT, file).split('/');
  const depth = parts[0] === 'src-renderer' ? 3 : 2;
  return parts.length <= depth ? parts.join('/') : parts.slice(0, depth).join('/');
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = folderOf(resolve(dirname(file), match[1] ?? match[2] ?? ''));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's folders, found by a depth-first search (one report per strongly connected set is enough to fail). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  function visit(node: string): void {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  }
  for (const node of [...graph.keys()].sort()) if (state.get(node) === undefined) visit(node);
  return found;
}

describe('folders', () => {
  it('import each other in one direction only', () => {
    const found = cycles(folderGraph()).map((cycle) => cycle.join(' → '));
    expect(found).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
