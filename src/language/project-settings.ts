/**
 * `vpc-lab.json` at the workspace root: per-code severities shared by the command line and the
 * language server (where the editor sends none). `{ "severity": { "nat-no-internet": "off" } }`.
 */
export const SETTINGS_FILE = 'vpc-lab.json';

export interface ProjectSettings {
    severity: Record<string, unknown>;
}

/** A settings value as a plain object (the file, its or the editor's `severity` map), or undefined when it is not one. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Parses the file's text; a problem is a sentence naming what is wrong. */
export function parseProjectSettings(text: string): { settings: ProjectSettings; problems: string[] } {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        return { settings: { severity: {} }, problems: [`${SETTINGS_FILE} is not valid JSON: ${(error as Error).message}`] };
    }
    const root = objectOf(value);
    if (!root) {
        return { settings: { severity: {} }, problems: [`${SETTINGS_FILE} must hold a JSON object`] };
    }
    const severity = objectOf(root.severity ?? {});
    if (!severity) {
        return {
            settings: { severity: {} },
            problems: [`"severity" in ${SETTINGS_FILE} must map diagnostic codes to error, warning, info, hint or off`]
        };
    }
    return { settings: { severity }, problems: [] };
}
