import { compile } from '../src/simulator/compile.js';
import { Walk } from '../src/simulator/engine.js';
import { computeMatrix } from '../src/simulator/matrix.js';
import { probeMix, topologyOf } from './simulate.js';
const t = await topologyOf(1000);
const c = compile(t);
const probes = probeMix(t, 300_000);
for (let r = 0; r < 3; r++) { const s = performance.now(); for (const p of probes) { const w = new Walk(c, p, false); w.run(); } console.log('probes/s', Math.round(probes.length / ((performance.now() - s) / 1000))); }
const s = performance.now(); computeMatrix(c); console.log('matrix', performance.now() - s);
