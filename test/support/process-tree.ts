import { readdirSync, readFileSync } from 'node:fs';

/** The parent of every live process, from /proc (Linux). */
const parents = (): Map<number, number> => {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command may hold spaces and parentheses: the fields after its last ')' are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      map.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return map;
};

/** `pid` and all its descendants. */
export const processTree = (pid: number): number[] => {
  const byParent = parents();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of byParent) if (parent === tree[i]) tree.push(child);
  return tree;
};

/** Proportional set size of one process in MiB (shared pages split among their users), 0 when it is gone. */
export const pssMib = (pid: number): number => {
  try {
    const kib = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** PSS of every process under the given roots, in MiB. */
export const treePssMib = (...roots: number[]): number => roots.flatMap((root) => processTree(root)).reduce((sum, pid) => sum + pssMib(pid), 0);
