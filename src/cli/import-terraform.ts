/** `vpc-lab import terraform DIR|PLAN.json|STATE.json`: writes one .vpc file per VPC and one for the workspace. */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importTerraform, TerraformInputError } from '../interop/terraform/index.js';
import { describeFsError } from '../io/errors.js';
import { ExitCode } from './output.js';

export interface ImportTerraformCliOptions {
    output?: string;
    var?: string[];
    varFile?: string[];
    region?: string;
}

const exists = (path: string): Promise<boolean> =>
    access(path).then(
        () => true,
        () => false
    );

export async function importTerraformCommand(path: string, options: ImportTerraformCliOptions): Promise<number> {
    let result;
    try {
        result = await importTerraform(path, {
            ...(options.region ? { region: options.region } : {}),
            vars: options.var ?? [],
            varFiles: options.varFile ?? [],
            env: process.env
        });
    } catch (e) {
        if (!(e instanceof TerraformInputError)) throw e;
        process.stderr.write(`vpc-lab: ${e.message}\n`);
        return ExitCode.Usage;
    }
    const out = options.output ?? '.';
    const targets = result.files.map(f => ({ path: join(out, f.name), text: f.text }));
    const taken = [];
    for (const t of targets) if (await exists(t.path)) taken.push(t.path);
    if (taken.length) {
        process.stderr.write(`vpc-lab: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}: nothing was written\n`);
        return ExitCode.Usage;
    }
    try {
        await mkdir(out, { recursive: true });
        for (const t of targets) await writeFile(t.path, t.text, { flag: 'wx' });
    } catch (e) {
        process.stderr.write(`vpc-lab: ${out}: cannot write (${describeFsError(e)})\n`);
        return ExitCode.Usage;
    }
    for (const n of result.notes)
        process.stderr.write(`${n.source}: ${n.kind === 'left-out' ? 'left out' : n.kind}: ${n.what} (${n.why})\n`);
    process.stdout.write(targets.map(t => `wrote ${t.path}\n`).join(''));
    return result.notes.some(n => n.kind === 'left-out') ? ExitCode.Errors : ExitCode.Ok;
}
