import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';

export class FieldErrorDto {
  @ApiProperty({ example: 'contact.email', description: 'Path of the field, nested names joined with dots' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** The body of every error (RFC 9457 problem details). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:pengaduan:problem:REQUEST.INVALID' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'the request is not valid; see errors' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/complaints', description: 'The request path' })
  instance!: string;

  @ApiProperty({ example: 'REQUEST.INVALID', description: 'Stable code to match on' })
  code!: string;

  @ApiPropertyOptional({ example: 'RECEIVED', description: "The complaint's current SOP status (conflicts only)" })
  state?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['dismiss'],
    description: 'What this officer may do instead in the current state (illegal transitions only; libs/sop command types)',
  })
  availableActions?: string[];

  @ApiPropertyOptional({ example: 5, description: "The complaint's version the service has (412 COMPLAINT.VERSION_CONFLICT and 409 COMPLAINT.NOT_CAUGHT_UP; docs/adr/0033)" })
  version?: number;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Each bad field (400 only)' })
  errors?: FieldErrorDto[];
}

/** Documents the problem responses an operation may answer. */
export function ApiProblemResponses(...responses: [status: number, description: string][]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...responses.map(([status, description]) =>
      ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}
