import { playDemo, renderDemo } from './scenario.js';

console.log(renderDemo(await playDemo()));
console.log('\nThe rule ids in the titles (F3, A5, …) are explained in docs/behaviour.md.');
