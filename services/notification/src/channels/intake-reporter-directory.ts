import { timestampDate } from '@bufbuild/protobuf/wkt';
import { IntakeService, outboundChannelMapping } from '@pengaduan/contracts';
import { UpstreamClient, type GrpcTls, type Logger, type MethodsOf } from '@pengaduan/runtime';
import { SYSTEM_CONTACT_PURPOSES, type NotificationPurpose, type OutboundChannel } from '@pengaduan/sop';
import { CONTACT_RESTRICTED, type ReporterAddress, type ReporterDirectory } from './channel.port';

/** intake's API, as notification calls it for reporters' addresses and to screen officers' texts (docs/adr/0023). */
export class IntakeDirectoryClient extends UpstreamClient<MethodsOf<typeof IntakeService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('intake', IntakeService, address, logger, tls);
  }
}

/** Asks intake, which keeps the contacts sealed, where to reach a reporter; the answer is used once and dropped. */
export class IntakeReporterDirectory implements ReporterDirectory {
  constructor(private readonly client: IntakeDirectoryClient) {}

  async resolve(complaintId: string, reporterRef: string, channel: OutboundChannel, purpose: NotificationPurpose): Promise<ReporterAddress | typeof CONTACT_RESTRICTED | undefined> {
    const answer = await this.client.call(
      'resolveReporterAddress',
      { complaintId, reporterRef, channel: outboundChannelMapping.toProto(channel), purpose: SYSTEM_CONTACT_PURPOSES[purpose] },
      complaintId,
    );
    if (answer.restricted) return CONTACT_RESTRICTED;
    if (!answer.found) return undefined;
    return {
      channel,
      recipient: answer.recipient,
      ...(answer.accountId ? { accountId: answer.accountId } : {}),
      ...(answer.lastInboundAt ? { lastInboundAt: timestampDate(answer.lastInboundAt) } : {}),
      ...(answer.trackingPin ? { trackingPin: answer.trackingPin } : {}),
    };
  }
}
