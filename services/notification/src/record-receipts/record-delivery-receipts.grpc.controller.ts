import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ReceiptStatus, type RecordDeliveryReceiptsRequest, type RecordDeliveryReceiptsResponseSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RecordDeliveryReceiptsHandler, type ForwardedReceipt } from './record-delivery-receipts.handler';

const STATUS: Partial<Record<ReceiptStatus, ForwardedReceipt['status']>> = {
  [ReceiptStatus.QUEUED]: 'queued',
  [ReceiptStatus.SENT]: 'sent',
  [ReceiptStatus.DELIVERED]: 'delivered',
  [ReceiptStatus.READ]: 'read',
  [ReceiptStatus.FAILED]: 'failed',
};

/** `NotificationService.RecordDeliveryReceipts`: maps the request, refusing a receipt without status or time. */
@Controller()
export class RecordDeliveryReceiptsGrpcController {
  constructor(private readonly handler: RecordDeliveryReceiptsHandler) {}

  @GrpcMethod('NotificationService', 'RecordDeliveryReceipts')
  async recordDeliveryReceipts(@Payload() request: RecordDeliveryReceiptsRequest): Promise<MessageInitShape<typeof RecordDeliveryReceiptsResponseSchema>> {
    const receipts = request.receipts.map((r, i): ForwardedReceipt => {
      const status = STATUS[r.status];
      if (!status || !r.at || !r.receiptId || !r.provider || !r.providerMessageId) {
        throw new ServiceError('invalid', 'REQUEST.INVALID', 'a receipt needs an id, provider, message id, status and time', {
          fieldViolations: [{ field: `receipts[${i}]`, description: 'receiptId, provider, providerMessageId, status and at are required' }],
        });
      }
      return { receiptId: r.receiptId, provider: r.provider, providerMessageId: r.providerMessageId, status, at: timestampDate(r.at), ...(r.errorCode ? { errorCode: r.errorCode } : {}) };
    });
    return this.handler.execute(receipts);
  }
}
