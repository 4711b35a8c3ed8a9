/**
 * Terraform's `format` verbs (developer.hashicorp.com/terraform/language/functions/format):
 * %v, %#v (JSON), %t, %d, %b, %o, %x, %X, %e, %f, %g, %s, %q and %%, with flags, width,
 * precision and explicit argument indexes `%[n]d`.
 */
import { EvalError, toJson, toNum, toStr, Unknown, type Value } from './values.js';

const VERB = /%([-+# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])/g;

export function formatValue(spec: string, args: Value[]): string | Unknown {
    let next = 0;
    let unknown: Unknown | undefined;
    const out = spec.replace(
        VERB,
        (_m, flags: string, explicit: string | undefined, width: string | undefined, precision: string | undefined, verb: string) => {
            if (verb === '%') return '%';
            if (explicit) next = Number(explicit.slice(1, -1)) - 1;
            if (next >= args.length) throw new EvalError(`format: not enough arguments for the verb %${verb}`);
            const arg = args[next++]!;
            if (arg instanceof Unknown) {
                unknown = arg;
                return '';
            }
            let text = render(verb, flags, precision, arg);
            if (text instanceof Unknown) {
                unknown = text;
                return '';
            }
            const w = width ? Number(width) : 0;
            if (text.length < w) {
                const pad = flags.includes('0') && !flags.includes('-') && /[dfeg]/.test(verb) ? '0' : ' ';
                if (flags.includes('-')) text = text.padEnd(w, ' ');
                else if (pad === '0' && /^[-+]/.test(text)) text = text[0] + text.slice(1).padStart(w - 1, '0');
                else text = text.padStart(w, pad);
            }
            return text;
        }
    );
    return unknown ?? out;
}

function render(verb: string, flags: string, precision: string | undefined, arg: Value): string | Unknown {
    const sign = (n: number, s: string): string => (n >= 0 && flags.includes('+') ? '+' + s : n >= 0 && flags.includes(' ') ? ' ' + s : s);
    switch (verb) {
        case 'v':
            if (flags.includes('#') || (typeof arg === 'object' && arg !== null)) return JSON.stringify(toJson(arg));
            return toStr(arg === null ? 'null' : arg);
        case 's':
            return toStr(arg, 'format argument');
        case 'q': {
            const s = toStr(arg, 'format argument');
            return s instanceof Unknown ? s : JSON.stringify(s);
        }
        case 't':
            if (typeof arg !== 'boolean') throw new EvalError('format: %t needs a bool');
            return String(arg);
        case 'd':
        case 'b':
        case 'o':
        case 'x':
        case 'X': {
            if (verb === 'x' && typeof arg === 'string') return Buffer.from(arg).toString('hex');
            const n = toNum(arg, 'format argument');
            if (n instanceof Unknown) return n;
            if (!Number.isInteger(n)) throw new EvalError(`format: %${verb} needs a whole number`);
            const base = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
            const s = n.toString(base);
            return sign(n, verb === 'X' ? s.toUpperCase() : s);
        }
        case 'e':
        case 'f':
        case 'g': {
            const n = toNum(arg, 'format argument');
            if (n instanceof Unknown) return n;
            const p = precision === undefined ? undefined : Number(precision);
            const s =
                verb === 'f'
                    ? n.toFixed(p ?? 6)
                    : verb === 'e'
                      ? n.toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2')
                      : String(p === undefined ? n : Number(n.toPrecision(p)));
            return sign(n, s);
        }
        default:
            throw new EvalError(`format: unsupported verb %${verb}`);
    }
}
