/** Outputs never replace inputs: every path of a command is compared, through links, before anything is written. */
import { promises as fs } from 'fs';
import * as path from 'path';

export interface NamedPath {
  /** How the user gave it: `-o`, `--json`, `输入工作簿`. */
  role: string;
  file: string;
}

/** A key equal for two paths to the same file: device + inode when it exists, else the resolved path. */
async function identity(file: string): Promise<string> {
  const resolved = path.resolve(file);
  try {
    const st = await fs.stat(resolved);
    return `${st.dev}:${st.ino}`;
  } catch {
    // Not there yet: resolve its folder's links so a/../x and a link to the folder still compare equal.
    try {
      return path.join(await fs.realpath(path.dirname(resolved)), path.basename(resolved));
    } catch {
      return resolved;
    }
  }
}

/** The first clash: an output equal to an input or to another output, as a Chinese sentence; undefined if none. */
export async function pathClash(inputs: NamedPath[], outputs: NamedPath[]): Promise<string | undefined> {
  const seen = new Map<string, NamedPath & { input: boolean }>();
  for (const p of inputs) seen.set(await identity(p.file), { ...p, input: true });
  for (const p of outputs) {
    const key = await identity(p.file);
    const other = seen.get(key);
    if (other)
      return other.input
        ? `${p.role} ${p.file} 与${other.role} ${other.file} 是同一个文件；输出绝不覆盖输入，请另选输出文件名`
        : `${p.role} ${p.file} 与 ${other.role} ${other.file} 是同一个文件；请为每个输出另选文件名`;
    seen.set(key, { ...p, input: false });
  }
  return undefined;
}
