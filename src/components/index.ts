/**
 * The only import surface for lessons (content/lessons), like Starlight's `components.ts`:
 * `import { Run, Goals } from '../../src/components/index.ts';`
 */
export { default as Run } from './Run.astro';
export { default as Goals } from './Goals.astro';
export { default as LabPanel } from './LabPanel.astro';
export { default as ClusterMap } from './ClusterMap.astro';
export { default as LabControls } from './LabControls.astro';
export { default as EventLog } from './EventLog.astro';
