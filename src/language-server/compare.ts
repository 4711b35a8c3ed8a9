/**
 * `vpc/compare` and `vpc/revisions`: the workspace as built now against a git revision of its
 * `.vpc` files. The revision's side is read through git and built once per commit; the answer is
 * kept per commit and build, so the panel and a repeated command after the same edit cost nothing.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { buildTexts } from '../language/build-texts.js';
import type { WorkspaceSnapshot } from '../language/workspace-model.js';
import { commitOf, GitError, readRevisionFiles, recentRevisions, repositoryTop } from '../io/git-revision.js';
import { CompareRequest, RevisionsRequest, type CompareResult } from '../protocol.js';
import { diffTopologies } from '../simulator/diff.js';
import { compareResult } from './compare-result.js';
import { builtDocuments, inFolders, SelectionModels, trackFolders } from './folder-model.js';
import { whenBuilt } from './preview-requests.js';
import type { VpcLspServices } from './vpc-lsp-module.js';

/** Revisions' sides kept at once: comparing with HEAD, then a branch, then HEAD again rebuilds nothing. */
const KEPT_REVISIONS = 4;

export function serveCompare(connection: Connection, shared: LangiumSharedServices, services: VpcLspServices): void {
    const folders = trackFolders(shared);
    const selections = new SelectionModels(services);
    const cwd = () => folders()[0] ?? process.cwd();

    const sides = new Map<string, Promise<WorkspaceSnapshot>>();
    const sideOf = (commit: string): Promise<WorkspaceSnapshot> => {
        let side = sides.get(commit);
        if (!side) {
            // The files under the workspace folders, named as git shows them (`git:/path?commit`): never mistaken for the open ones.
            const read = readRevisionFiles(commit, folders(), cwd());
            side = buildTexts(
                read.files.map(f => ({ uri: URI.from({ scheme: 'git', path: `/${f.path}`, query: commit }).toString(), text: f.text }))
            );
            side.catch(() => sides.delete(commit));
            sides.set(commit, side);
            for (const old of [...sides.keys()].slice(0, Math.max(0, sides.size - KEPT_REVISIONS))) sides.delete(old);
        }
        return side;
    };

    let cached: { commit: string; revision: string; after: WorkspaceSnapshot; result: CompareResult } | undefined;
    const answer = async (revision: string, token: CancellationToken): Promise<CompareResult> => {
        let commit: string;
        let before: WorkspaceSnapshot;
        try {
            // A folder outside any repository is said as such, not as an unknown revision.
            repositoryTop(cwd());
            commit = commitOf(revision, cwd());
            before = await sideOf(commit);
        } catch (error) {
            if (error instanceof GitError) return { revision, commit: '', changes: [], elements: [], error: error.message };
            throw error;
        }
        // Like the revision's side, the files under the workspace folders only: a .vpc file opened from elsewhere is not part of the change.
        const selected = await whenBuilt(shared, token, () => {
            const all = builtDocuments(shared);
            return selections.of(
                all.filter(d => inFolders(d, folders())),
                all
            );
        });
        const after = selected.snapshot;
        if (cached?.commit === commit && cached.after === after && cached.revision === revision) return cached.result;
        const diff = diffTopologies(before.topology, after.topology, { compiled: { before: before.compiled(), after: after.compiled() } });
        const result = { revision, commit, ...compareResult(diff, before, after) };
        cached = { commit, revision, after, result };
        return result;
    };

    connection.onRequest(CompareRequest, (params, token) => {
        const revision = typeof params?.revision === 'string' && params.revision.trim() !== '' ? params.revision.trim() : 'HEAD';
        return answer(revision, token);
    });
    connection.onRequest(RevisionsRequest, () => recentRevisions(cwd()));
}
