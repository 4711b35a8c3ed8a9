/**
 * The BEFORE side of `vpc-lab diff --git REV [PATH...]`: the `.vpc` files of a revision, read
 * through git (see io/git-revision.ts), never checked out. Files pair with the working tree's by
 * their path in the repository.
 */
import { URI } from 'langium';
import { GitError, readRevisionFiles, repositoryPath, type RevisionFiles } from '../io/git-revision.js';
import { UsageError } from './workspace.js';
import type { SideFiles } from './diff-pair.js';
import { readVpcFiles } from './diff-sides.js';

/** Both sides of `--git REV [PATH...]`: the revision's files under PATHs, and the working tree's, paired by their path in the repository. */
export async function readGitSides(rev: string, paths: readonly string[]): Promise<{ before: SideFiles; after: SideFiles }> {
    const given = paths.length > 0 ? paths : ['.'];
    let revision: RevisionFiles;
    try {
        revision = readRevisionFiles(rev, given, process.cwd());
    } catch (error) {
        if (error instanceof GitError) throw new UsageError(error.message);
        throw error;
    }
    const before: SideFiles = {
        label: rev,
        errors: [],
        files: revision.files.map(file => ({
            display: `${rev}:${file.path}`,
            key: file.path,
            text: file.text,
            uri: URI.from({ scheme: 'git', path: `/${file.path}`, query: revision.commit }).toString()
        }))
    };
    const after = await readVpcFiles(given, 'working tree', file => repositoryPath(revision.top, file));
    // A folder with no .vpc files (all new, or all deleted) is still a side; with none on either, there is nothing to compare.
    after.errors = after.errors.filter(e => !e.startsWith('no .vpc files in folder'));
    if (revision.files.length === 0 && after.files.length === 0)
        after.errors.push(`no .vpc files under ${given.map(p => `'${p}'`).join(', ')} in '${rev}' or the working tree`);
    return { before, after };
}
