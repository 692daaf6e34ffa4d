// The auditors' replay without I/O (see Auditor), and the whole audit of some records in memory.
export type { AuditOptions } from './audit-options';
export { Auditor } from './auditor';
export { auditEvents, reportInMemory } from './audit-events';
export type { ChainFinding, SignatureVerdict } from '../report';
