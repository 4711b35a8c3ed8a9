/**
 * The server's file system: Langium's, except that files are read as the command line reads
 * them. A workspace folder may hold a `.vpc` link to /dev/zero, a named pipe, a 20 MB file or a
 * binary one; reading such a file would exhaust memory or never return and stop the server, so
 * it is refused: the document is empty and the client's log says why, in one line.
 */
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { describeFsError } from '../io/errors.js';
import { readTextFile, UnreadableFileError } from '../io/read-text.js';

export class BoundedFileSystemProvider extends NodeFileSystemProvider {
    constructor(private readonly refused: (message: string) => void) {
        super();
    }

    override async readFile(uri: URI): Promise<string> {
        try {
            return await readTextFile(uri.fsPath);
        } catch (error) {
            // A missing file is the caller's to handle (the settings file is optional).
            if (!(error instanceof UnreadableFileError)) {
                if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
                this.refused(`cannot read '${uri.fsPath}': ${describeFsError(error)}`);
                return '';
            }
            this.refused(error.message);
            return '';
        }
    }
}
