import { DOCUMENT_KINDS } from '@pengaduan/documents';
import { ApiProperty } from '@nestjs/swagger';

/** One SOP document of a complaint, as its recording event named it. */
export class ComplaintDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'LEMBAR_DISPOSISI' })
  kind!: string;

  @ApiProperty({ example: 'Lembar Disposisi', description: 'Title in Bahasa Indonesia' })
  title!: string;

  @ApiProperty({ example: 'LD/BLP/2026/000012' })
  number!: string;

  @ApiProperty({ example: 'a3f1…', description: 'SHA-256 (lowercase hex) of the PDF, as the event that recorded the output carries it: a printed copy can be checked against it (npm run audit -- --check-document)' })
  sha256!: string;

  @ApiProperty({ format: 'date-time', description: 'When the output was recorded' })
  at!: string;

  @ApiProperty({ example: '/api/v1/complaints/0199…/documents/LEMBAR_DISPOSISI', description: 'The PDF (same bearer token)' })
  url!: string;
}

export class ComplaintDocumentListDto {
  @ApiProperty({ type: [ComplaintDocumentDto], description: 'In SOP order' })
  documents!: ComplaintDocumentDto[];
}
