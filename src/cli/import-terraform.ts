/** `vpc-lab import terraform DIR...|PLAN.json|STATE.json`: writes one .vpc file per VPC and one for the workspace. */
import { runImport } from './import.js';

export interface ImportTerraformCliOptions {
    output?: string;
    var?: string[];
    varFile?: string[];
    region?: string;
}

export function importTerraformCommand(paths: string[], options: ImportTerraformCliOptions): Promise<number> {
    return runImport(
        'terraform',
        paths,
        { region: options.region, vars: options.var ?? [], varFiles: options.varFile ?? [], env: process.env },
        options.output
    );
}
