import { playDemo, renderDemo } from './scenario.js';

console.log(renderDemo(await playDemo()));
