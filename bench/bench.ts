import { runBench } from './lib';

await runBench(process.argv.slice(2));
