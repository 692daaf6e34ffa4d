import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { GetDestructionRecordRequest, GetDestructionRecordResponseSchema, ListDestructionRecordsRequest, ListDestructionRecordsResponseSchema } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { Role } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { validate as isUuid } from 'uuid';

/** Who reads the office's destruction records (docs/adr/0057): the head who answers for them, Admin Tikkim, the auditor. */
export const DESTRUCTION_RECORD_READERS: readonly Role[] = ['KEPALA_KANTOR', 'ADMIN_TIKKIM', 'AUDITOR'];

/** `IntakeService.ListDestructionRecords` and `GetDestructionRecord`: the berita acara pemusnahan of the officer's office. */
@Controller()
export class DestructionRecordsGrpcController {
  constructor(private readonly runtime: ServiceRuntime) {}

  @GrpcMethod('IntakeService', 'ListDestructionRecords')
  async list(@Payload() r: ListDestructionRecordsRequest): Promise<MessageInitShape<typeof ListDestructionRecordsResponseSchema>> {
    const office = officeOf(r.actor);
    const rows = (await this.runtime.dataSource.query(
      'SELECT id, number, created_at, complaint_count, sha256 FROM destruction_record WHERE office_code = $1 ORDER BY created_at DESC, number DESC LIMIT 500',
      [office],
    )) as { id: string; number: string; created_at: Date; complaint_count: number; sha256: string }[];
    return { records: rows.map((x) => ({ id: x.id, number: x.number, createdAt: timestampFromDate(x.created_at), complaintCount: x.complaint_count, sha256: x.sha256 })) };
  }

  @GrpcMethod('IntakeService', 'GetDestructionRecord')
  async get(@Payload() r: GetDestructionRecordRequest): Promise<MessageInitShape<typeof GetDestructionRecordResponseSchema>> {
    const office = officeOf(r.actor);
    const [row] = isUuid(r.id)
      ? ((await this.runtime.dataSource.query('SELECT number, content FROM destruction_record WHERE id = $1 AND office_code = $2', [r.id, office])) as { number: string; content: Buffer }[])
      : [];
    if (!row) throw new ServiceError('not-found', 'DESTRUCTION_RECORD.NOT_FOUND', 'no destruction record of the office has that id');
    return { fileName: `berita-acara-pemusnahan-${row.number.replace(/\//g, '-')}.pdf`, content: row.content };
  }
}

function officeOf(actor: { role: string; officeCode?: string } | undefined): string {
  if (!actor || !(DESTRUCTION_RECORD_READERS as readonly string[]).includes(actor.role)) {
    throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'only the head of office, Admin Tikkim and the auditor read destruction records');
  }
  if (!actor.officeCode) throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'an officer without an office reads no destruction record');
  return actor.officeCode;
}
