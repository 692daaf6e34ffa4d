import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** The erasure Admin Tikkim records on the complainant's verified request (docs/adr/0057). */
export class PersonalDataErasureBody {
  @ApiProperty({ enum: ['REQUEST'], example: 'REQUEST', description: 'REQUEST: the complainant’s own verified request (UU 27/2022 Art. 8). RETENTION is the retention job’s alone.' })
  @IsIn(['REQUEST'])
  reason!: 'REQUEST';
}
