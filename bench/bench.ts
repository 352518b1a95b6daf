import { runBench } from './lib';
import { latencySection } from './latency';

await runBench(process.argv.slice(2), [['latency', () => latencySection()]]);
