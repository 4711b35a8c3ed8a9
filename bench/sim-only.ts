import { benchSimulate } from './simulate.js';
const r = await benchSimulate();
console.log(r.rows, r.scaling, r.goals);
