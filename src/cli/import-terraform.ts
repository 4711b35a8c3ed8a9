/** `vpc-lab import terraform DIR...|PLAN.json|STATE.json`: writes one .vpc file per VPC and one for the workspace. */
import { join } from 'node:path';
import { ImportError, writeImportFiles } from '../interop/common/index.js';
import { ImportInputError, prepareImport } from '../interop/run-import.js';
import { describeFsError } from '../io/errors.js';
import { ExitCode } from './output.js';

export interface ImportTerraformCliOptions {
    output?: string;
    var?: string[];
    varFile?: string[];
    region?: string;
}

export async function importTerraformCommand(paths: string[], options: ImportTerraformCliOptions): Promise<number> {
    let result;
    try {
        result = await prepareImport('terraform', paths, {
            region: options.region,
            vars: options.var ?? [],
            varFiles: options.varFile ?? [],
            env: process.env
        });
    } catch (e) {
        if (!(e instanceof ImportInputError)) throw e;
        process.stderr.write(`vpc-lab: ${e.message}\n`);
        return ExitCode.Usage;
    }
    const out = options.output ?? '.';
    try {
        await writeImportFiles(out, result.files);
    } catch (e) {
        process.stderr.write(`vpc-lab: ${e instanceof ImportError ? e.message : `${out}: cannot write (${describeFsError(e)})`}\n`);
        return ExitCode.Usage;
    }
    for (const note of result.notes) process.stderr.write(`${note.text}\n`);
    process.stdout.write(result.files.map(f => `wrote ${join(out, f.name)}\n`).join(''));
    return result.leftOut ? ExitCode.Errors : ExitCode.Ok;
}
