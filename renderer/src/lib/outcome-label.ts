/** How a call ended, as the agent reads it: the same rule as the CSV export's, from the contract's constants. */
export { outcomeLabelKey } from '../../../preload/contract/constants';
