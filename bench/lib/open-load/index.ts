export { OpenLoad, type Refusal } from './open-load';
export { judge, summary, type Summary, type WindowStats } from './window-stats';
