import { runBench } from './lib';
import { latencySection } from './latency';
import { importSection } from './import';

await runBench(process.argv.slice(2), [
  ['latency', () => latencySection()],
  ['import', () => importSection(process.argv.slice(2))],
]);
