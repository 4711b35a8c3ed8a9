/**
 * Where an imported element came from: a file and a line where the source has lines (templates,
 * `.tf` files), else the file and a JSON path (`describe-*` output). Shown on stderr and in the
 * comment above each element of the output.
 */
export interface SourceRef {
    /** The file as the user should see it (relative to the working directory when inside it). */
    file: string;
    /** 1-based. */
    line?: number;
    /** A JSON path inside the file, e.g. `Subnets[3]`, for sources without useful lines. */
    path?: string;
}

/** `vpc.yaml:42`, or `describe-subnets.json Subnets[3]`, or just the file. */
export function formatSource(source: SourceRef): string {
    if (source.line !== undefined) return `${source.file}:${source.line}`;
    return source.path ? `${source.file} ${source.path}` : source.file;
}
