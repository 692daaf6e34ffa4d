// The pure decision of a command on a complaint (see decide).
export { decide } from './decide';
