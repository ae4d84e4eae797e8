/**
 * Outputs never replace inputs, and go only to regular files: every path of a command is compared,
 * through links, and every output target checked, before anything is written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { claimOutput, outputTargetProblem } from '../hosts/file/node';

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

/** The same file by another name: a symbolic link to it, or a hard link (a second name of the same file). */
async function linkKind(file: string, other: string): Promise<'符号链接' | '硬链接' | undefined> {
  const [a, b] = await Promise.all([fs.realpath(file).catch(() => ''), fs.realpath(other).catch(() => '')]);
  if (a && a === b) return (await fs.lstat(file)).isSymbolicLink() ? '符号链接' : undefined;
  return a && b ? '硬链接' : undefined;
}

export interface PathClash {
  message: string;
  /** The output is a link to an input under another name (an output problem, exit 6), not the input's own name (a usage error). */
  link: boolean;
}

/** The first clash: an output equal to an input or to another output, as a Chinese sentence; undefined if none. */
export async function pathClash(inputs: NamedPath[], outputs: NamedPath[]): Promise<PathClash | undefined> {
  const seen = new Map<string, NamedPath & { input: boolean }>();
  for (const p of inputs) seen.set(await identity(p.file), { ...p, input: true });
  for (const p of outputs) {
    const key = await identity(p.file);
    const other = seen.get(key);
    if (other && other.input) {
      const link = await linkKind(p.file, other.file);
      return link
        ? {
            message: `无法写入${p.role} ${p.file}：它是${other.role} ${other.file} 的${link}（同一个文件的另一个名字）；输出绝不覆盖输入，请另选输出文件名`,
            link: true,
          }
        : {
            message: `${p.role} ${p.file} 与${other.role} ${other.file} 是同一个文件；输出绝不覆盖输入，请另选输出文件名`,
            link: false,
          };
    }
    if (other)
      return {
        message: `${p.role} ${p.file} 与 ${other.role} ${other.file} 是同一个文件；请为每个输出另选文件名`,
        link: false,
      };
    seen.set(key, { ...p, input: false });
  }
  return undefined;
}

/**
 * Why an output cannot be written, before any work is done: a target that is not a regular file
 * (folder, device, FIFO, socket, a link to one), a file where a folder should be, or another run
 * writing it now (whose lock this run then does not take). Otherwise the outputs are claimed for
 * this run. Undefined when all is well.
 */
export async function outputsProblem(outputs: NamedPath[]): Promise<string | undefined> {
  for (const o of outputs) {
    const problem = await outputTargetProblem(o.file);
    if (problem) return problem;
  }
  for (const o of outputs) await claimOutput(o.file);
  return undefined;
}
