// langium-cli's TextMate grammar colours keywords, comments and strings only. This adds what a
// topology is mostly made of (CIDR blocks, addresses, ports, numbers, durations, reason codes, the
// probe arrow) and keeps keywords from lighting up inside hyphenated names (`web-sg`, `all-hosts`).
import { readFile, writeFile } from 'node:fs/promises';

const path = new URL('../syntaxes/vpc.tmLanguage.json', import.meta.url);
const grammar = JSON.parse(await readFile(path, 'utf8'));

// A token boundary in this language: not inside a name (letters, digits, _ and -) nor an address.
const before = '(?<![\\w.:-])';
const after = '(?![\\w.:-])';
const values = [
    { name: 'constant.numeric.cidr.ipv6.vpc', match: `${before}(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F.]*(?:/[0-9]{1,3})?${after}` },
    { name: 'constant.numeric.cidr.ipv4.vpc', match: `${before}[0-9]{1,3}(?:\\.[0-9]{1,3}){3}/[0-9]{1,2}${after}` },
    { name: 'constant.numeric.address.ipv4.vpc', match: `${before}[0-9]{1,3}(?:\\.[0-9]{1,3}){3}${after}` },
    { name: 'constant.numeric.port-range.vpc', match: `${before}[0-9]+-[0-9]+${after}` },
    { name: 'constant.numeric.duration.vpc', match: `${before}[0-9]+[smh]${after}` },
    { name: 'constant.numeric.integer.vpc', match: `${before}[0-9]+${after}` },
    { name: 'constant.language.reason.vpc', match: '\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b' },
    { name: 'keyword.operator.arrow.vpc', match: '->' },
    { name: 'punctuation.separator.vpc', match: '[,:]' }
];

const keywords = grammar.patterns.find(p => typeof p.name === 'string' && p.name.startsWith('keyword.control.'));
if (!keywords || !/^\\b\(.*\)\\b$/.test(keywords.match))
    throw new Error('textmate: the generated grammar has no keyword pattern of the expected form');
keywords.match = keywords.match.replace(/^\\b/, '(?<![\\w-])').replace(/\\b$/, '(?![\\w-])');
if (!grammar.patterns.some(p => p.name === values[0].name)) {
    const at = grammar.patterns.indexOf(keywords);
    grammar.patterns.splice(at, 0, ...values);
}
await writeFile(path, JSON.stringify(grammar, null, 2) + '\n');
